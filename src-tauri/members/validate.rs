//! The rules a member profile must meet before it is saved. Pure: the form calls them live
//! (`validate_member`), the store enforces them on save, the importer applies them per row.
use super::MemberInput;
use crate::dates::parse_month_day;
use crate::validate::{has_control, FieldError, Rule};

pub const NAME_MAX: u32 = 100;
pub const SHORT_MAX: u32 = 200;
pub const MAX_HANDLES: u32 = 10;
pub const MAX_TAGS: u32 = 50;
pub const TAG_MAX: u32 = 40;

/// A birthday as stored: month-day, and the year when known; a lunar one (农历) is a lunar
/// month-day and lunar year, `lunar` 1, or 2 for a day of a leap month (闰月).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Birthday {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    pub lunar: u8,
}

impl Birthday {
    pub fn md(&self) -> String {
        format!("{:02}-{:02}", self.month, self.day)
    }
}

/// `Ok(None)` for an empty birthday, `Err(())` for one that is not a date. A lunar birthday
/// is written "农历三月初五", "农历1990-03-05", "农历闰四月初八" or "lunar 03-05".
#[allow(clippy::result_unit_err)]
pub fn parse_birthday(s: &str) -> Result<Option<Birthday>, ()> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    if let Some(rest) = crate::lunar::lunar_text(s) {
        return crate::lunar::parse(rest)
            .map(|d| {
                Some(Birthday {
                    year: d.year,
                    month: d.month,
                    day: d.day,
                    lunar: if d.leap { 2 } else { 1 },
                })
            })
            .ok_or(());
    }
    parse_month_day(s)
        .map(|(year, month, day)| {
            Some(Birthday {
                year,
                month,
                day,
                lunar: 0,
            })
        })
        .ok_or(())
}

/// A stored birthday written back as the form and exports show it: `1990-03-05`, `03-05`,
/// `农历1990-03-05`, `农历闰04-08`.
pub fn birthday_text(md: Option<&str>, year: Option<i32>, lunar: u8) -> String {
    let Some(md) = md else {
        return String::new();
    };
    let prefix = match lunar {
        1 => "农历",
        2 => "农历闰",
        _ => "",
    };
    match year {
        Some(y) => format!("{prefix}{y}-{md}"),
        None => format!("{prefix}{md}"),
    }
}

fn too_long(s: &str, max: u32) -> bool {
    s.chars().count() > max as usize
}

/// Every problem with `input`, in form order; empty when it may be saved.
pub fn validate(input: &MemberInput) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut push = |field: String, rule: Rule| errs.push(FieldError { field, rule });
    // Control characters (a NUL, an escape sequence) in any field: refused, never stored.
    let texts = [
        ("nickname", &input.nickname),
        ("display_name", &input.display_name),
        ("real_name", &input.real_name),
        ("region", &input.region),
        ("occupation", &input.occupation),
        ("source", &input.source),
        ("phone", &input.phone),
        ("birthday", &input.birthday),
    ];
    for (field, value) in texts {
        if has_control(value, false) {
            push(field.into(), Rule::ControlChars);
        }
    }
    for (i, h) in input.handles.iter().enumerate() {
        if has_control(&h.value, false) {
            push(format!("handles.{i}.value"), Rule::ControlChars);
        }
    }
    for (i, f) in input.fields.iter().enumerate() {
        if has_control(&f.value, true) {
            push(format!("fields.{i}"), Rule::ControlChars);
        }
    }
    for (i, t) in input.tags.iter().enumerate() {
        if has_control(t, false) {
            push(format!("tags.{i}"), Rule::ControlChars);
        }
    }
    let nick = input.nickname.trim();
    if nick.is_empty() {
        push("nickname".into(), Rule::Required);
    } else if too_long(nick, NAME_MAX) {
        push("nickname".into(), Rule::TooLong { max: NAME_MAX });
    }
    for (field, value, max) in [
        ("display_name", &input.display_name, NAME_MAX),
        ("real_name", &input.real_name, NAME_MAX),
        ("region", &input.region, SHORT_MAX),
        ("occupation", &input.occupation, SHORT_MAX),
        ("source", &input.source, SHORT_MAX),
        ("phone", &input.phone, 40),
    ] {
        if too_long(value.trim(), max) {
            push(field.into(), Rule::TooLong { max });
        }
    }
    let phone = input.phone.trim();
    if !phone.is_empty()
        && (!phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()#转".contains(c))
            || !phone.chars().any(|c| c.is_ascii_digit()))
    {
        push("phone".into(), Rule::Invalid);
    }
    if parse_birthday(&input.birthday).is_err() {
        push("birthday".into(), Rule::InvalidDate);
    }
    if input.handles.len() > MAX_HANDLES as usize {
        push("handles".into(), Rule::TooMany { max: MAX_HANDLES });
    }
    for (i, h) in input.handles.iter().enumerate() {
        let v = h.value.trim();
        if v.is_empty() {
            push(format!("handles.{i}.value"), Rule::Required);
        } else if too_long(v, SHORT_MAX) {
            push(
                format!("handles.{i}.value"),
                Rule::TooLong { max: SHORT_MAX },
            );
        }
    }
    for (i, f) in input.fields.iter().enumerate() {
        if too_long(&f.value, 2000) {
            push(format!("fields.{i}"), Rule::TooLong { max: 2000 });
        }
    }
    if input.tags.len() > MAX_TAGS as usize {
        push("tags".into(), Rule::TooMany { max: MAX_TAGS });
    }
    for (i, t) in input.tags.iter().enumerate() {
        if too_long(t.trim(), TAG_MAX) {
            push(format!("tags.{i}"), Rule::TooLong { max: TAG_MAX });
        }
    }
    errs
}
