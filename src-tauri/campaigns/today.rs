//! The checklist on Today and on time: steps of live campaigns due by a week from today (the
//! overdue first), and the scheduler's reminder on the morning a step is due — taken once and
//! marked in the same write, like follow-ups.
use super::Result;
use crate::dates::to_db;
use crate::reminders::zone::{instant, local_date};
use crate::reminders::Plan;
use crate::store::Write;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A checklist step as Today lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueStep {
    #[ts(type = "number")]
    pub step_id: i64,
    #[ts(type = "number")]
    pub campaign_id: i64,
    pub campaign: String,
    pub title: String,
    pub due: String,
    pub overdue: bool,
}

/// How far ahead Today lists steps.
pub const AHEAD_DAYS: i64 = 7;

/// A row of (step id, campaign id, campaign name, title, due date) as a step, overdue when
/// due before `today`.
fn step(r: &rusqlite::Row, today: &str) -> rusqlite::Result<DueStep> {
    let due: String = r.get(4)?;
    Ok(DueStep {
        step_id: r.get(0)?,
        campaign_id: r.get(1)?,
        campaign: r.get(2)?,
        title: r.get(3)?,
        overdue: due.as_str() < today,
        due,
    })
}

/// Steps not done of live campaigns due by `today` + [`AHEAD_DAYS`], by date.
pub fn due_steps(conn: &Connection, today: NaiveDate) -> Result<Vec<DueStep>> {
    let until = (today + Duration::days(AHEAD_DAYS)).to_string();
    let today_s = today.to_string();
    Ok(conn
        .prepare_cached(
            "SELECT s.id, c.id, c.name, s.title, s.due_date FROM campaign_steps s
             JOIN campaigns c ON c.id = s.campaign_id
             WHERE s.done_at IS NULL AND s.due_date <= ?1 AND c.deleted_at IS NULL
               AND c.status IN ('planning', 'running')
             ORDER BY s.due_date, c.name, s.position
             LIMIT 200",
        )?
        .query_map([until], |r| step(r, &today_s))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The steps whose day came (at the plan's morning time) and were not reminded of, marked
/// reminded in the caller's write.
pub fn take_due_steps(w: &Write, plan: &Plan, now: DateTime<Utc>) -> Result<Vec<DueStep>> {
    let today = local_date(plan.tz, now);
    let today_s = today.to_string();
    // Today's steps only once the morning time has come.
    let last_day = if instant(plan.tz, today, plan.times.morning) <= now {
        today
    } else {
        today - Duration::days(1)
    };
    let due: Vec<DueStep> = w
        .prepare_cached(
            "SELECT s.id, c.id, c.name, s.title, s.due_date FROM campaign_steps s
             JOIN campaigns c ON c.id = s.campaign_id
             WHERE s.done_at IS NULL AND s.notified_at IS NULL AND s.due_date <= ?1
               AND c.deleted_at IS NULL AND c.status IN ('planning', 'running')
             ORDER BY s.due_date, s.position",
        )?
        .query_map([last_day.to_string()], |r| step(r, &today_s))?
        .collect::<rusqlite::Result<_>>()?;
    let mut mark = w.prepare_cached("UPDATE campaign_steps SET notified_at = ?2 WHERE id = ?1")?;
    for d in &due {
        mark.execute(params![d.step_id, to_db(now)])?;
    }
    Ok(due)
}

/// When the next step reminder is due (the morning of the earliest unreminded step's day).
pub fn next_step_at(conn: &Connection, plan: &Plan) -> Result<Option<DateTime<Utc>>> {
    let day: Option<String> = conn.query_row(
        "SELECT min(s.due_date) FROM campaign_steps s JOIN campaigns c ON c.id = s.campaign_id
         WHERE s.done_at IS NULL AND s.notified_at IS NULL AND c.deleted_at IS NULL
           AND c.status IN ('planning', 'running')",
        [],
        |r| r.get(0),
    )?;
    Ok(day
        .as_deref()
        .and_then(crate::dates::iso_date)
        .map(|d| instant(plan.tz, d, plan.times.morning)))
}
