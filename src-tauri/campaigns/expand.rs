//! Moving a campaign's dates: everything it generated that is not posted or done yet moves by
//! the same number of days — its unfinished checklist steps and its posts not yet posted or
//! skipped — while what already happened stays where it happened. The window first lists the
//! moves ([`planned_moves`]) for the owner to confirm, then [`shift`] makes them in one write;
//! a move that would put a post in the past is refused and nothing moves.
use super::{get, CampaignError, Result};
use crate::calendar::{self, ContentStatus};
use crate::dates::{iso_date, to_db};
use crate::store::{Area, Write};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One thing a date move moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignMove {
    /// `post` or `step`.
    pub what: String,
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub from: String,
    pub to: String,
}

fn plus(d: &str, days: i64) -> Option<String> {
    iso_date(d).map(|d| (d + Duration::days(days)).to_string())
}

/// What moving the campaign by `days` would move (posts not posted or skipped, steps not
/// done), in date order.
pub fn planned_moves(conn: &Connection, id: i64, days: i64) -> Result<Vec<CampaignMove>> {
    let c = get(conn, id)?;
    let mut out = Vec::new();
    for p in &c.posts {
        if matches!(p.status, ContentStatus::Posted | ContentStatus::Skipped) {
            continue;
        }
        if let Some(to) = plus(&p.date, days) {
            out.push(CampaignMove {
                what: "post".into(),
                id: p.id,
                title: p.title.clone(),
                from: p.date.clone(),
                to,
            });
        }
    }
    for s in c.checklist.iter().filter(|s| !s.done) {
        if let Some(to) = plus(&s.due, days) {
            out.push(CampaignMove {
                what: "step".into(),
                id: s.id,
                title: s.title.clone(),
                from: s.due.clone(),
                to,
            });
        }
    }
    out.sort_by(|a, b| a.from.cmp(&b.from).then(a.what.cmp(&b.what)));
    Ok(out)
}

/// Moves the campaign so it starts on `new_start` (its end and event day by as many days) and
/// everything unfinished it generated with it. `today` is the owner's local date: no post
/// that is still to be posted may land before it. Returns what moved.
pub fn shift(
    w: &Write,
    id: i64,
    new_start: NaiveDate,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<CampaignMove>> {
    let c = get(w, id)?;
    let start = iso_date(&c.start).ok_or_else(|| CampaignError::NotFound(id.to_string()))?;
    let days = (new_start - start).num_days();
    if days == 0 {
        return Ok(Vec::new());
    }
    let moves = planned_moves(w, id, days)?;
    if let Some(m) = moves
        .iter()
        .find(|m| m.what == "post" && iso_date(&m.to).is_some_and(|d| d < today))
    {
        return Err(CampaignError::IntoThePast {
            title: m.title.clone(),
            date: m.to.clone(),
        });
    }
    let shifted = |d: &str| plus(d, days).unwrap_or_else(|| d.to_string());
    w.execute(
        "UPDATE campaigns SET start_date = ?2, end_date = ?3, event_date = ?4, updated_at = ?5
         WHERE id = ?1",
        params![
            id,
            shifted(&c.start),
            shifted(&c.end),
            shifted(&c.event_date),
            to_db(now)
        ],
    )?;
    for m in &moves {
        if m.what == "post" {
            let time = c
                .posts
                .iter()
                .find(|p| p.id == m.id)
                .and_then(|p| p.time.clone());
            calendar::move_item(w, m.id, &m.to, time.as_deref(), now)?;
        } else {
            w.execute(
                "UPDATE campaign_steps SET due_date = ?2, notified_at = NULL WHERE id = ?1",
                params![m.id, m.to],
            )?;
        }
    }
    w.changed(Area::Campaigns, [id]);
    Ok(moves)
}
