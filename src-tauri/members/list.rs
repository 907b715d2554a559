//! The member list: pages of rows for one filter and sort, the count, and every matching id in
//! list order (for bulk actions and export). The list is paged (`offset`, `limit`) so the UI
//! can virtualise 100,000 rows; the first page and the count are separate calls so the first
//! rows can show before the count is known.
use super::filter::{compile, order_by, Clock, Compiled, MemberFilter, MemberSort};
use super::memberships::LEVEL_SQL;
use super::{Category, MemberStatus, Result};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
