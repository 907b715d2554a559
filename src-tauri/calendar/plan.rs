//! The week plan: Monday to Sunday, every content item planned in it and every slot
//! occurrence not yet filled by one (`groupdesk plan week --json`).
use super::slots::{list_slots, occurrences};
use super::Result;
use crate::reminders::zone;
use chrono::{Datelike, Duration, NaiveDate, SecondsFormat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Item,
    Slot,
}

/// One line of the week: a planned item, or a slot's placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Entry {
    pub kind: EntryKind,
    pub title: String,
    pub groups: Vec<String>,
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    /// RFC 3339 with the zone's offset; null for a day without a time.
    pub start: Option<String>,
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub content_type: String,
    /// The item's status; null for an unfilled slot.
    pub status: Option<String>,
    /// The post's text (exports show it; the week JSON leaves it out).
    #[serde(skip)]
    #[ts(skip)]
    pub body: String,
    /// What the window needs to act on the entry (left out of the week JSON).
    #[serde(skip)]
    #[ts(skip)]
    pub refs: Refs,
}

/// The rows behind an entry: the item, or the slot and its occurrence's rule date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refs {
    pub item_id: Option<i64>,
    pub slot_id: Option<i64>,
    pub rule_date: Option<String>,
    pub group_ids: Vec<i64>,
}

impl Entry {
    /// The id the calendar and its warnings use: `item-5`, or `slot-3-2026-12-02` for an
    /// open slot occurrence.
    pub fn calendar_id(&self) -> String {
        match (&self.refs.item_id, &self.refs.slot_id, &self.refs.rule_date) {
            (Some(i), _, _) => format!("item-{i}"),
            (None, Some(s), Some(d)) => format!("slot-{s}-{d}"),
            _ => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WeekPlan {
    /// The Monday.
    pub week_start: String,
    pub entries: Vec<Entry>,
}

/// The week (Monday to Sunday) containing `date`.
pub fn week(conn: &Connection, date: NaiveDate) -> Result<WeekPlan> {
    let monday = date - Duration::days(date.weekday().num_days_from_monday() as i64);
    let sunday = monday + Duration::days(6);
    Ok(WeekPlan {
        week_start: monday.to_string(),
        entries: entries(conn, monday, sunday, None)?,
    })
}

/// Every item planned in `[from, to]` and every slot occurrence there not filled by one, in
/// time order; only those of group `group` when given.
pub fn entries(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    group: Option<i64>,
) -> Result<Vec<Entry>> {
    let (monday, sunday) = (from, to);
    let group_name: Option<String> = match group {
        Some(g) => {
            Some(conn.query_row("SELECT name FROM groups WHERE id = ?1", [g], |r| r.get(0))?)
        }
        None => None,
    };
    let mut entries: Vec<(String, Entry)> = Vec::new();
    let mut filled: HashSet<(i64, String)> = HashSet::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT i.body, i.kind, i.title, i.planned_date, i.planned_time, i.tz, i.status,
                    i.slot_id, i.slot_date,
                    (SELECT group_concat(g.name, char(31)) FROM content_item_groups x
                       JOIN groups g ON g.id = x.group_id WHERE x.item_id = i.id),
                    i.id,
                    (SELECT group_concat(x.group_id) FROM content_item_groups x WHERE x.item_id = i.id)
             FROM content_items i
             WHERE i.deleted_at IS NULL AND i.planned_date BETWEEN ?1 AND ?2
             ORDER BY i.planned_date, i.planned_time, i.id",
        )?;
        let rows = stmt.query_map([monday.to_string(), sunday.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<i64>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, i64>(10)?,
                r.get::<_, Option<String>>(11)?,
            ))
        })?;
        for row in rows {
            let (
                body,
                kind,
                title,
                day,
                time,
                tz,
                status,
                slot,
                slot_date,
                groups,
                item_id,
                group_ids,
            ) = row?;
            if let (Some(s), Some(d)) = (slot, &slot_date) {
                filled.insert((s, d.clone()));
            }
            let refs = Refs {
                item_id: Some(item_id),
                slot_id: slot,
                rule_date: slot_date,
                group_ids: group_ids
                    .map(|g| g.split(',').filter_map(|x| x.parse().ok()).collect())
                    .unwrap_or_default(),
            };
            let tz = zone::parse_tz(&tz).unwrap_or(chrono_tz::Asia::Shanghai);
            let start = match (
                crate::dates::iso_date(&day),
                time.as_deref().and_then(zone::parse_time),
            ) {
                (Some(d), Some(t)) => Some(
                    zone::instant(tz, d, t)
                        .with_timezone(&tz)
                        .to_rfc3339_opts(SecondsFormat::Secs, false),
                ),
                _ => None,
            };
            let sort = start.clone().unwrap_or_else(|| format!("{day}T00"));
            entries.push((
                sort,
                Entry {
                    kind: EntryKind::Item,
                    title,
                    groups: groups
                        .map(|g| g.split('\u{1f}').map(String::from).collect())
                        .unwrap_or_default(),
                    date: day,
                    start,
                    content_type: kind,
                    status: Some(status),
                    body,
                    refs,
                },
            ));
        }
    }
    for slot in list_slots(conn)? {
        if group.is_some_and(|g| g != slot.group_id) {
            continue;
        }
        let tz = zone::parse_tz(&slot.tz).unwrap_or(chrono_tz::Asia::Shanghai);
        for o in occurrences(conn, &slot, monday, sunday)? {
            if filled.contains(&(slot.id, o.rule_date.to_string())) {
                continue;
            }
            let start = o
                .start
                .with_timezone(&tz)
                .to_rfc3339_opts(SecondsFormat::Secs, false);
            entries.push((
                start.clone(),
                Entry {
                    kind: EntryKind::Slot,
                    title: o.title,
                    groups: vec![slot.group_name.clone()],
                    date: o.date.to_string(),
                    start: Some(start),
                    content_type: slot.kind.clone(),
                    status: None,
                    body: String::new(),
                    refs: Refs {
                        item_id: None,
                        slot_id: Some(slot.id),
                        rule_date: Some(o.rule_date.to_string()),
                        group_ids: vec![slot.group_id],
                    },
                },
            ));
        }
    }
    // In time order (entries in different zones compare by their instants).
    entries.sort_by_key(|(sort, e)| {
        let instant = e
            .start
            .as_deref()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.timestamp())
            .unwrap_or(i64::MIN);
        (e.date.clone(), instant, sort.clone())
    });
    Ok(entries
        .into_iter()
        .map(|(_, e)| e)
        .filter(|e| group_name.as_ref().is_none_or(|n| e.groups.contains(n)))
        .collect())
}
