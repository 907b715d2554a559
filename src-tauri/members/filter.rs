//! Compiling a member filter into SQL: each condition becomes either an id set taken from
//! its index (search, memberships, tags, source, birthday) — the sets intersected in Rust — or
//! a `WHERE` term, and the plan is picked by the size of the set. The list, the count, bulk
//! actions and exports all read through [`compile`].
use super::points::level_range;
use super::{search, Category, MemberStatus, Result};
use crate::dates::to_db;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::ToSql;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use ts_rs::TS;

/// Which members a list shows. Every condition set must hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(default)]
pub struct MemberFilter {
    /// Search text: names, handles, phone, tags, notes; Chinese substrings, pinyin, English.
    pub query: String,
    /// Only members of this group; status, category, level and join dates then apply to
    /// their membership there (otherwise to any of their memberships).
    pub group_id: Option<i64>,
    pub statuses: Vec<MemberStatus>,
    pub categories: Vec<Category>,
    /// Members carrying every one of these tags.
    pub tag_ids: Vec<i64>,
    /// Members carrying at least one of these tags.
    pub any_tag_ids: Vec<i64>,
    /// Members carrying none of these tags ("新人 but not 老客户").
    pub none_tag_ids: Vec<i64>,
    /// A level of the chosen group.
    pub level_id: Option<i64>,
    pub source: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub joined_from: Option<String>,
    pub joined_to: Option<String>,
    pub birthday_this_month: bool,
    /// Not contacted for at least this many days (never contacted counts).
    pub not_contacted_days: Option<u32>,
    /// The trash instead of the live book.
    pub trash: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Name,
    Created,
    LastContact,
    Birthday,
    /// Needs a group filter.
    Joined,
    /// Needs a group filter.
    Points,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct MemberSort {
    pub key: SortKey,
    pub desc: bool,
}

/// The SQL `WHERE` of a filter, on `members m` (and `ms`, the filtered group's membership,
/// when there is a group).
pub(super) struct Compiled {
    pub(super) joins: String,
    pub(super) conds: Vec<String>,
    pub(super) values: Vec<Box<dyn ToSql>>,
    /// The set of ids every listed member is in (from the search, memberships, tags, source
    /// or birthday), when any of them narrows the list.
    pub(super) matches: Option<Rc<Vec<Value>>>,
    /// Whether anything but that set and the trash/live choice narrows the list.
    pub(super) narrowed: bool,
    /// The trash rather than the live book.
    pub(super) trash: bool,
}

/// Below this many search matches the list is driven by the match set (look up and sort
/// them); above it, by walking the sort order and probing the set, which stops after a page.
const SMALL_MATCH_SET: usize = 500;

/// `?, ?, ?` for a list of values, which are appended to `values`.
fn in_list(items: impl Iterator<Item = &'static str>, values: &mut Vec<Box<dyn ToSql>>) -> String {
    let marks: Vec<&str> = items
        .map(|i| {
            values.push(Box::new(i));
            "?"
        })
        .collect();
    marks.join(",")
}

pub(super) fn compile(
    conn: &Connection,
    f: &MemberFilter,
    today: NaiveDate,
    now: DateTime<Utc>,
    sort: MemberSort,
) -> Result<Compiled> {
    let mut c = Compiled {
        joins: String::new(),
        conds: Vec::new(),
        values: Vec::new(),
        matches: None,
        narrowed: false,
        trash: f.trash,
    };
    c.conds.push(
        if f.trash {
            "m.deleted_at IS NOT NULL"
        } else {
            "m.deleted_at IS NULL"
        }
        .into(),
    );
    let mut group = f.group_id;
    let mut points_range = None;
    if let Some(level) = f.level_id {
        let (g, min, next) = level_range(conn, level)?;
        group = Some(g);
        points_range = Some((min, next));
    }
    // Conditions on a membership: the filtered group's, or any.
    let mut ms = Vec::new();
    let mut ms_values = Vec::new();
    if !f.statuses.is_empty() {
        ms.push(format!(
            "ms.status IN ({})",
            in_list(f.statuses.iter().map(|s| s.as_str()), &mut ms_values)
        ));
    }
    if !f.categories.is_empty() {
        ms.push(format!(
            "ms.category IN ({})",
            in_list(f.categories.iter().map(|c| c.as_str()), &mut ms_values)
        ));
    }
    if let Some(from) = &f.joined_from {
        ms.push("ms.joined_on >= ?".into());
        ms_values.push(Box::new(Value::Text(from.clone())));
    }
    if let Some(to) = &f.joined_to {
        ms.push("ms.joined_on <= ?".into());
        ms_values.push(Box::new(Value::Text(to.clone())));
    }
    if let Some((min, next)) = points_range {
        ms.push("ms.points >= ?".into());
        ms_values.push(Box::new(Value::Integer(min)));
        if let Some(next) = next {
            ms.push("ms.points < ?".into());
            ms_values.push(Box::new(Value::Integer(next)));
        }
    }
    // Membership and tag conditions become sets of member ids (from their indexes), which are
    // intersected with the search's set; the list then picks its plan by the set's size.
    let mut set: Option<Vec<i64>> = None;
    if let Some(g) = group {
        // The filtered group's membership gives the status, category and points columns.
        c.joins = "LEFT JOIN memberships ms ON ms.member_id = m.id AND ms.group_id = ?".into();
        c.values.push(Box::new(Value::Integer(g)));
        let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(g)];
        values.extend(ms_values);
        let mut conds = vec!["ms.group_id = ?".to_string()];
        conds.extend(ms);
        let sql = format!(
            "SELECT member_id FROM memberships ms WHERE {}",
            conds.join(" AND ")
        );
        narrow(&mut set, ids_of(conn, &sql, values)?);
    } else if !ms.is_empty() {
        let sql = format!(
            "SELECT member_id FROM memberships ms WHERE {}",
            ms.join(" AND ")
        );
        narrow(&mut set, ids_of(conn, &sql, ms_values)?);
    }
    for tag in &f.tag_ids {
        let sql = "SELECT member_id FROM member_tags WHERE tag_id = ?";
        narrow(&mut set, ids_of(conn, sql, vec![Box::new(*tag)])?);
    }
    if !f.any_tag_ids.is_empty() {
        let sql = "SELECT member_id FROM member_tags WHERE tag_id IN rarray(?)";
        let tags = Rc::new(
            f.any_tag_ids
                .iter()
                .map(|t| Value::Integer(*t))
                .collect::<Vec<_>>(),
        );
        narrow(&mut set, ids_of(conn, sql, vec![Box::new(tags)])?);
    }
    if !f.none_tag_ids.is_empty() {
        // A row-by-row check on the member's own tags (a few per member), not a set: "not
        // tagged 老客户" holds for most of the book.
        c.conds.push(
            "NOT EXISTS (SELECT 1 FROM member_tags mt WHERE mt.member_id = m.id \
             AND mt.tag_id IN rarray(?))"
                .into(),
        );
        let tags = Rc::new(
            f.none_tag_ids
                .iter()
                .map(|t| Value::Integer(*t))
                .collect::<Vec<_>>(),
        );
        c.values.push(Box::new(tags));
    }
    if let Some(source) = f.source.as_deref().filter(|s| !s.is_empty()) {
        if f.trash {
            c.conds.push("m.source = ?".into());
            c.values.push(Box::new(Value::Text(source.into())));
        } else {
            // A set from the source index: combined with a broad membership condition
            // ("joined in 2026") a row-by-row check walked most of the book.
            let sql = "SELECT id FROM members INDEXED BY members_by_source
                       WHERE source = ? AND deleted_at IS NULL";
            narrow(
                &mut set,
                ids_of(conn, sql, vec![Box::new(source.to_string())])?,
            );
        }
    }
    if f.birthday_this_month {
        let from = Value::Text(format!("{:02}-00", today.month()));
        let to = Value::Text(format!("{:02}-99", today.month()));
        if f.trash {
            c.conds.push("m.birth_md BETWEEN ? AND ?".into());
            c.values.push(Box::new(from));
            c.values.push(Box::new(to));
        } else {
            // A set from the birthday index: as a condition, the planner read every birthday
            // of the month and sorted them all by name for one page.
            let sql = "SELECT id FROM members INDEXED BY members_by_birthday
                       WHERE birth_md BETWEEN ? AND ? AND deleted_at IS NULL";
            narrow(
                &mut set,
                ids_of(conn, sql, vec![Box::new(from), Box::new(to)])?,
            );
        }
    }
    if let Some(days) = f.not_contacted_days {
        // Quiet since the last contact, or since the member was added (never contacted but
        // imported yesterday is not "not contacted for 30 days").
        c.conds
            .push("coalesce(m.last_contact_at, m.created_at) < ?".into());
        c.values.push(Box::new(Value::Text(to_db(
            now - Duration::days(days.into()),
        ))));
    }
    c.narrowed = c.conds.len() > 1;
    if let Some(ids) = search::matching(conn, &f.query)? {
        narrow(&mut set, ids);
    }
    if let Some(ids) = set {
        // Walking an index needs one on the sort column (name, added, contacted, birthday).
        let indexed = !matches!(sort.key, SortKey::Joined | SortKey::Points) && !f.trash;
        let plus = if ids.len() > SMALL_MATCH_SET && indexed {
            "+"
        } else {
            ""
        };
        c.conds.push(format!("{plus}m.id IN rarray(?)"));
        let set = Rc::new(ids.into_iter().map(Value::Integer).collect::<Vec<_>>());
        c.values.push(Box::new(set.clone()));
        c.matches = Some(set);
    }
    Ok(c)
}

pub(super) fn order_by(sort: MemberSort, has_group: bool) -> String {
    let dir = if sort.desc { "DESC" } else { "ASC" };
    let key = match sort.key {
        SortKey::Name => return format!("m.sort_key {dir}, m.id {dir}"),
        SortKey::Created => "m.created_at",
        SortKey::LastContact => "m.last_contact_at",
        SortKey::Birthday => "m.birth_md",
        SortKey::Joined if has_group => "ms.joined_on",
        SortKey::Points if has_group => "ms.points",
        SortKey::Joined | SortKey::Points => "m.created_at",
    };
    // Empty values last in either direction, then by name.
    format!("{key} IS NULL, {key} {dir}, m.sort_key, m.id")
}

/// `today` is the user's local date (for "birthday this month"), `now` the instant (for "not
/// contacted for N days").
pub struct Clock {
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

fn narrow(set: &mut Option<Vec<i64>>, ids: Vec<i64>) {
    *set = Some(match set.take() {
        None => ids,
        Some(prev) => search::intersect(&prev, &ids),
    });
}

/// The distinct member ids a query selects, ascending. Sorted here rather than by `ORDER BY`
/// or `DISTINCT`: SQLite does either through a temporary B-tree, 20 ms for the 45,000
/// memberships of "joined in 2026", where sorting the numbers takes well under one.
fn ids_of(conn: &Connection, sql: &str, values: Vec<Box<dyn ToSql>>) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut ids: Vec<i64> = stmt
        .query_map(params_from_iter(values), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
