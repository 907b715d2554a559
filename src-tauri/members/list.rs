//! The member list: one filter (search text plus combinable conditions), a sort, pages of rows,
//! the count, bulk actions on a selection, and saved filters (segments).
//!
//! The list is paged (`offset`, `limit`) so the UI can virtualise 100,000 rows; the first page
//! and the count are separate calls so the first rows can show before the count is known.
use super::memberships::{set_category, set_status, JoinInput, LEVEL_SQL};
use super::points::level_range;
use super::tags::{add_tag, ensure_tags, remove_tag};
use super::{search, Category, MemberError, MemberStatus, Result};
use crate::time::to_db;
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

/// One line of the member list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberRow {
    pub id: i64,
    pub nickname: String,
    pub display_name: String,
    pub real_name: String,
    pub region: String,
    pub phone: String,
    pub source: String,
    pub tag_ids: Vec<i64>,
    /// Groups they are in (status "in group").
    pub group_count: u32,
    /// Their membership in the filtered group, when the list is filtered by one.
    pub status: Option<MemberStatus>,
    pub category: Option<Category>,
    pub points: Option<i64>,
    pub level: Option<String>,
    pub joined_on: Option<String>,
    pub birth_md: Option<String>,
    pub last_contact_at: Option<String>,
    pub created_at: String,
    pub deleted_at: Option<String>,
}

/// The SQL `WHERE` of a filter, on `members m` (and `ms`, the filtered group's membership,
/// when there is a group).
struct Compiled {
    joins: String,
    conds: Vec<String>,
    values: Vec<Box<dyn ToSql>>,
    /// The set of ids every listed member is in (from the search, memberships, tags, source
    /// or birthday), when any of them narrows the list.
    matches: Option<Rc<Vec<Value>>>,
    /// Whether anything but that set and the trash/live choice narrows the list.
    narrowed: bool,
    /// The trash rather than the live book.
    trash: bool,
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

fn compile(
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

fn order_by(sort: MemberSort, has_group: bool) -> String {
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

/// One page of the list and how many members the filter matches in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberPage {
    pub rows: Vec<MemberRow>,
    pub total: u32,
}

/// One page of the list (`offset`, up to `limit` ≤ 1000 rows) with the total.
pub fn page(
    conn: &Connection,
    filter: &MemberFilter,
    sort: MemberSort,
    offset: u32,
    limit: u32,
    clock: &Clock,
) -> Result<MemberPage> {
    let c = compile(conn, filter, clock.today, clock.now, sort)?;
    let has_group = filter.group_id.is_some() || filter.level_id.is_some();
    let group_cols = if has_group {
        format!("ms.status, ms.category, ms.points, {LEVEL_SQL}, ms.joined_on")
    } else {
        "NULL, NULL, NULL, NULL, NULL".into()
    };
    let sql = format!(
        "SELECT m.id, m.nickname, m.display_name, m.real_name, m.region, m.phone, m.source,
            (SELECT group_concat(tag_id) FROM member_tags WHERE member_id = m.id),
            (SELECT count(*) FROM memberships x WHERE x.member_id = m.id AND x.status = 'in_group'),
            {group_cols}, m.birth_md, m.last_contact_at, m.created_at, m.deleted_at
         FROM members m {joins} WHERE {conds} ORDER BY {order} LIMIT ? OFFSET ?",
        joins = c.joins,
        conds = c.conds.join(" AND "),
        order = order_by(sort, has_group),
    );
    let total = count_compiled(conn, &c)?;
    let mut values = c.values;
    values.push(Box::new(Value::Integer(limit.min(1000).into())));
    values.push(Box::new(Value::Integer(offset.into())));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        let tags: Option<String> = r.get(7)?;
        Ok(MemberRow {
            id: r.get(0)?,
            nickname: r.get(1)?,
            display_name: r.get(2)?,
            real_name: r.get(3)?,
            region: r.get(4)?,
            phone: r.get(5)?,
            source: r.get(6)?,
            tag_ids: tags
                .map(|t| t.split(',').filter_map(|s| s.parse().ok()).collect())
                .unwrap_or_default(),
            group_count: r.get(8)?,
            status: r.get(9)?,
            category: r.get(10)?,
            points: r.get(11)?,
            level: r.get(12)?,
            joined_on: r.get(13)?,
            birth_md: r.get(14)?,
            last_contact_at: r.get(15)?,
            created_at: r.get(16)?,
            deleted_at: r.get(17)?,
        })
    })?;
    let rows = rows.collect::<rusqlite::Result<_>>()?;
    Ok(MemberPage { rows, total })
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

/// How many members the filter matches.
pub fn count(conn: &Connection, filter: &MemberFilter, clock: &Clock) -> Result<u32> {
    count_compiled(
        conn,
        &compile(conn, filter, clock.today, clock.now, MemberSort::default())?,
    )
}

fn count_compiled(conn: &Connection, c: &Compiled) -> Result<u32> {
    if !c.narrowed {
        // Only a set of ids (or nothing) narrows the list: the set, or the whole book, minus
        // (or, for the trash, only) its trashed members, found through the small index of
        // trashed members. `count(*) … WHERE deleted_at IS NULL` reads every member row.
        let (all, trashed): (u32, u32) = match &c.matches {
            Some(set) => (
                set.len() as u32,
                conn.prepare_cached(
                    "SELECT count(*) FROM members INDEXED BY members_by_deleted
                     WHERE deleted_at IS NOT NULL AND +id IN rarray(?1)",
                )?
                .query_row([set.clone()], |r| r.get(0))?,
            ),
            None => conn
                .prepare_cached(
                    "SELECT (SELECT count(*) FROM members),
                            (SELECT count(*) FROM members INDEXED BY members_by_deleted
                             WHERE deleted_at IS NOT NULL)",
                )?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?,
        };
        return Ok(if c.trash { trashed } else { all - trashed });
    }
    let sql = format!(
        "SELECT count(*) FROM members m {} WHERE {}",
        c.joins,
        c.conds.join(" AND ")
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(c.values.iter()), |r| r.get(0))?)
}

/// Every matching member id, in list order (for bulk actions and export).
pub fn ids(
    conn: &Connection,
    filter: &MemberFilter,
    sort: MemberSort,
    clock: &Clock,
) -> Result<Vec<i64>> {
    let c = compile(conn, filter, clock.today, clock.now, sort)?;
    let has_group = filter.group_id.is_some() || filter.level_id.is_some();
    let sql = format!(
        "SELECT m.id FROM members m {} WHERE {} ORDER BY {}",
        c.joins,
        c.conds.join(" AND "),
        order_by(sort, has_group)
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(c.values), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Which members a bulk action applies to: the ticked rows, or everything the filter matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Selection {
    Ids { ids: Vec<i64> },
    Filter { filter: MemberFilter },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BulkAction {
    AddTag {
        name: String,
    },
    RemoveTag {
        tag_id: i64,
    },
    SetCategory {
        group_id: i64,
        category: Category,
    },
    SetStatus {
        group_id: i64,
        status: MemberStatus,
        reason: String,
    },
    AddToGroup {
        group_id: i64,
        category: Category,
    },
    Trash,
    Restore,
}

/// Applies one action to every selected member in one transaction; returns how many members
/// it changed.
pub fn bulk(
    conn: &mut Connection,
    selection: &Selection,
    action: &BulkAction,
    clock: &Clock,
) -> Result<u32> {
    let tx = conn.transaction()?;
    let ids = match selection {
        Selection::Ids { ids } => ids.clone(),
        Selection::Filter { filter } => ids(&tx, filter, MemberSort::default(), clock)?,
    };
    let mut changed = 0u32;
    let ts = to_db(clock.now);
    match action {
        BulkAction::AddTag { name } => {
            let tag = *ensure_tags(&tx, std::slice::from_ref(name))?
                .first()
                .ok_or_else(|| {
                    MemberError::Invalid(vec![crate::groups::FieldError {
                        field: "name".into(),
                        rule: crate::groups::Rule::Required,
                    }])
                })?;
            for id in &ids {
                changed += u32::from(add_tag(&tx, *id, tag)?);
            }
        }
        BulkAction::RemoveTag { tag_id } => {
            for id in &ids {
                changed += u32::from(remove_tag(&tx, *id, *tag_id)?);
            }
        }
        BulkAction::SetCategory { group_id, category } => {
            for id in &ids {
                changed += u32::from(set_category(&tx, *id, *group_id, *category)?);
            }
        }
        BulkAction::SetStatus {
            group_id,
            status,
            reason,
        } => {
            for id in &ids {
                match set_status(&tx, *id, *group_id, *status, reason, clock.now) {
                    Ok(c) => changed += u32::from(c),
                    Err(MemberError::NotInGroup(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        BulkAction::AddToGroup { group_id, category } => {
            let input = JoinInput {
                group_id: *group_id,
                joined_on: Some(clock.today.to_string()),
                category: *category,
                role: String::new(),
            };
            for id in &ids {
                match super::join(&tx, *id, &input, clock.now) {
                    Ok(()) => changed += 1,
                    Err(MemberError::AlreadyInGroup(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        BulkAction::Trash | BulkAction::Restore => {
            let sql = if matches!(action, BulkAction::Trash) {
                "UPDATE members SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL"
            } else {
                "UPDATE members SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL"
            };
            let mut stmt = tx.prepare_cached(sql)?;
            for id in &ids {
                changed += stmt.execute(rusqlite::params![id, ts])? as u32;
            }
        }
    }
    tx.commit()?;
    Ok(changed)
}

/// A saved filter (分组/人群), e.g. "本月生日的核心成员".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Segment {
    pub id: i64,
    pub name: String,
    pub filter: MemberFilter,
}

pub fn list_segments(conn: &Connection) -> Result<Vec<Segment>> {
    let rows: Vec<(i64, String, String)> = conn
        .prepare_cached("SELECT id, name, filter FROM segments ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, name, filter)| Segment {
            id,
            name,
            // A filter from a newer or older version reads with defaults for unknown parts.
            filter: serde_json::from_str(&filter).unwrap_or_default(),
        })
        .collect())
}

pub fn save_segment(
    conn: &Connection,
    name: &str,
    filter: &MemberFilter,
    now: DateTime<Utc>,
) -> Result<Segment> {
    let name = name.trim();
    let n = name.chars().count();
    if n == 0 || n > 40 {
        return Err(MemberError::Invalid(vec![crate::groups::FieldError {
            field: "name".into(),
            rule: if n == 0 {
                crate::groups::Rule::Required
            } else {
                crate::groups::Rule::TooLong { max: 40 }
            },
        }]));
    }
    let json = serde_json::to_string(filter).expect("a filter always serialises");
    match conn.execute(
        "INSERT INTO segments (name, filter, created_at) VALUES (?1, ?2, ?3)",
        rusqlite::params![name, json, to_db(now)],
    ) {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(MemberError::SegmentTaken(name.into()))
        }
        other => {
            other?;
            Ok(Segment {
                id: conn.last_insert_rowid(),
                name: name.into(),
                filter: filter.clone(),
            })
        }
    }
}

pub fn delete_segment(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM segments WHERE id = ?1", [id])?;
    Ok(())
}
