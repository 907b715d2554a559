//! The daily digest: at the morning time, a summary of the day (follow-ups overdue and due,
//! birthdays, cadence follow-ups, each group's spotlight) as one desktop notification and, for
//! webhooks that want it, one push. The day it was sent is kept, so a restart does not send it
//! again; an app started within three hours after the morning time still sends it, one started
//! later that day does not (a "morning" summary at 4 pm would be noise).
use super::{today, zone, Plan, Result};
use crate::store::Write;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

const MARK: &str = "digest_day";
const LATE: Duration = Duration::hours(3);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub date: NaiveDate,
    pub overdue: u32,
    pub due_today: u32,
    /// "nickname · reason" of today's follow-ups, the first ten.
    pub today_items: Vec<String>,
    /// Nicknames with a birthday today.
    pub birthdays: Vec<String>,
    pub cadence_due: u32,
    /// "group: nickname".
    pub spotlight: Vec<String>,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.overdue == 0
            && self.due_today == 0
            && self.birthdays.is_empty()
            && self.cadence_due == 0
            && self.spotlight.is_empty()
    }
}

fn sent_on(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM scheduler_marks WHERE name = ?1",
            [MARK],
            |r| r.get(0),
        )
        .optional()?)
}

fn mark(conn: &Connection, day: NaiveDate) -> Result<()> {
    conn.execute(
        "INSERT INTO scheduler_marks (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        params![MARK, day.to_string()],
    )?;
    Ok(())
}

/// The digest, when its time has come today and it was not sent yet (marking it sent).
pub fn take_if_due(conn: &Write, plan: &Plan, now: DateTime<Utc>) -> Result<Option<Digest>> {
    let day = zone::local_date(plan.tz, now);
    let at = zone::instant(plan.tz, day, plan.times.morning);
    if now < at || sent_on(conn)?.as_deref() == Some(day.to_string().as_str()) {
        return Ok(None);
    }
    if now > at + LATE {
        mark(conn, day)?;
        return Ok(None);
    }
    let view = today::view_storing(conn, plan, now)?;
    mark(conn, day)?;
    Ok(Some(Digest {
        date: day,
        overdue: view.overdue.total,
        due_today: view.today.total,
        today_items: view
            .today
            .items
            .iter()
            .take(10)
            .map(|r| format!("{} · {}", r.nickname, r.reason))
            .collect(),
        birthdays: view
            .birthdays
            .iter()
            .filter(|b| b.in_days == 0)
            .map(|b| b.nickname.clone())
            .collect(),
        cadence_due: view.cadence.total,
        spotlight: view
            .spotlight
            .iter()
            .map(|s| format!("{}: {}", s.group_name, s.nickname))
            .collect(),
    }))
}

/// When the next digest is due: this morning's if not sent yet, else tomorrow's.
pub fn next_at(conn: &Connection, plan: &Plan, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let day = zone::local_date(plan.tz, now);
    let today_at = zone::instant(plan.tz, day, plan.times.morning);
    let sent = sent_on(conn)?.as_deref() == Some(day.to_string().as_str());
    if !sent && now < today_at + LATE {
        return Ok(today_at.max(now));
    }
    Ok(zone::instant(
        plan.tz,
        day + Duration::days(1),
        plan.times.morning,
    ))
}
