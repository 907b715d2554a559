//! The shape of a refused form field, shared by every area: `field` names the form's field,
//! `rule` says what is wrong in a way the UI words in the user's language. Areas validate
//! their own inputs and return these; the UI shows each next to its field.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a field was refused. The UI words each rule in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    Required,
    TooLong {
        max: u32,
    },
    OutOfRange {
        #[ts(type = "number")]
        min: i64,
        #[ts(type = "number")]
        max: i64,
    },
    InvalidDate,
    /// Not in an accepted form (a phone number with letters…).
    Invalid,
    /// Refers to something that does not exist (an inviter who was deleted…).
    Unknown,
    TooMany {
        max: u32,
    },
    /// Another group (not in the trash) already has this name.
    Taken,
    /// Holds a control character (NUL, an escape sequence…) that has no place in text.
    ControlChars,
}

/// Whether `s` holds a control character: C0 (NUL, ESC…), DEL or C1. Multi-line text may hold
/// line breaks and tabs.
pub fn has_control(s: &str, multiline: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
}

/// `s` safe to print on a terminal: each control character shown as its visible picture
/// (`␀`, `␛`, U+2400…) or `\u{…}`, so stored text can never move the cursor or recolour
/// the screen.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_control(s, false) {
        return s.into();
    }
    s.chars()
        .map(|c| match c as u32 {
            n @ 0..=0x1F => char::from_u32(0x2400 + n).unwrap_or('?').to_string(),
            0x7F => "\u{2421}".to_string(),
            n if c.is_control() => format!("\\u{{{n:x}}}"),
            _ => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// A refused field: `field` is the form's field name, `goals.2.title` for nested ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub rule: Rule,
}

impl FieldError {
    pub fn new(field: impl Into<String>, rule: Rule) -> Self {
        FieldError {
            field: field.into(),
            rule,
        }
    }
}
