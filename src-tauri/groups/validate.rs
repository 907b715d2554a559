//! The rules a group must meet before it is saved. Pure: the UI calls them live through
//! `validate_group` so the form and the store can never disagree.
use super::GroupInput;
use crate::dates::iso_date;
use crate::validate::{FieldError, Rule};

pub const NAME_MAX: u32 = 60;
pub const SHORT_MAX: u32 = 500;
pub const LONG_MAX: u32 = 5000;
pub const GOAL_TITLE_MAX: u32 = 100;
pub const MAX_GOALS: u32 = 20;
pub const SIZE_CAP_MAX: i64 = 100_000;
pub const TARGET_MAX: i64 = 1_000_000_000;

fn too_long(s: &str, max: u32) -> bool {
    s.chars().count() > max as usize
}

/// Every problem with `input`, in form order; empty when it may be saved. Name uniqueness needs
/// the database and is checked when saving.
pub fn validate(input: &GroupInput) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut push = |field: String, rule: Rule| errs.push(FieldError { field, rule });
    for (field, value, multiline) in [
        ("name", &input.name, false),
        ("theme", &input.theme, false),
        ("audience", &input.audience, false),
        ("purpose", &input.purpose, false),
        ("threshold_note", &input.threshold_note, false),
        ("naming_convention", &input.naming_convention, false),
        ("rules", &input.rules, true),
        ("announcement", &input.announcement, true),
    ] {
        if crate::validate::has_control(value, multiline) {
            push(field.into(), Rule::ControlChars);
        }
    }
    let name = input.name.trim();
    if name.is_empty() {
        push("name".into(), Rule::Required);
    } else if too_long(name, NAME_MAX) {
        push("name".into(), Rule::TooLong { max: NAME_MAX });
    }
    for (field, value) in [
        ("theme", &input.theme),
        ("audience", &input.audience),
        ("purpose", &input.purpose),
        ("threshold_note", &input.threshold_note),
        ("naming_convention", &input.naming_convention),
    ] {
        if too_long(value, SHORT_MAX) {
            push(field.into(), Rule::TooLong { max: SHORT_MAX });
        }
    }
    for (field, value) in [
        ("rules", &input.rules),
        ("announcement", &input.announcement),
    ] {
        if too_long(value, LONG_MAX) {
            push(field.into(), Rule::TooLong { max: LONG_MAX });
        }
    }
    if let Some(cap) = input.size_cap {
        if !(1..=SIZE_CAP_MAX).contains(&cap) {
            push(
                "size_cap".into(),
                Rule::OutOfRange {
                    min: 1,
                    max: SIZE_CAP_MAX,
                },
            );
        }
    }
    if input.goals.len() > MAX_GOALS as usize {
        push("goals".into(), Rule::TooMany { max: MAX_GOALS });
    }
    for (i, goal) in input.goals.iter().enumerate() {
        let title = goal.title.trim();
        if title.is_empty() {
            push(format!("goals.{i}.title"), Rule::Required);
        } else if too_long(title, GOAL_TITLE_MAX) {
            push(
                format!("goals.{i}.title"),
                Rule::TooLong {
                    max: GOAL_TITLE_MAX,
                },
            );
        }
        match goal.target {
            None => push(format!("goals.{i}.target"), Rule::Required),
            Some(t) if !(1..=TARGET_MAX).contains(&t) => push(
                format!("goals.{i}.target"),
                Rule::OutOfRange {
                    min: 1,
                    max: TARGET_MAX,
                },
            ),
            Some(_) => {}
        }
        if let Some(d) = goal.due_date.as_deref().filter(|d| !d.is_empty()) {
            if iso_date(d).is_none() {
                push(format!("goals.{i}.due_date"), Rule::InvalidDate);
            }
        }
    }
    errs
}
