//! Text rules shared by search, sorting and duplicate detection: how a string is folded
//! (full-width to half-width, lower case), split into CJK runs and Latin/digit words, turned
//! into pinyin (full and initials), and how phone numbers and handles are compared.
//!
//! "CJK" here means any letter outside ASCII (Chinese, kana, hangul, accented Latin…): such
//! text has no spaces between words, so it is indexed by character and character pair.
use pinyin::ToPinyin;

/// Folds full-width ASCII (ｚｈａｎｇ３) to half-width and lower-cases Latin letters.
pub fn fold(s: &str) -> String {
    // Every member's names, handles and notes pass through here when indexed: plain ASCII
    // and Chinese characters (which have no case) skip the Unicode case tables.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        };
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{3400}'..='\u{9FFF}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A piece of folded text: a run of CJK letters, or a Latin/digit word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Cjk(String),
    Word(String),
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_cjk_char(c: char) -> bool {
    !c.is_ascii() && c.is_alphanumeric()
}

/// Splits folded text into pieces; everything else (spaces, punctuation, emoji) separates.
pub fn pieces(folded: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_cjk = false;
    for c in folded.chars() {
        let (word, cjk) = (is_word_char(c), is_cjk_char(c));
        if (word || cjk) && !cur.is_empty() && cjk != cur_cjk {
            flush(&mut out, &mut cur, cur_cjk);
        }
        if word || cjk {
            cur.push(c);
            cur_cjk = cjk;
        } else if !cur.is_empty() {
            flush(&mut out, &mut cur, cur_cjk);
        }
    }
    if !cur.is_empty() {
        flush(&mut out, &mut cur, cur_cjk);
    }
    out
}

fn flush(out: &mut Vec<Piece>, cur: &mut String, cjk: bool) {
    let s = std::mem::take(cur);
    out.push(if cjk { Piece::Cjk(s) } else { Piece::Word(s) });
}

/// Pinyin syllables of a CJK run (first reading of each character); characters without a
/// reading are skipped.
pub fn syllables(run: &str) -> Vec<&'static str> {
    run.to_pinyin().flatten().map(|p| p.plain()).collect()
}

/// The key lists sort by: pinyin syllables for Chinese characters, folded text otherwise, so
/// 阿明 < 李四 < 张三 and Latin names interleave by their letters.
pub fn sort_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len() * 2);
    for c in fold(s.trim()).chars() {
        match c.to_pinyin() {
            Some(p) => {
                key.push_str(p.plain());
                key.push(' ');
            }
            None => key.push(c),
        }
    }
    key
}

/// Digits of a phone number without the China country prefix, for duplicate detection:
/// `+86 138-1234-5678`, `008613812345678` and `13812345678` are the same phone.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let trimmed = if digits.len() == 13 && digits.starts_with("86") {
        &digits[2..]
    } else if digits.len() == 15 && digits.starts_with("0086") {
        &digits[4..]
    } else {
        &digits
    };
    (trimmed.len() >= 5).then(|| trimmed.to_string())
}

/// How a handle is compared: trimmed, folded.
pub fn handle_key(value: &str) -> String {
    fold(value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_splits() {
        assert_eq!(fold("ＡＢｃ１２"), "abc12");
        assert_eq!(fold("Zhang San"), "zhang san");
        assert_eq!(fold("張ÄÖ　Ωmega㐀"), "張äö ωmega㐀");
        assert_eq!(
            pieces(&fold("张小雅Amy，济南2班")),
            vec![
                Piece::Cjk("张小雅".into()),
                Piece::Word("amy".into()),
                Piece::Cjk("济南".into()),
                Piece::Word("2".into()),
                Piece::Cjk("班".into()),
            ]
        );
    }

    #[test]
    fn pinyin_and_sorting() {
        assert_eq!(syllables("张三"), vec!["zhang", "san"]);
        assert!(sort_key("阿明") < sort_key("李四"));
        assert!(sort_key("李四") < sort_key("张三"));
        assert!(sort_key("Amy") < sort_key("张三"));
    }

    #[test]
    fn phones_compare_without_prefix() {
        assert_eq!(
            phone_key("+86 138-1234-5678").as_deref(),
            Some("13812345678")
        );
        assert_eq!(phone_key("008613812345678").as_deref(), Some("13812345678"));
        assert_eq!(phone_key("12"), None);
    }
}
