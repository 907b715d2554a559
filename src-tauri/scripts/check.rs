//! Checks before a text is pasted: its length as the chosen platform counts it, and the words
//! platforms commonly block or flag (advertising and spam: 加微信, 私聊返现, 刷单…).
//!
//! A check never changes the text: it says which word and where, and the owner decides. The
//! word list ships with a default the owner can edit (one word a line, stored in the
//! workspace's settings).
use crate::groups::Platform;
use crate::store::{Area, Write};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a platform counts a message, and how long one may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Limit {
    /// The longest message, in the platform's units; none for "other".
    pub max: Option<u32>,
    /// Telegram counts UTF-16 code units (an emoji outside the BMP is two); the others
    /// count characters. None counts bytes.
    pub utf16: bool,
}

/// The commonly met limits of one text message: WeChat and WeCom cut a group message at
/// about 2,000 characters, QQ at about 4,500; Telegram's Bot API takes 4,096 UTF-16 units;
/// Discord 2,000 characters without Nitro.
pub fn limit(platform: Option<Platform>) -> Limit {
    let (max, utf16) = match platform {
        Some(Platform::Wechat) | Some(Platform::Wecom) => (Some(2000), false),
        Some(Platform::Qq) => (Some(4500), false),
        Some(Platform::Telegram) => (Some(4096), true),
        Some(Platform::Discord) => (Some(2000), false),
        Some(Platform::Other) | None => (None, false),
    };
    Limit { max, utf16 }
}

/// The length of `text` as `platform` counts it.
pub fn length(text: &str, platform: Option<Platform>) -> u32 {
    if limit(platform).utf16 {
        text.encode_utf16().count() as u32
    } else {
        text.chars().count() as u32
    }
}

/// The shipped list: advertising, spam and money-lure phrases that get messages folded,
/// flagged or accounts restricted on Chinese platforms.
pub const DEFAULT_WORDS: &[&str] = &[
    "加微信",
    "加我微信",
    "加V",
    "加vx",
    "加薇",
    "私聊返现",
    "返现",
    "刷单",
    "兼职刷单",
    "日结",
    "日赚",
    "躺赚",
    "稳赚不赔",
    "保本高收益",
    "免费领取",
    "扫码领取",
    "点击链接",
    "代理加盟",
    "招代理",
    "无抵押贷款",
    "网贷",
    "博彩",
    "内部消息",
    "低价代购",
    "转发朋友圈领",
];

const WORDS_KEY: &str = "scripts.sensitive_words";
const OWNER_KEY: &str = "scripts.owner_name";

/// One sensitive word found in a text: the word and its place (characters from the start).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WordHit {
    pub word: String,
    pub at: u32,
    pub len: u32,
    /// 1-based line and column (characters), for the message.
    pub line: u32,
    pub column: u32,
}

/// A word list line that is not one word.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line} of the word list is not one word: {text:?}")]
pub struct BadWordLine {
    pub line: u32,
    pub text: String,
}

/// The longest a listed word may be.
pub const MAX_WORD: usize = 30;

/// Reads a word list: one word a line; empty lines are skipped; a line with spaces, commas or
/// more than [`MAX_WORD`] characters is refused (it is several words, or a sentence pasted).
pub fn parse_words(text: &str) -> Result<Vec<String>, BadWordLine> {
    let mut out: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let word = line.trim();
        if word.is_empty() {
            continue;
        }
        let several = word
            .chars()
            .any(|c| c.is_whitespace() || ",，、;；".contains(c) || c.is_control());
        if several || word.chars().count() > MAX_WORD {
            return Err(BadWordLine {
                line: i as u32 + 1,
                text: word.chars().take(40).collect(),
            });
        }
        if !out.iter().any(|w| w.to_lowercase() == word.to_lowercase()) {
            out.push(word.to_string());
        }
    }
    Ok(out)
}

/// The owner's list, or the shipped one when they never changed it.
pub fn words(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let stored = crate::settings::get(conn, WORDS_KEY)?;
    Ok(match stored {
        Some(text) => parse_words(&text).unwrap_or_default(),
        None => DEFAULT_WORDS.iter().map(|w| w.to_string()).collect(),
    })
}

/// Saves the owner's word list (as written, after it parsed).
pub fn set_words(w: &Write, text: &str) -> Result<Vec<String>, super::ScriptError> {
    let list = parse_words(text).map_err(super::ScriptError::WordList)?;
    crate::settings::put(
        w,
        WORDS_KEY,
        &list.join(
            "
",
        ),
    )?;
    w.changed(Area::Settings, []);
    Ok(list)
}

/// The name `{群主}` fills in (empty until the owner sets it).
pub fn owner_name(conn: &Connection) -> rusqlite::Result<String> {
    Ok(crate::settings::get(conn, OWNER_KEY)?.unwrap_or_default())
}

pub fn set_owner_name(w: &Write, name: &str) -> Result<(), super::ScriptError> {
    let name = name.trim();
    if name.chars().count() > 40 || crate::validate::has_control(name, false) {
        return Err(super::ScriptError::Invalid(vec![
            crate::validate::FieldError::new(
                "owner_name",
                crate::validate::Rule::TooLong { max: 40 },
            ),
        ]));
    }
    crate::settings::put(w, OWNER_KEY, name)?;
    w.changed(Area::Settings, []);
    Ok(())
}

/// Every place a listed word occurs in `text` (Latin letters compared without case),
/// in reading order.
pub fn find_words(text: &str, words: &[String]) -> Vec<WordHit> {
    let chars: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut hits = Vec::new();
    for word in words {
        let w: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
        if w.is_empty() || w.len() > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - w.len() {
            if chars[start..start + w.len()] == w[..] {
                hits.push((start, word.clone(), w.len()));
            }
        }
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)));
    hits.into_iter()
        .map(|(at, word, len)| {
            let before = &chars[..at];
            let line = before.iter().filter(|&&c| c == '\n').count() as u32 + 1;
            let column =
                (at - before.iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1)) as u32 + 1;
            WordHit {
                word,
                at: at as u32,
                len: len as u32,
                line,
                column,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_count_characters_not_bytes() {
        let text = "欢迎🎉a";
        assert_eq!(text.len(), 11);
        assert_eq!(length(text, Some(Platform::Wechat)), 4);
        assert_eq!(length(text, Some(Platform::Telegram)), 5);
    }

    #[test]
    fn words_are_found_with_line_and_column_and_list_lines_are_one_word() {
        let words = parse_words("加微信\n\n 刷单 \nVX").unwrap();
        assert_eq!(words, vec!["加微信", "刷单", "VX"]);
        let hits = find_words("你好\n想要资料的加微信，或加vx", &words);
        assert_eq!(hits.len(), 2);
        assert_eq!(
            (hits[0].word.as_str(), hits[0].line, hits[0].column),
            ("加微信", 2, 6)
        );
        assert_eq!(
            (hits[1].word.as_str(), hits[1].at, hits[1].len),
            ("VX", 14, 2)
        );
        let err = parse_words("加微信\n刷单 返现").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(parse_words("a,b").is_err());
    }
}
