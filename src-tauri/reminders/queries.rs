//! Creating, editing, snoozing and completing follow-ups, and what the scheduler asks: which
//! ones are due and not yet announced, and when the next one fires.
use super::recur::{next_date, Repeat};
use super::zone::{self, snooze_until, Snooze};
use super::{invalid, Plan, Reminder, ReminderError, ReminderInput, Result};
use crate::dates::{from_db, iso_date, to_db};
use crate::members::log_contact;
use crate::store::{Area, Write};
use crate::validate::{FieldError, Rule};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension, Row};

pub const REASON_MAX: u32 = 200;
pub const NOTE_MAX: u32 = 2000;

/// Every problem with `input`.
pub fn check(conn: &Connection, input: &ReminderInput) -> Result<Vec<FieldError>> {
    let mut errs = Vec::new();
    let mut push = |field: &str, rule: Rule| {
        errs.push(FieldError {
            field: field.into(),
            rule,
        })
    };
    let n = input.reason.trim().chars().count();
    if n == 0 {
        push("reason", Rule::Required);
    } else if n > REASON_MAX as usize {
        push("reason", Rule::TooLong { max: REASON_MAX });
    } else if crate::validate::has_control(&input.reason, false) {
        push("reason", Rule::ControlChars);
    }
    if iso_date(&input.due_date).is_none() {
        push("due_date", Rule::InvalidDate);
    }
    if let Some(t) = &input.due_time {
        if zone::parse_time(t).is_none() {
            push("due_time", Rule::Invalid);
        }
    }
    if let Some(r) = &input.repeat {
        if !r.is_valid() {
            push("repeat", Rule::Invalid);
        }
    }
    let live: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1 AND deleted_at IS NULL)",
        [input.member_id],
        |r| r.get(0),
    )?;
    if !live {
        push("member_id", Rule::Unknown);
    }
    Ok(errs)
}

fn ensure_valid(
    conn: &Connection,
    input: &ReminderInput,
) -> Result<(NaiveDate, Option<NaiveTime>)> {
    let errs = check(conn, input)?;
    if !errs.is_empty() {
        return Err(ReminderError::Invalid(errs));
    }
    let date = iso_date(&input.due_date).ok_or_else(|| invalid("due_date", Rule::InvalidDate))?;
    let time = match &input.due_time {
        Some(t) => Some(zone::parse_time(t).ok_or_else(|| invalid("due_time", Rule::Invalid))?),
        None => None,
    };
    Ok((date, time))
}

/// When a plan fires: its time, or the morning time for an all-day one.
fn plan_instant(tz: Tz, date: NaiveDate, time: Option<NaiveTime>, plan: &Plan) -> DateTime<Utc> {
    zone::instant(tz, date, time.unwrap_or(plan.times.morning))
}

/// A plan made for a moment already past is not announced (the user just wrote it).
fn notified_for(fire_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
    (fire_at <= now).then(|| to_db(now))
}

pub fn create(
    conn: &Write,
    input: &ReminderInput,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<Reminder> {
    let (date, time) = ensure_valid(conn, input)?;
    let fire_at = plan_instant(plan.tz, date, time, plan);
    conn.prepare_cached(
        "INSERT INTO reminders (member_id, reason, due_date, due_time, tz, rule, fire_at,
             notified_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        input.member_id,
        input.reason.trim(),
        date.to_string(),
        time.map(|t| t.format("%H:%M").to_string()),
        plan.tz.name(),
        input.repeat.as_ref().map(Repeat::to_rrule),
        to_db(fire_at),
        notified_for(fire_at, now),
        to_db(now),
    ])?;
    let id = conn.last_insert_rowid();
    conn.changed(Area::Reminders, [id]);
    get(conn, id)
}

/// Replaces the plan of an open follow-up (clearing a snooze).
pub fn update(
    conn: &Write,
    id: i64,
    input: &ReminderInput,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<Reminder> {
    let old = get(conn, id)?;
    if old.done_at.is_some() {
        return Err(ReminderError::AlreadyDone(id));
    }
    let (date, time) = ensure_valid(conn, input)?;
    let fire_at = plan_instant(plan.tz, date, time, plan);
    conn.prepare_cached(
        "UPDATE reminders SET member_id = ?2, reason = ?3, due_date = ?4, due_time = ?5, tz = ?6,
             rule = ?7, fire_at = ?8, snoozed = 0, notified_at = ?9, updated_at = ?10
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        input.member_id,
        input.reason.trim(),
        date.to_string(),
        time.map(|t| t.format("%H:%M").to_string()),
        plan.tz.name(),
        input.repeat.as_ref().map(Repeat::to_rrule),
        to_db(fire_at),
        notified_for(fire_at, now),
        to_db(now),
    ])?;
    conn.changed(Area::Reminders, [id]);
    get(conn, id)
}

pub fn delete(conn: &Write, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM reminders WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(ReminderError::NotFound(id));
    }
    conn.changed(Area::Reminders, [id]);
    Ok(())
}

const SELECT: &str = "SELECT r.id, r.member_id, m.nickname, r.reason, r.due_date, r.due_time, r.tz,
        r.rule, r.fire_at, r.snoozed, r.done_at, r.done_note, r.created_at
    FROM reminders r JOIN members m ON m.id = r.member_id";

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Reminder> {
    let rule: Option<String> = r.get(7)?;
    Ok(Reminder {
        id: r.get(0)?,
        member_id: r.get(1)?,
        nickname: r.get(2)?,
        reason: r.get(3)?,
        due_date: r.get(4)?,
        due_time: r.get(5)?,
        tz: r.get(6)?,
        repeat: rule.as_deref().and_then(Repeat::from_rrule),
        fire_at: r.get(8)?,
        snoozed: r.get(9)?,
        done_at: r.get(10)?,
        done_note: r.get(11)?,
        created_at: r.get(12)?,
    })
}

pub(crate) const REMINDER_SELECT: &str = SELECT;

pub fn get(conn: &Connection, id: i64) -> Result<Reminder> {
    conn.prepare_cached(&format!("{SELECT} WHERE r.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(ReminderError::NotFound(id))
}

/// A member's follow-ups: open ones by when they fire, then the 20 most recently done.
pub fn for_member(conn: &Connection, member_id: i64) -> Result<Vec<Reminder>> {
    let mut out: Vec<Reminder> = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE r.member_id = ?1 AND r.done_at IS NULL ORDER BY r.fire_at"
        ))?
        .query_map([member_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let done = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE r.member_id = ?1 AND r.done_at IS NOT NULL
             ORDER BY r.done_at DESC LIMIT 20"
        ))?
        .query_map([member_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    out.extend(done);
    Ok(out)
}

/// Puts an open follow-up off until the snooze's moment; it is announced again then.
pub fn snooze(
    conn: &Write,
    id: i64,
    how: &Snooze,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<Reminder> {
    let r = get(conn, id)?;
    if r.done_at.is_some() {
        return Err(ReminderError::AlreadyDone(id));
    }
    let until = snooze_until(how, now, plan.tz, plan.times)
        .filter(|t| *t > now)
        .ok_or_else(|| invalid("until", Rule::InvalidDate))?;
    conn.prepare_cached(
        "UPDATE reminders SET fire_at = ?2, snoozed = 1, notified_at = NULL, updated_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![id, to_db(until), to_db(now)])?;
    conn.changed(Area::Reminders, [id]);
    get(conn, id)
}

/// What completing a follow-up did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Completed {
    pub done: Reminder,
    /// The next one, for a recurring follow-up.
    pub next: Option<Reminder>,
}

/// Marks a follow-up done, logs the contact in the member's interaction log (with the note, or
/// the reason), and schedules the next one of a recurring follow-up — one transaction.
pub fn complete(
    tx: &Write,
    id: i64,
    note: &str,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<Completed> {
    if note.trim().chars().count() > NOTE_MAX as usize {
        return Err(invalid("note", Rule::TooLong { max: NOTE_MAX }));
    }
    let r = get(tx, id)?;
    if r.done_at.is_some() {
        return Err(ReminderError::AlreadyDone(id));
    }
    tx.prepare_cached(
        "UPDATE reminders SET done_at = ?2, done_note = ?3, updated_at = ?2 WHERE id = ?1",
    )?
    .execute(params![id, to_db(now), note.trim()])?;
    let summary = if note.trim().is_empty() {
        r.reason.clone()
    } else {
        format!("{}：{}", r.reason, note.trim())
    };
    log_contact(tx, r.member_id, &summary, now).map_err(|e| match e {
        crate::members::MemberError::Storage(e) => ReminderError::Storage(e),
        _ => ReminderError::MemberNotFound(r.member_id),
    })?;
    let mut next = None;
    if let Some(repeat) = &r.repeat {
        let tz = zone::parse_tz(&r.tz).unwrap_or(plan.tz);
        let due = iso_date(&r.due_date).unwrap_or_else(|| zone::local_date(tz, now));
        if let Some(date) = next_date(repeat, due, zone::local_date(tz, now)) {
            let time = r.due_time.as_deref().and_then(zone::parse_time);
            let fire_at = plan_instant(tz, date, time, plan);
            tx.prepare_cached(
                "INSERT INTO reminders (member_id, reason, due_date, due_time, tz, rule, fire_at,
                     notified_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?
            .execute(params![
                r.member_id,
                r.reason,
                date.to_string(),
                r.due_time,
                tz.name(),
                repeat.to_rrule(),
                to_db(fire_at),
                notified_for(fire_at, now),
                to_db(now),
            ])?;
            let next_id = tx.last_insert_rowid();
            tx.changed(Area::Reminders, [next_id]);
            next = Some(get(tx, next_id)?);
        }
    }
    tx.changed(Area::Reminders, [id]);
    let done = get(tx, id)?;
    Ok(Completed { done, next })
}

/// A follow-up the scheduler announces.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct DueReminder {
    pub id: i64,
    pub member_id: i64,
    pub nickname: String,
    pub reason: String,
    pub fire_at: String,
}

/// The open follow-ups that fired by `now` and were not announced yet, marked announced in the
/// same transaction — so a restart never announces one twice. Those of members in the trash are
/// marked too, but not returned.
pub fn take_due(tx: &Write, now: DateTime<Utc>) -> Result<Vec<DueReminder>> {
    let due: Vec<(DueReminder, bool)> = tx
        .prepare_cached(
            "SELECT r.id, r.member_id, m.nickname, r.reason, r.fire_at, m.deleted_at IS NULL
             FROM reminders r INDEXED BY reminders_unnotified JOIN members m ON m.id = r.member_id
             WHERE r.done_at IS NULL AND r.notified_at IS NULL AND r.fire_at <= ?1
             ORDER BY r.fire_at",
        )?
        .query_map([to_db(now)], |r| {
            Ok((
                DueReminder {
                    id: r.get(0)?,
                    member_id: r.get(1)?,
                    nickname: r.get(2)?,
                    reason: r.get(3)?,
                    fire_at: r.get(4)?,
                },
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    {
        let mut mark = tx.prepare_cached("UPDATE reminders SET notified_at = ?2 WHERE id = ?1")?;
        for (d, _) in &due {
            mark.execute(params![d.id, to_db(now)])?;
        }
    }
    // Marking announced is bookkeeping (no list shows it) and is not announced as a change:
    // the scheduler would wake from its own write. The window learns of fired follow-ups from
    // the `followups-fired` event.
    Ok(due
        .into_iter()
        .filter(|(_, live)| *live)
        .map(|(d, _)| d)
        .collect())
}

/// When the next not-yet-announced follow-up fires.
pub fn next_fire(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn
        .prepare_cached(
            "SELECT min(fire_at) FROM reminders INDEXED BY reminders_unnotified
             WHERE done_at IS NULL AND notified_at IS NULL",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(t.as_deref().and_then(from_db))
}
