//! A script's text as the owner writes it: literal text and placeholders `{昵称}` or, with a
//! fallback for when the member has no value, `{昵称|朋友}`. `{{` and `}}` are literal braces.
//!
//! Placeholders have a Chinese and an English name (`{昵称}` = `{nickname}`); a script is
//! stored with the Chinese names ([`normalise`]) so both UIs read the same text, and the
//! English UI shows it with the English ones. The owner's custom member fields are
//! placeholders under their own name. A placeholder this app does not know, or a `{` never
//! closed, is a [`Problem`] with its place in the text (in characters), so the editor can mark
//! it before anything is saved.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A placeholder the app fills itself: its stored (Chinese) and English names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Builtin {
    /// The member's nickname.
    Nickname,
    /// How the member is called in the group: the in-group name if set, else the nickname.
    CallName,
    Group,
    Rules,
    Announcement,
    /// The group's in-group name format (群名片格式, "名称+地区+职业").
    NameFormat,
    Inviter,
    DaysInGroup,
    Birthday,
    Today,
    Owner,
    /// How many members the group has now (a milestone's "突破 200 人").
    GroupSize,
}

/// Every built-in placeholder: (value, stored name, English name).
pub const BUILTINS: [(Builtin, &str, &str); 12] = [
    (Builtin::Nickname, "昵称", "nickname"),
    (Builtin::CallName, "称呼", "name"),
    (Builtin::Group, "群名", "group"),
    (Builtin::Rules, "群规", "rules"),
    (Builtin::Announcement, "群公告", "announcement"),
    (Builtin::NameFormat, "群名片格式", "name_format"),
    (Builtin::Inviter, "邀请人", "inviter"),
    (Builtin::DaysInGroup, "入群天数", "days_in_group"),
    (Builtin::Birthday, "生日", "birthday"),
    (Builtin::Today, "今天", "today"),
    (Builtin::Owner, "群主", "owner"),
    (Builtin::GroupSize, "人数", "member_count"),
];

impl Builtin {
    pub fn of_name(name: &str) -> Option<Builtin> {
        BUILTINS
            .iter()
            .find(|(_, zh, en)| *zh == name || en.eq_ignore_ascii_case(name))
            .map(|(b, _, _)| *b)
    }

    pub fn stored_name(self) -> &'static str {
        BUILTINS
            .iter()
            .find(|(b, _, _)| *b == self)
            .map(|(_, zh, _)| *zh)
            .unwrap_or("")
    }

    /// Whether the value is the member's (a batch message names them all instead).
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            Builtin::Nickname
                | Builtin::CallName
                | Builtin::Inviter
                | Builtin::DaysInGroup
                | Builtin::Birthday
        )
    }
}

/// What a placeholder names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    Builtin(Builtin),
    /// A custom member field, by its id.
    Field(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Slot {
        name: Name,
        fallback: Option<String>,
    },
}

/// A parsed script: what [`super::fill`] walks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub pieces: Vec<Piece>,
}

/// Why a placeholder was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// `{…}` names nothing this app or the owner's fields know.
    Unknown,
    /// A `{` without its `}` (or a `}` without its `{`).
    Unclosed,
    /// `{}` or `{|…}`.
    Empty,
}

/// One refused placeholder: where it is (characters from the start) and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Problem {
    pub kind: ProblemKind,
    pub at: u32,
    pub len: u32,
    /// The name as written (empty for an unclosed brace).
    pub name: String,
}

/// The custom member fields, for resolving `{会员卡号}`: (id, name).
pub type Fields<'a> = &'a [(i64, String)];

/// The longest a placeholder's inside may be before a `{` counts as unclosed.
const MAX_INSIDE: usize = 80;

/// Parses `text`; every problem is reported, not just the first.
pub fn parse(text: &str, fields: Fields<'_>) -> (Template, Vec<Problem>) {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut problems = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            lit.push('{');
            i += 2;
            continue;
        }
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                lit.push('}');
                i += 2;
            } else {
                problems.push(Problem {
                    kind: ProblemKind::Unclosed,
                    at: i as u32,
                    len: 1,
                    name: String::new(),
                });
                lit.push('}');
                i += 1;
            }
            continue;
        }
        if c != '{' {
            lit.push(c);
            i += 1;
            continue;
        }
        // A placeholder runs to the next `}` on the same line.
        let close = chars[i + 1..]
            .iter()
            .take(MAX_INSIDE + 1)
            .position(|&c| c == '}' || c == '{' || c == '\n');
        let end = match close {
            Some(n) if chars[i + 1 + n] == '}' => i + 1 + n,
            _ => {
                problems.push(Problem {
                    kind: ProblemKind::Unclosed,
                    at: i as u32,
                    len: 1,
                    name: String::new(),
                });
                lit.push('{');
                i += 1;
                continue;
            }
        };
        let inside: String = chars[i + 1..end].iter().collect();
        let (name, fallback) = match inside.split_once('|') {
            Some((n, f)) => (n.trim().to_string(), Some(f.to_string())),
            None => (inside.trim().to_string(), None),
        };
        let len = (end + 1 - i) as u32;
        let resolved = if name.is_empty() {
            problems.push(Problem {
                kind: ProblemKind::Empty,
                at: i as u32,
                len,
                name: name.clone(),
            });
            None
        } else if let Some(b) = Builtin::of_name(&name) {
            Some(Name::Builtin(b))
        } else if let Some((id, _)) = fields.iter().find(|(_, n)| n.eq_ignore_ascii_case(&name)) {
            Some(Name::Field(*id))
        } else {
            problems.push(Problem {
                kind: ProblemKind::Unknown,
                at: i as u32,
                len,
                name: name.clone(),
            });
            None
        };
        if let Some(name) = resolved {
            if !lit.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut lit)));
            }
            pieces.push(Piece::Slot { name, fallback });
        } else {
            lit.extend(&chars[i..=end]);
        }
        i = end + 1;
    }
    if !lit.is_empty() {
        pieces.push(Piece::Text(lit));
    }
    (Template { pieces }, problems)
}

/// `text` with every known placeholder under its stored (Chinese) name: `{nickname|friend}`
/// becomes `{昵称|friend}`. Text with problems is returned as it is.
pub fn normalise(text: &str, fields: Fields<'_>) -> String {
    let (template, problems) = parse(text, fields);
    if !problems.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for piece in &template.pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t.replace('{', "{{").replace('}', "}}")),
            Piece::Slot { name, fallback } => {
                out.push('{');
                match name {
                    Name::Builtin(b) => out.push_str(b.stored_name()),
                    Name::Field(id) => out.push_str(
                        fields
                            .iter()
                            .find(|(f, _)| f == id)
                            .map(|(_, n)| n.as_str())
                            .unwrap_or(""),
                    ),
                }
                if let Some(f) = fallback {
                    out.push('|');
                    out.push_str(f);
                }
                out.push('}');
            }
        }
    }
    out
}

/// A placeholder the editor's picker offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Placeholder {
    /// As stored and shown in the Chinese UI (`昵称`, or a custom field's name).
    pub name: String,
    /// As shown in the English UI (`nickname`; a custom field keeps its name).
    pub english: String,
    pub builtin: Option<Builtin>,
}

/// The built-in placeholders, then the owner's custom fields.
pub fn placeholders(fields: Fields<'_>) -> Vec<Placeholder> {
    BUILTINS
        .iter()
        .map(|(b, zh, en)| Placeholder {
            name: zh.to_string(),
            english: en.to_string(),
            builtin: Some(*b),
        })
        .chain(fields.iter().map(|(_, n)| Placeholder {
            name: n.clone(),
            english: n.clone(),
            builtin: None,
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fallbacks_and_literal_braces() {
        let fields = vec![(7, "会员卡号".to_string())];
        let (t, p) = parse("欢迎{昵称|朋友}！卡号 {会员卡号} {{不是占位}}", &fields);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            t.pieces,
            vec![
                Piece::Text("欢迎".into()),
                Piece::Slot {
                    name: Name::Builtin(Builtin::Nickname),
                    fallback: Some("朋友".into())
                },
                Piece::Text("！卡号 ".into()),
                Piece::Slot {
                    name: Name::Field(7),
                    fallback: None
                },
                Piece::Text(" {不是占位}".into()),
            ]
        );
    }

    #[test]
    fn unknown_and_unclosed_are_placed_in_characters() {
        let (_, p) = parse("你好{昵称，欢迎来到{群明}🎉}", &[]);
        assert_eq!(
            p,
            vec![
                Problem {
                    kind: ProblemKind::Unclosed,
                    at: 2,
                    len: 1,
                    name: String::new()
                },
                Problem {
                    kind: ProblemKind::Unknown,
                    at: 10,
                    len: 4,
                    name: "群明".into()
                },
                Problem {
                    kind: ProblemKind::Unclosed,
                    at: 15,
                    len: 1,
                    name: String::new()
                },
            ]
        );
        let (_, p) = parse("{}", &[]);
        assert_eq!(p[0].kind, ProblemKind::Empty);
    }

    #[test]
    fn english_names_are_stored_as_the_chinese_ones() {
        assert_eq!(
            normalise("Hi {nickname|friend}, welcome to {Group} {{x}}", &[]),
            "Hi {昵称|friend}, welcome to {群名} {{x}}"
        );
    }
}
