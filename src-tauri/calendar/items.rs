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

/// Every problem with `input`, in form order.
fn check(input: &ItemInput) -> Result<()> {
    let mut errs = Vec::new();
    let title = input.title.trim();
    if title.is_empty() {
        errs.push(FieldError::new("title", Rule::Required));
    } else if title.chars().count() > 200 {
        errs.push(FieldError::new("title", Rule::TooLong { max: 200 }));
    }
    if has_control(title, false) || has_control(&input.kind, false) {
        errs.push(FieldError::new("title", Rule::ControlChars));
    }
    if input.kind.trim().chars().count() > 40 {
        errs.push(FieldError::new("kind", Rule::TooLong { max: 40 }));
    }
    if has_control(&input.body, true) {
        errs.push(FieldError::new("body", Rule::ControlChars));
    }
    if input.body.chars().count() > 20_000 {
        errs.push(FieldError::new("body", Rule::TooLong { max: 20_000 }));
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
    if errs.is_empty() {
        Ok(())
    } else {
        Err(CalendarError::Invalid(errs))
    }
}

fn kind_of(input: &ItemInput) -> &str {
    match input.kind.trim() {
        "" => "other",
        k => k,
    }
}

/// When a post's reminder is due, and whether it counts as announced already: a post planned
/// in the past (an import of last month, a move backwards) is not announced late.
fn timing(input: &ItemInput, now: DateTime<Utc>) -> (Option<String>, Option<String>) {
    let fire = fire_at(
        &input.planned_date,
        input.planned_time.as_deref(),
        &input.tz,
    );
    let notified = fire
        .as_ref()
        .filter(|f| **f < to_db(now))
        .map(|_| to_db(now));
    (fire, notified)
}

fn write_groups(w: &Write, id: i64, groups: &[i64]) -> Result<()> {
    w.execute("DELETE FROM content_item_groups WHERE item_id = ?1", [id])?;
    for g in groups {
        let known: bool = w.query_row(
            "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1)",
            [g],
            |r| r.get(0),
        )?;
        if !known {
            return Err(CalendarError::GroupNotFound(*g));
        }
        w.execute(
            "INSERT OR IGNORE INTO content_item_groups (item_id, group_id) VALUES (?1, ?2)",
            params![id, g],
        )?;
    }
    Ok(())
}

/// Stores a new content item; returns its id. A type the app does not ship becomes one of
/// the owner's own types.
pub fn create_item(w: &Write, input: &ItemInput, now: DateTime<Utc>) -> Result<i64> {
    check(input)?;
    let (fire, notified) = timing(input, now);
    w.execute(
        "INSERT INTO content_items (kind, title, body, planned_date, planned_time, tz, status,
                                    slot_id, slot_date, created_at, updated_at, fire_at,
                                    notified_at, posted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12,
                 CASE WHEN ?7 = 'posted' THEN ?10 END)",
        params![
            kind_of(input),
            input.title.trim(),
            input.body,
            input.planned_date,
            input.planned_time,
            input.tz,
            input.status,
            input.slot_id,
            input.slot_date,
            to_db(now),
            fire,
            notified
        ],
    )?;
    let id = w.last_insert_rowid();
    write_groups(w, id, &input.groups)?;
    super::types::remember(w, kind_of(input), now)?;
    w.changed(Area::Calendar, [id]);
    Ok(id)
}

/// Saves an edited item (the form, or a cell of the week plan edited in place): its text,
/// type, groups, day and time; its status stamps follow as in [`set_status`].
pub fn update_item(w: &Write, id: i64, input: &ItemInput, now: DateTime<Utc>) -> Result<()> {
    check(input)?;
    let old: Option<(String, Option<String>, String)> = w
        .query_row(
            "SELECT planned_date, planned_time, tz FROM content_items
             WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .ok();
    let Some((date, time, tz)) = old else {
        return Err(not_found(id));
    };
    let moved = date != input.planned_date || time != input.planned_time || tz != input.tz;
    let (fire, notified) = timing(input, now);
    let ts = to_db(now);
    w.execute(
        "UPDATE content_items SET kind = ?2, title = ?3, body = ?4, planned_date = ?5,
             planned_time = ?6, tz = ?7, status = ?8, updated_at = ?9,
             posted_at = CASE WHEN ?8 = 'posted' THEN coalesce(posted_at, ?9) END,
             approved_at = CASE WHEN ?8 IN ('approved', 'scheduled', 'posted')
                                THEN coalesce(approved_at, CASE WHEN ?8 = 'approved' THEN ?9 END)
                           END,
             fire_at = CASE WHEN ?12 THEN ?10 ELSE fire_at END,
             notified_at = CASE WHEN ?12 THEN ?11 ELSE notified_at END
         WHERE id = ?1",
        params![
            id,
            kind_of(input),
            input.title.trim(),
            input.body,
            input.planned_date,
            input.planned_time,
            input.tz,
            input.status,
            ts,
            fire,
            notified,
            moved
        ],
    )?;
    write_groups(w, id, &input.groups)?;
    super::types::remember(w, kind_of(input), now)?;
    w.changed(Area::Calendar, [id]);
    Ok(())
}

/// One item as the edit form loads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Item {
    #[ts(type = "number")]
    pub id: i64,
    pub input: ItemInput,
    pub approved_by: String,
    pub approved_at: Option<String>,
    pub posted_at: Option<String>,
    pub skip_reason: String,
    pub notes: String,
}

/// Reads one item (not in the trash).
pub fn get_item(conn: &rusqlite::Connection, id: i64) -> Result<Item> {
    let item = conn
        .query_row(
            "SELECT kind, title, body, planned_date, planned_time, tz, status, slot_id, slot_date,
                    approved_by, approved_at, posted_at, skip_reason, notes,
                    (SELECT group_concat(group_id) FROM content_item_groups WHERE item_id = i.id)
             FROM content_items i WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| {
                let groups: Option<String> = r.get(14)?;
                Ok(Item {
                    id,
                    input: ItemInput {
                        kind: r.get(0)?,
                        title: r.get(1)?,
                        body: r.get(2)?,
                        groups: groups
                            .map(|g| g.split(',').filter_map(|x| x.parse().ok()).collect())
                            .unwrap_or_default(),
                        planned_date: r.get(3)?,
                        planned_time: r.get(4)?,
                        tz: r.get(5)?,
                        status: r.get(6)?,
                        slot_id: r.get(7)?,
                        slot_date: r.get(8)?,
                    },
                    approved_by: r.get(9)?,
                    approved_at: r.get(10)?,
                    posted_at: r.get(11)?,
                    skip_reason: r.get(12)?,
                    notes: r.get(13)?,
                })
            },
        )
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => not_found(id),
            e => e.into(),
        })?;
    Ok(item)
}

/// Moves an item to the trash (undo brings it back); its reminder no longer fires and its
/// slot occurrence shows as open again.
pub fn trash_item(w: &Write, id: i64, now: DateTime<Utc>) -> Result<()> {
    let n = w.execute(
        "UPDATE content_items SET deleted_at = ?2, updated_at = ?2
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, to_db(now)],
    )?;
    updated(w, id, n)
}

/// Brings an item back from the trash ("undo"). If its slot occurrence was filled again
/// meanwhile, it is refused rather than doubled.
pub fn restore_item(w: &Write, id: i64, now: DateTime<Utc>) -> Result<()> {
    let n = w
        .execute(
            "UPDATE content_items SET deleted_at = NULL, updated_at = ?2
             WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, to_db(now)],
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                CalendarError::AlreadyFilled
            }
            e => e.into(),
        })?;
    updated(w, id, n)
}

/// Sets an item's private notes (the owner's, never exported to a helper's calendar).
pub fn set_notes(w: &Write, id: i64, notes: &str, now: DateTime<Utc>) -> Result<()> {
    if notes.chars().count() > 5_000 || has_control(notes, true) {
        return Err(CalendarError::Invalid(vec![FieldError::new(
            "notes",
            Rule::TooLong { max: 5_000 },
        )]));
    }
    let n = w.execute(
        "UPDATE content_items SET notes = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, notes, to_db(now)],
    )?;
    updated(w, id, n)
}

/// Approves an item (审批): who approved it (a helper's name, or the owner) and when.
pub fn approve(w: &Write, id: i64, by: &str, now: DateTime<Utc>) -> Result<()> {
    let by = by.trim();
    if by.chars().count() > 100 || has_control(by, false) {
        return Err(CalendarError::Invalid(vec![FieldError::new(
            "approved_by",
            Rule::TooLong { max: 100 },
        )]));
    }
    let n = w.execute(
        "UPDATE content_items SET status = 'approved', approved_by = ?2, approved_at = ?3,
             updated_at = ?3
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, by, to_db(now)],
    )?;
    updated(w, id, n)
}

/// The UTC instant a timed post is due (none for a day without a time).
fn fire_at(date: &str, time: Option<&str>, tz: &str) -> Option<String> {
    let d = iso_date(date)?;
    let t = zone::parse_time(time?)?;
    let tz = zone::parse_tz(tz)?;
    Some(to_db(zone::instant(tz, d, t)))
}

/// A timed post that came due: what the reminder says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuePost {
    pub id: i64,
    pub title: String,
    pub groups: String,
    /// `HH:MM` on the post's wall clock.
    pub time: String,
    pub fire_at: String,
}

/// Takes the timed posts due at `now` that were not announced (not posted or skipped yet),
/// and marks them announced, in the caller's write (with any webhook rows it adds).
pub fn take_due_posts(w: &Write, now: DateTime<Utc>) -> Result<Vec<DuePost>> {
    let due: Vec<DuePost> = w
        .prepare_cached(
            "SELECT i.id, i.title, i.planned_time, i.fire_at,
                    coalesce((SELECT group_concat(g.name, '、') FROM content_item_groups x
                               JOIN groups g ON g.id = x.group_id WHERE x.item_id = i.id), '')
             FROM content_items i INDEXED BY content_items_to_announce
             WHERE i.fire_at IS NOT NULL AND i.notified_at IS NULL AND i.deleted_at IS NULL
               AND i.fire_at <= ?1 AND i.status NOT IN ('posted', 'skipped')
             ORDER BY i.fire_at",
        )?
        .query_map([to_db(now)], |r| {
            Ok(DuePost {
                id: r.get(0)?,
                title: r.get(1)?,
                time: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                fire_at: r.get(3)?,
                groups: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut mark = w.prepare_cached("UPDATE content_items SET notified_at = ?2 WHERE id = ?1")?;
    for d in &due {
        mark.execute(params![d.id, to_db(now)])?;
    }
    Ok(due)
}

/// When the next timed post falls due (for the scheduler's sleep).
pub fn next_post_at(conn: &rusqlite::Connection) -> Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn.query_row(
        "SELECT min(fire_at) FROM content_items INDEXED BY content_items_to_announce
         WHERE fire_at IS NOT NULL AND notified_at IS NULL AND deleted_at IS NULL
           AND status NOT IN ('posted', 'skipped')",
        [],
        |r| r.get(0),
    )?;
    Ok(t.and_then(|t| crate::dates::from_db(&t)))
}

fn not_found(id: i64) -> CalendarError {
    CalendarError::ItemNotFound(id)
}

/// After an UPDATE of item `id` that changed `n` rows: not found when none, else the change
/// is announced.
fn updated(w: &Write, id: i64, n: usize) -> Result<()> {
    if n == 0 {
        return Err(not_found(id));
    }
    w.changed(Area::Calendar, [id]);
    Ok(())
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
    let tz: Option<String> = w
        .query_row("SELECT tz FROM content_items WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .ok();
    let fire = tz.as_deref().and_then(|tz| fire_at(date, time, tz));
    // Moved into the future: it will be announced again at its new time.
    let notified = fire
        .as_ref()
        .filter(|f| **f < to_db(now))
        .map(|_| to_db(now));
    let n = w.execute(
        "UPDATE content_items SET planned_date = ?2, planned_time = ?3, updated_at = ?4,
             fire_at = ?5, notified_at = ?6
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, date, time, to_db(now), fire, notified],
    )?;
    updated(w, id, n)
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
    updated(w, id, n)
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
    let taken: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM content_items
                        WHERE slot_id = ?1 AND slot_date = ?2 AND deleted_at IS NULL)",
        params![slot_id, rule_date],
        |r| r.get(0),
    )?;
    if taken {
        return Err(CalendarError::AlreadyFilled);
    }
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
