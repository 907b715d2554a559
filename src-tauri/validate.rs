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
