//! Stay-in-touch cadences: "core members of group X every 7 days", "paying members every 30
//! days", "tag 意向客户 every 14 days". A member the rule covers who has been quiet longer than
//! its days (no contact logged since, or since they were added) is a due follow-up — without
//! the user creating one. Members with an open follow-up of their own are left to it, and a
//! cadence follow-up can be snoozed.
use super::zone::{self, Snooze};
use super::{invalid, Plan, ReminderError, Result};
use crate::dates::to_db;
use crate::members::Category;
use crate::store::{Area, Write};
use crate::validate::Rule;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CadenceInput {
    pub group_id: Option<i64>,
    pub category: Option<Category>,
    pub tag_id: Option<i64>,
    pub every_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Cadence {
    pub id: i64,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub category: Option<Category>,
    pub tag_id: Option<i64>,
    pub tag_name: Option<String>,
    pub every_days: u32,
}

/// A member past a cadence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CadenceDue {
    pub member_id: i64,
    pub nickname: String,
    pub last_contact_at: Option<String>,
    /// Days since the last contact (or since added), beyond which the cadence asked for one.
    pub quiet_days: u32,
    pub every_days: u32,
    pub cadence_id: i64,
}

fn check(conn: &Connection, input: &CadenceInput) -> Result<()> {
    if !(1..=365).contains(&input.every_days) {
        return Err(invalid("every_days", Rule::OutOfRange { min: 1, max: 365 }));
    }
    if input.group_id.is_none() && input.category.is_none() && input.tag_id.is_none() {
        return Err(invalid("group_id", Rule::Required));
    }
    if let Some(g) = input.group_id {
        let ok: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1 AND deleted_at IS NULL)",
            [g],
            |r| r.get(0),
        )?;
        if !ok {
            return Err(invalid("group_id", Rule::Unknown));
        }
    }
    if let Some(t) = input.tag_id {
        let ok: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM tags WHERE id = ?1)",
            [t],
            |r| r.get(0),
        )?;
        if !ok {
            return Err(invalid("tag_id", Rule::Unknown));
        }
    }
    Ok(())
}

pub fn create(conn: &Write, input: &CadenceInput, now: DateTime<Utc>) -> Result<Cadence> {
    check(conn, input)?;
    conn.execute(
        "INSERT INTO cadences (group_id, category, tag_id, every_days, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            input.group_id,
            input.category,
            input.tag_id,
            input.every_days,
            to_db(now)
        ],
    )?;
    let id = conn.last_insert_rowid();
    conn.changed(Area::Cadences, [id]);
    list(conn)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(ReminderError::CadenceNotFound(id))
}

pub fn delete(conn: &Write, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM cadences WHERE id = ?1", [id])? == 0 {
        return Err(ReminderError::CadenceNotFound(id));
    }
    conn.changed(Area::Cadences, [id]);
    Ok(())
}

pub fn list(conn: &Connection) -> Result<Vec<Cadence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.group_id, g.name, c.category, c.tag_id, t.name, c.every_days
         FROM cadences c LEFT JOIN groups g ON g.id = c.group_id LEFT JOIN tags t ON t.id = c.tag_id
         ORDER BY c.every_days, c.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Cadence {
            id: r.get(0)?,
            group_id: r.get(1)?,
            group_name: r.get(2)?,
            category: r.get(3)?,
            tag_id: r.get(4)?,
            tag_name: r.get(5)?,
            every_days: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Puts a member's cadence follow-up off until `until`.
pub fn snooze(conn: &Write, member_id: i64, until: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT INTO cadence_snoozes (member_id, until_at) VALUES (?1, ?2)
         ON CONFLICT (member_id) DO UPDATE SET until_at = excluded.until_at",
        params![member_id, to_db(until)],
    )?;
    conn.changed(Area::Cadences, []);
    conn.changed(Area::Members, [member_id]);
    Ok(())
}

/// Puts a member's cadence follow-up off with one of the snooze presets (the same as a
/// follow-up's); a moment not after `now` is refused.
pub fn snooze_preset(
    conn: &Write,
    member_id: i64,
    how: &Snooze,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<()> {
    let until = zone::snooze_until(how, now, plan.tz, plan.times)
        .filter(|t| *t > now)
        .ok_or_else(|| invalid("until", Rule::InvalidDate))?;
    snooze(conn, member_id, until)
}

/// The members past a cadence at `now`, most overdue first: the first `limit`, and how many.
///
/// Only members without an open follow-up of their own, quiet since before the shortest
/// cadence's cutoff, can be due: they come from one index (`members_uncared`), each cadence's
/// members from the membership or tag index, and only the listed ones are read in full.
pub fn due(conn: &Connection, now: DateTime<Utc>, limit: usize) -> Result<(Vec<CadenceDue>, u32)> {
    let cadences = list(conn)?;
    let Some(shortest) = cadences.iter().map(|c| c.every_days).min() else {
        return Ok((Vec::new(), 0));
    };
    let loosest = to_db(now - Duration::days(shortest.into()));
    // Member id → quiet since (last contact, or added).
    let candidates: HashMap<i64, String> = conn
        .prepare_cached(
            "SELECT id, coalesce(last_contact_at, created_at) FROM members INDEXED BY members_uncared
             WHERE deleted_at IS NULL AND open_follow_ups = 0
               AND coalesce(last_contact_at, created_at) < ?1",
        )?
        .query_map([&loosest], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if candidates.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let snoozed: HashSet<i64> = conn
        .prepare_cached("SELECT member_id FROM cadence_snoozes WHERE until_at > ?1")?
        .query_map([to_db(now)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut best: HashMap<i64, CadenceDue> = HashMap::new();
    for c in &cadences {
        let cutoff = to_db(now - Duration::days(c.every_days.into()));
        for member_id in covered(conn, c)? {
            let Some(quiet_since) = candidates.get(&member_id) else {
                continue;
            };
            // Both are RFC 3339 instants written by `to_db`, so text order is time order.
            if quiet_since.as_str() >= cutoff.as_str() || snoozed.contains(&member_id) {
                continue;
            }
            let quiet_days = crate::dates::from_db(quiet_since)
                .map(|t| (now - t).num_days().max(0) as u32)
                .unwrap_or(0);
            let item = CadenceDue {
                member_id,
                nickname: String::new(),
                last_contact_at: None,
                quiet_days,
                every_days: c.every_days,
                cadence_id: c.id,
            };
            // Under several rules, the one it is most overdue for.
            match best.get(&member_id) {
                Some(prev) if overdue_by(prev) >= overdue_by(&item) => {}
                _ => {
                    best.insert(member_id, item);
                }
            }
        }
    }
    let total = best.len() as u32;
    let mut items: Vec<CadenceDue> = best.into_values().collect();
    items.sort_by_key(|d| (std::cmp::Reverse(overdue_by(d)), d.member_id));
    items.truncate(limit);
    let mut names =
        conn.prepare_cached("SELECT nickname, last_contact_at FROM members WHERE id = ?1")?;
    for d in &mut items {
        (d.nickname, d.last_contact_at) =
            names.query_row([d.member_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    }
    Ok((items, total))
}

fn overdue_by(d: &CadenceDue) -> i64 {
    i64::from(d.quiet_days) - i64::from(d.every_days)
}

/// The members a cadence covers (in a group where it names one or a category), from indexes.
fn covered(conn: &Connection, c: &Cadence) -> Result<Vec<i64>> {
    let ids = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<Vec<i64>> {
        let mut v: Vec<i64> = conn
            .prepare_cached(sql)?
            .query_map(p, |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        v.sort_unstable();
        v.dedup();
        Ok(v)
    };
    let category = c.category.map(|x| x.as_str());
    let by_membership = match (c.group_id, category) {
        (Some(g), Some(cat)) => Some(ids(
            "SELECT member_id FROM memberships INDEXED BY memberships_by_group
             WHERE group_id = ?1 AND status = 'in_group' AND category = ?2",
            &[&g, &cat],
        )?),
        (Some(g), None) => Some(ids(
            "SELECT member_id FROM memberships INDEXED BY memberships_by_group
             WHERE group_id = ?1 AND status = 'in_group'",
            &[&g],
        )?),
        (None, Some(cat)) => Some(ids(
            "SELECT member_id FROM memberships INDEXED BY memberships_by_category
             WHERE category = ?1 AND status = 'in_group'",
            &[&cat],
        )?),
        (None, None) => None,
    };
    let by_tag = match c.tag_id {
        Some(t) => Some(ids(
            "SELECT member_id FROM member_tags WHERE tag_id = ?1",
            &[&t],
        )?),
        None => None,
    };
    Ok(match (by_membership, by_tag) {
        (Some(a), Some(b)) => crate::members::search::intersect(&a, &b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => Vec::new(),
    })
}
