//! Content items (内容): one planned post for one or more groups, on a day with or without a
//! time in the owner's zone, moving from idea to posted (or skipped, with a reason).
use super::{CalendarError, Result};
use crate::dates::{iso_date, to_db};
use crate::reminders::zone;
use crate::store::{Area, Write};
use crate::validate::{has_control, FieldError, Rule};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

sql_enum!(
    /// Where a post stands: idea → draft → review (审批) → approved → scheduled → posted, or
    /// skipped with a reason.
    ContentStatus {
        Idea => "idea",
        Draft => "draft",
        Review => "review",
        Approved => "approved",
        Scheduled => "scheduled",
        Posted => "posted",
        Skipped => "skipped",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemInput {
    pub kind: String,
    pub title: String,
    pub body: String,
    #[ts(type = "number[]")]
    pub groups: Vec<i64>,
    /// `YYYY-MM-DD`, and `HH:MM` or none for a day without a time.
    pub planned_date: String,
    pub planned_time: Option<String>,
    pub tz: String,
    pub status: ContentStatus,
    /// The slot occurrence this item fills (its rule date).
    #[ts(type = "number | null")]
    pub slot_id: Option<i64>,
    pub slot_date: Option<String>,
}

/// Stores a new content item; returns its id.
pub fn create_item(w: &Write, input: &ItemInput, now: DateTime<Utc>) -> Result<i64> {
    let mut errs = Vec::new();
    let title = input.title.trim();
    if title.is_empty() {
        errs.push(FieldError::new("title", Rule::Required));
    } else if title.chars().count() > 200 {
        errs.push(FieldError::new("title", Rule::TooLong { max: 200 }));
    }
    if has_control(title, false) {
        errs.push(FieldError::new("title", Rule::ControlChars));
    }
    if has_control(&input.body, true) {
        errs.push(FieldError::new("body", Rule::ControlChars));
    }
    if iso_date(&input.planned_date).is_none() {
        errs.push(FieldError::new("planned_date", Rule::InvalidDate));
    }
    if input
        .planned_time
        .as_deref()
        .is_some_and(|t| zone::parse_time(t).is_none())
    {
        errs.push(FieldError::new("planned_time", Rule::Invalid));
    }
    if zone::parse_tz(&input.tz).is_none() {
        errs.push(FieldError::new("tz", Rule::Unknown));
    }
    if !errs.is_empty() {
        return Err(CalendarError::Invalid(errs));
    }
    w.execute(
        "INSERT INTO content_items (kind, title, body, planned_date, planned_time, tz, status,
                                    slot_id, slot_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            if input.kind.trim().is_empty() {
                "other"
            } else {
                input.kind.trim()
            },
            title,
            input.body,
            input.planned_date,
            input.planned_time,
            input.tz,
            input.status,
            input.slot_id,
            input.slot_date,
            to_db(now)
        ],
    )?;
    let id = w.last_insert_rowid();
    for g in &input.groups {
        w.execute(
            "INSERT OR IGNORE INTO content_item_groups (item_id, group_id) VALUES (?1, ?2)",
            params![id, g],
        )?;
    }
    w.changed(Area::Calendar, [id]);
    Ok(id)
}
