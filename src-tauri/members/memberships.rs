//! A member's place in each group: join date, status (with every change kept, dated, with a
//! reason), category and role. Points live in the ledger ([`super::points`]).
use super::queries::ensure_exists;
use super::{Category, MemberError, MemberStatus, Membership, Result, StatusChange};
use crate::dates::to_db;
use crate::store::{Area, Write};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the "add to group" form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JoinInput {
    pub group_id: i64,
    /// `YYYY-MM-DD`; none when unknown.
    pub joined_on: Option<String>,
    pub category: Category,
    pub role: String,
}

/// Edits that do not change the status (category, role, join date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MembershipEdit {
    pub joined_on: Option<String>,
    pub category: Category,
    pub role: String,
}

pub fn group_exists(conn: &Connection, group_id: i64) -> Result<()> {
    let ok: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1 AND deleted_at IS NULL)",
        [group_id],
        |r| r.get(0),
    )?;
    if ok {
        Ok(())
    } else {
        Err(MemberError::GroupNotFound(group_id))
    }
}

fn check_date(field: &str, d: &Option<String>) -> Result<()> {
    if let Some(d) = d {
        if crate::dates::iso_date(d).is_none() {
            return Err(MemberError::Invalid(vec![crate::validate::FieldError {
                field: field.into(),
                rule: crate::validate::Rule::InvalidDate,
            }]));
        }
    }
    Ok(())
}

/// Adds a member to a group (status "in group", recorded in the history): the membership and
/// its first history row commit together.
pub fn join(conn: &Write, member_id: i64, input: &JoinInput, now: DateTime<Utc>) -> Result<()> {
    ensure_exists(conn, member_id)?;
    group_exists(conn, input.group_id)?;
    join_checked(conn, member_id, input, now)
}

/// [`join`] for a member and group the caller has already checked exist (an import checks
/// the group once, not per row).
pub fn join_checked(
    conn: &Write,
    member_id: i64,
    input: &JoinInput,
    now: DateTime<Utc>,
) -> Result<()> {
    check_date("joined_on", &input.joined_on)?;
    let inserted = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO memberships (member_id, group_id, joined_on, status, category, role)
             VALUES (?1, ?2, ?3, 'in_group', ?4, ?5)",
        )?
        .execute(params![member_id, input.group_id, input.joined_on, input.category, input.role.trim()])?;
    if inserted == 0 {
        return Err(MemberError::AlreadyInGroup(input.group_id));
    }
    conn.prepare_cached(
        "INSERT INTO status_changes (member_id, group_id, status, reason, at)
         VALUES (?1, ?2, 'in_group', '', ?3)",
    )?
    .execute(params![member_id, input.group_id, to_db(now)])?;
    conn.changed(Area::Members, [member_id]);
    Ok(())
}

/// Changes a member's status in a group and records it with the reason (a no-op when the
/// status is already that): the status and its history row commit together.
pub fn set_status(
    conn: &Write,
    member_id: i64,
    group_id: i64,
    status: MemberStatus,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let changed = conn
        .prepare_cached(
            "UPDATE memberships SET status = ?3 WHERE member_id = ?1 AND group_id = ?2 AND status <> ?3",
        )?
        .execute(params![member_id, group_id, status])?;
    if changed == 0 {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM memberships WHERE member_id = ?1 AND group_id = ?2)",
            params![member_id, group_id],
            |r| r.get(0),
        )?;
        return if exists {
            Ok(false)
        } else {
            Err(MemberError::NotInGroup(group_id))
        };
    }
    conn.prepare_cached(
        "INSERT INTO status_changes (member_id, group_id, status, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![member_id, group_id, status, reason.trim(), to_db(now)])?;
    conn.changed(Area::Members, [member_id]);
    Ok(true)
}

pub fn edit_membership(
    conn: &Write,
    member_id: i64,
    group_id: i64,
    edit: &MembershipEdit,
) -> Result<()> {
    check_date("joined_on", &edit.joined_on)?;
    let n = conn.execute(
        "UPDATE memberships SET joined_on = ?3, category = ?4, role = ?5
         WHERE member_id = ?1 AND group_id = ?2",
        params![
            member_id,
            group_id,
            edit.joined_on,
            edit.category,
            edit.role.trim()
        ],
    )?;
    if n == 0 {
        return Err(MemberError::NotInGroup(group_id));
    }
    conn.changed(Area::Members, [member_id]);
    Ok(())
}

pub fn set_category(
    conn: &Write,
    member_id: i64,
    group_id: i64,
    category: Category,
) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE memberships SET category = ?3 WHERE member_id = ?1 AND group_id = ?2",
        )?
        .execute(params![member_id, group_id, category])?;
    conn.changed(Area::Members, [member_id]);
    Ok(n > 0)
}

/// The level name for `points` in a group (the highest threshold reached).
pub(crate) const LEVEL_SQL: &str = "(SELECT l.name FROM levels l WHERE l.group_id = ms.group_id
     AND l.min_points <= ms.points ORDER BY l.min_points DESC LIMIT 1)";

pub(crate) fn memberships_of(conn: &Connection, member_id: i64) -> Result<Vec<Membership>> {
    let sql = format!(
        "SELECT ms.group_id, g.name, g.color, ms.joined_on, ms.status, ms.category, ms.role,
                ms.points, {LEVEL_SQL}
         FROM memberships ms JOIN groups g ON g.id = ms.group_id
         WHERE ms.member_id = ?1 AND g.deleted_at IS NULL
         ORDER BY ms.status = 'in_group' DESC, ms.joined_on DESC, g.name"
    );
    let mut out: Vec<Membership> = conn
        .prepare_cached(&sql)?
        .query_map([member_id], |r| {
            Ok(Membership {
                group_id: r.get(0)?,
                group_name: r.get(1)?,
                group_color: r.get(2)?,
                joined_on: r.get(3)?,
                status: r.get(4)?,
                category: r.get(5)?,
                role: r.get(6)?,
                points: r.get(7)?,
                level: r.get(8)?,
                history: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT status, reason, at FROM status_changes
         WHERE member_id = ?1 AND group_id = ?2 ORDER BY at, id",
    )?;
    for m in &mut out {
        m.history = stmt
            .query_map(params![member_id, m.group_id], |r| {
                Ok(StatusChange {
                    status: r.get(0)?,
                    reason: r.get(1)?,
                    at: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// Removes members from every group they are in (踢出, the clean-up after win-back failed),
/// recording the reason on each membership; nothing is deleted. One transaction; returns how
/// many memberships changed.
pub fn remove_everywhere(
    tx: &Write,
    member_ids: &[i64],
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u32> {
    if reason.trim().is_empty() {
        return Err(MemberError::Invalid(vec![crate::validate::FieldError {
            field: "reason".into(),
            rule: crate::validate::Rule::Required,
        }]));
    }
    let mut changed = 0;
    for id in member_ids {
        let groups: Vec<i64> = tx
            .prepare_cached(
                "SELECT group_id FROM memberships WHERE member_id = ?1 AND status = 'in_group'",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for g in groups {
            if set_status(tx, *id, g, MemberStatus::Removed, reason, now)? {
                changed += 1;
            }
        }
    }
    Ok(changed)
}
