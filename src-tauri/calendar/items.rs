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

fn not_found(id: i64) -> CalendarError {
    CalendarError::ItemNotFound(id)
}

/// Moves an item to another day (and time, or none): drag and drop, or "move to…".
pub fn move_item(
    w: &Write,
    id: i64,
    date: &str,
    time: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    if iso_date(date).is_none() {
        return Err(CalendarError::Invalid(vec![FieldError::new(
            "planned_date",
            Rule::InvalidDate,
        )]));
    }
    if time.is_some_and(|t| zone::parse_time(t).is_none()) {
        return Err(CalendarError::Invalid(vec![FieldError::new(
            "planned_time",
            Rule::Invalid,
        )]));
    }
    let n = w.execute(
        "UPDATE content_items SET planned_date = ?2, planned_time = ?3, updated_at = ?4
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, date, time, to_db(now)],
    )?;
    if n == 0 {
        return Err(not_found(id));
    }
    w.changed(Area::Calendar, [id]);
    Ok(())
}

/// Sets an item's status; "posted" stamps when, "approved" who (the owner) and when.
pub fn set_status(
    w: &Write,
    id: i64,
    status: ContentStatus,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let ts = to_db(now);
    let n = w.execute(
        "UPDATE content_items SET status = ?2, updated_at = ?3,
             posted_at = CASE WHEN ?2 = 'posted' THEN ?3 ELSE posted_at END,
             approved_at = CASE WHEN ?2 = 'approved' THEN ?3 ELSE approved_at END,
             skip_reason = CASE WHEN ?2 = 'skipped' THEN ?4 ELSE skip_reason END
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, status, ts, reason],
    )?;
    if n == 0 {
        return Err(not_found(id));
    }
    w.changed(Area::Calendar, [id]);
    Ok(())
}

/// Fills a slot's occurrence: a draft item linked to the slot and its date, at its time.
pub fn fill_slot(w: &Write, slot_id: i64, rule_date: &str, now: DateTime<Utc>) -> Result<i64> {
    let slot = super::slots::list_slots(w)?
        .into_iter()
        .find(|s| s.id == slot_id)
        .ok_or(CalendarError::SlotNotFound(slot_id))?;
    let day = iso_date(rule_date)
        .ok_or_else(|| CalendarError::Invalid(vec![FieldError::new("date", Rule::InvalidDate)]))?;
    let occ = super::slots::occurrences(
        w,
        &slot,
        day - chrono::Duration::days(31),
        day + chrono::Duration::days(31),
    )?;
    let o = occ
        .iter()
        .find(|o| o.rule_date == day)
        .ok_or(CalendarError::NoOccurrence)?;
    let tz = zone::parse_tz(&slot.tz).unwrap_or(chrono_tz::Asia::Shanghai);
    let local = o.start.with_timezone(&tz);
    create_item(
        w,
        &ItemInput {
            kind: slot.kind.clone(),
            title: o.title.clone(),
            body: String::new(),
            groups: vec![slot.group_id],
            planned_date: local.date_naive().to_string(),
            planned_time: Some(local.format("%H:%M").to_string()),
            tz: slot.tz.clone(),
            status: ContentStatus::Draft,
            slot_id: Some(slot.id),
            slot_date: Some(day.to_string()),
        },
        now,
    )
}
