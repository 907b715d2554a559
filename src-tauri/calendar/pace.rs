//! Not over-posting (不打扰): each group may have a most-posts-a-day and quiet hours. Planning
//! beyond them is allowed but warned about, on the day and on the item — never a silent block
//! (an owner may well want three posts on 双11).
use super::plan::Entry;
use super::{CalendarError, Result};
use crate::reminders::zone;
use crate::store::{Area, Write};
use crate::validate::{FieldError, Rule};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// A group's posting pace; `None` everywhere means no limit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostLimits {
    #[ts(type = "number")]
    pub group_id: i64,
    pub max_per_day: Option<u32>,
    /// `HH:MM`; a span may cross midnight (22:00 → 08:00).
    pub quiet_from: Option<String>,
    pub quiet_to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaceProblem {
    /// More posts that day than the group's most.
    TooMany,
    /// A post inside the group's quiet hours.
    Quiet,
}

/// One warning: a group's day over its most, or one post in its quiet hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaceWarning {
    pub problem: PaceProblem,
    pub date: String,
    #[ts(type = "number")]
    pub group_id: i64,
    pub group: String,
    /// Posts that day (too many), with the most allowed.
    pub count: u32,
    pub max: u32,
    /// The quiet span (quiet), `HH:MM–HH:MM`.
    pub quiet: String,
    /// The calendar ids (`item-5`, `slot-3-2026-12-02`) the warning is about.
    pub entries: Vec<String>,
}

/// Every group's limits (only groups that have any).
pub fn limits(conn: &Connection) -> Result<Vec<PostLimits>> {
    Ok(conn
        .prepare_cached(
            "SELECT group_id, max_per_day, quiet_from, quiet_to FROM group_post_limits
             ORDER BY group_id",
        )?
        .query_map([], |r| {
            Ok(PostLimits {
                group_id: r.get(0)?,
                max_per_day: r.get(1)?,
                quiet_from: r.get(2)?,
                quiet_to: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Sets one group's limits (all empty removes them).
pub fn set_limits(w: &Write, l: &PostLimits) -> Result<()> {
    let mut errs = Vec::new();
    if l.max_per_day.is_some_and(|m| !(1..=50).contains(&m)) {
        errs.push(FieldError::new(
            "max_per_day",
            Rule::OutOfRange { min: 1, max: 50 },
        ));
    }
    let bad = |t: &Option<String>| t.as_deref().is_some_and(|t| zone::parse_time(t).is_none());
    if bad(&l.quiet_from) {
        errs.push(FieldError::new("quiet_from", Rule::Invalid));
    }
    if bad(&l.quiet_to) {
        errs.push(FieldError::new("quiet_to", Rule::Invalid));
    }
    if l.quiet_from.is_some() != l.quiet_to.is_some()
        || (l.quiet_from.is_some() && l.quiet_from == l.quiet_to)
    {
        errs.push(FieldError::new("quiet_to", Rule::Required));
    }
    if !errs.is_empty() {
        return Err(CalendarError::Invalid(errs));
    }
    let known: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1)",
        [l.group_id],
        |r| r.get(0),
    )?;
    if !known {
        return Err(CalendarError::GroupNotFound(l.group_id));
    }
    if l.max_per_day.is_none() && l.quiet_from.is_none() {
        w.execute(
            "DELETE FROM group_post_limits WHERE group_id = ?1",
            [l.group_id],
        )?;
    } else {
        w.execute(
            "INSERT INTO group_post_limits (group_id, max_per_day, quiet_from, quiet_to)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (group_id) DO UPDATE SET max_per_day = ?2, quiet_from = ?3, quiet_to = ?4",
            params![l.group_id, l.max_per_day, l.quiet_from, l.quiet_to],
        )?;
    }
    w.changed(Area::Calendar, std::iter::empty::<i64>());
    Ok(())
}

/// The warnings for `entries` under the groups' limits as stored (none when no group has any).
pub fn entry_warnings(conn: &Connection, entries: &[Entry]) -> Result<Vec<PaceWarning>> {
    let limits = limits(conn)?;
    if limits.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = entries.iter().map(|e| e.calendar_id()).collect();
    let names: HashMap<i64, String> = conn
        .prepare_cached("SELECT id, name FROM groups")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(warnings(entries, &ids, &limits, &names))
}

/// Whether `hhmm` falls in `[from, to)`, a span that may cross midnight.
pub fn in_quiet(hhmm: &str, from: &str, to: &str) -> bool {
    if from <= to {
        from <= hhmm && hhmm < to
    } else {
        hhmm >= from || hhmm < to
    }
}

/// The warnings for `entries` (a range of the calendar, open slots included: they are posts
/// the owner plans to make) under `limits`. `ids` gives each entry's calendar id.
pub fn warnings(
    entries: &[Entry],
    ids: &[String],
    limits: &[PostLimits],
    names: &HashMap<i64, String>,
) -> Vec<PaceWarning> {
    let by_group: HashMap<i64, &PostLimits> = limits.iter().map(|l| (l.group_id, l)).collect();
    let mut per_day: BTreeMap<(String, i64), Vec<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for (e, id) in entries.iter().zip(ids) {
        if e.status.as_deref() == Some("skipped") {
            continue;
        }
        for g in &e.refs.group_ids {
            let Some(l) = by_group.get(g) else { continue };
            per_day
                .entry((e.date.clone(), *g))
                .or_default()
                .push(id.clone());
            let time = e.start.as_deref().and_then(|s| s.get(11..16));
            if let (Some(t), Some(from), Some(to)) = (time, &l.quiet_from, &l.quiet_to) {
                if in_quiet(t, from, to) {
                    out.push(PaceWarning {
                        problem: PaceProblem::Quiet,
                        date: e.date.clone(),
                        group_id: *g,
                        group: names.get(g).cloned().unwrap_or_default(),
                        count: 0,
                        max: 0,
                        quiet: format!("{from}–{to}"),
                        entries: vec![id.clone()],
                    });
                }
            }
        }
    }
    for ((date, g), list) in per_day {
        let Some(max) = by_group.get(&g).and_then(|l| l.max_per_day) else {
            continue;
        };
        if list.len() as u32 > max {
            out.push(PaceWarning {
                problem: PaceProblem::TooMany,
                date,
                group_id: g,
                group: names.get(&g).cloned().unwrap_or_default(),
                count: list.len() as u32,
                max,
                quiet: String::new(),
                entries: list,
            });
        }
    }
    out.sort_by(|a, b| (&a.date, a.group_id).cmp(&(&b.date, b.group_id)));
    out
}
