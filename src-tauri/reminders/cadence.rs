//! Stay-in-touch cadences: "core members of group X every 7 days", "paying members every 30
//! days", "tag 意向客户 every 14 days". A member the rule covers who has been quiet longer than
//! its days (no contact logged since, or since they were added) is a due follow-up — without
//! the user creating one. Members with an open follow-up of their own are left to it, and a
//! cadence follow-up can be snoozed.
use super::{invalid, ReminderError, Result};
use crate::groups::Rule;
use crate::members::Category;
use crate::time::to_db;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, types::Value, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::rc::Rc;
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

pub fn create(conn: &Connection, input: &CadenceInput, now: DateTime<Utc>) -> Result<Cadence> {
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
    list(conn)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(ReminderError::CadenceNotFound(id))
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM cadences WHERE id = ?1", [id])? == 0 {
        return Err(ReminderError::CadenceNotFound(id));
    }
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
pub fn snooze(conn: &Connection, member_id: i64, until: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT INTO cadence_snoozes (member_id, until_at) VALUES (?1, ?2)
         ON CONFLICT (member_id) DO UPDATE SET until_at = excluded.until_at",
        params![member_id, to_db(until)],
    )?;
    Ok(())
}

/// The members past a cadence at `now`, most overdue first: the first `limit`, and how many.
pub fn due(conn: &Connection, now: DateTime<Utc>, limit: usize) -> Result<(Vec<CadenceDue>, u32)> {
    let mut best: HashMap<i64, CadenceDue> = HashMap::new();
    for c in list(conn)? {
        // The members the rule covers, from the membership and tag indexes.
        let mut ids: Option<Vec<i64>> = None;
        if c.group_id.is_some() || c.category.is_some() {
            let sql = match (c.group_id, c.category) {
                (Some(_), Some(_)) => {
                    "SELECT member_id FROM memberships WHERE group_id = ?1
                     AND status = 'in_group' AND category = ?2"
                }
                (Some(_), None) => {
                    "SELECT member_id FROM memberships WHERE group_id = ?1
                     AND status = 'in_group' AND ?2 IS NULL"
                }
                _ => {
                    "SELECT DISTINCT member_id FROM memberships INDEXED BY memberships_by_category
                     WHERE category = ?2 AND status = 'in_group' AND ?1 IS NULL"
                }
            };
            let mut v: Vec<i64> = conn
                .prepare_cached(sql)?
                .query_map(params![c.group_id, c.category], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            v.sort_unstable();
            v.dedup();
            ids = Some(v);
        }
        if let Some(tag) = c.tag_id {
            let v: Vec<i64> = conn
                .prepare_cached(
                    "SELECT member_id FROM member_tags WHERE tag_id = ?1 ORDER BY member_id",
                )?
                .query_map([tag], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids = Some(match ids {
                Some(prev) => crate::members::search::intersect(&prev, &v),
                None => v,
            });
        }
        let ids = Rc::new(
            ids.unwrap_or_default()
                .into_iter()
                .map(Value::Integer)
                .collect::<Vec<_>>(),
        );
        let cutoff = now - Duration::days(c.every_days.into());
        let mut stmt = conn.prepare_cached(
            "SELECT m.id, m.nickname, m.last_contact_at, coalesce(m.last_contact_at, m.created_at)
             FROM members m
             WHERE m.id IN rarray(?1) AND m.deleted_at IS NULL
               AND coalesce(m.last_contact_at, m.created_at) < ?2
               AND NOT EXISTS (SELECT 1 FROM reminders r
                               WHERE r.member_id = m.id AND r.done_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM cadence_snoozes s
                               WHERE s.member_id = m.id AND s.until_at > ?3)",
        )?;
        let rows = stmt.query_map(params![ids, to_db(cutoff), to_db(now)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (member_id, nickname, last_contact_at, quiet_since) = row?;
            let quiet_days = crate::time::from_db(&quiet_since)
                .map(|t| (now - t).num_days().max(0) as u32)
                .unwrap_or(0);
            let item = CadenceDue {
                member_id,
                nickname,
                last_contact_at,
                quiet_days,
                every_days: c.every_days,
                cadence_id: c.id,
            };
            // Under several rules, the one it is most overdue for.
            let over = |d: &CadenceDue| d.quiet_days as i64 - d.every_days as i64;
            match best.get(&member_id) {
                Some(prev) if over(prev) >= over(&item) => {}
                _ => {
                    best.insert(member_id, item);
                }
            }
        }
    }
    let total = best.len() as u32;
    let mut items: Vec<CadenceDue> = best.into_values().collect();
    items.sort_by_key(|d| {
        (
            std::cmp::Reverse(d.quiet_days as i64 - d.every_days as i64),
            d.member_id,
        )
    });
    items.truncate(limit);
    Ok((items, total))
}
