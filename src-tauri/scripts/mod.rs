//! The script library (话术库) and the welcome ritual (仪式感).
//!
//! Owners paste the same texts dozens of times a week — the welcome message, the rules, the
//! add-friend script — filled in by hand for each person. Here a script is written once with
//! placeholders ([`template`]), checked for the platform's length limit and for words
//! platforms flag ([`check`]), and filled for one member, for each of several, or for a batch
//! in one @-mentioning message ([`fill`]). Newcomers of the last days who have not been
//! welcomed yet are Today's welcome section ([`welcome`]); ticking one off logs the contact
//! and, by the group's rule, plans the "has 张三 introduced themself?" follow-up.
pub mod check;
mod copy;
pub mod fill;
mod library;
pub mod template;
pub mod welcome;

pub use copy::{fill_script, find_members, Copy, CopyText, FillRequest, MemberMatch};
pub use library::{
    context, create, custom_fields, get, group_facts, list, pick, preview, restore, trash, update,
    Preview, Script, ScriptInput, ScriptQuery, BUILTIN_KINDS,
};

use crate::validate::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    /// Unknown or unclosed placeholders, each with its place.
    #[error("the text has placeholders this app does not know or that are not closed: {0:?}")]
    Placeholders(Vec<template::Problem>),
    #[error(transparent)]
    WordList(check::BadWordLine),
    /// No script of this kind for the group (and the app has no default for it).
    #[error("there is no {0:?} script for this group yet")]
    NoScript(String),
    #[error("script {0} not found")]
    NotFound(i64),
    #[error("group {0} not found")]
    GroupNotFound(i64),
    #[error("member {0} not found")]
    MemberNotFound(i64),
    #[error("member {member} is not in group {group}")]
    NotInGroup { member: i64, group: i64 },
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, ScriptError>;
