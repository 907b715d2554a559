//! Points (积分) and levels (等级): a ledger of dated entries per member and group (check-ins,
//! sharing, helping, attending), whose sum triggers keep on the membership, and the level
//! thresholds each group sets.
use super::{found, MemberError, Result};
use crate::dates::to_db;
use crate::store::{Area, Write};
use crate::validate::{FieldError, Rule};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PointsEntry {
    pub id: i64,
    pub group_id: i64,
    pub group_name: String,
    pub amount: i64,
    pub reason: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PointsInput {
    pub group_id: i64,
    pub amount: i64,
    pub reason: String,
}

fn invalid(field: &str, rule: Rule) -> MemberError {
    MemberError::Invalid(vec![FieldError {
        field: field.into(),
        rule,
    }])
}

/// Adds a ledger entry (negative to deduct) to a member's points in a group.
pub fn add_points(
    conn: &Write,
    member_id: i64,
    input: &PointsInput,
    now: DateTime<Utc>,
) -> Result<PointsEntry> {
    if input.amount == 0 || input.amount.abs() > 1_000_000 {
        return Err(invalid(
            "amount",
            Rule::OutOfRange {
                min: -1_000_000,
                max: 1_000_000,
            },
        ));
    }
    if input.reason.trim().is_empty() {
        return Err(invalid("reason", Rule::Required));
    }
    if input.reason.chars().count() > 200 {
        return Err(invalid("reason", Rule::TooLong { max: 200 }));
    }
    let in_group: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM memberships WHERE member_id = ?1 AND group_id = ?2)",
        params![member_id, input.group_id],
        |r| r.get(0),
    )?;
    if !in_group {
        return Err(MemberError::NotInGroup(input.group_id));
    }
    conn.prepare_cached(
        "INSERT INTO points_ledger (member_id, group_id, amount, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![member_id, input.group_id, input.amount, input.reason.trim(), to_db(now)])?;
    let id = conn.last_insert_rowid();
    conn.changed(Area::Members, [member_id]);
    list_points(conn, member_id)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(MemberError::NotFound(member_id))
}

/// A member's ledger across groups, newest first.
pub fn list_points(conn: &Connection, member_id: i64) -> Result<Vec<PointsEntry>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.id, p.group_id, g.name, p.amount, p.reason, p.at
             FROM points_ledger p JOIN groups g ON g.id = p.group_id
             WHERE p.member_id = ?1 ORDER BY p.at DESC, p.id DESC",
        )?
        .query_map([member_id], |r| {
            Ok(PointsEntry {
                id: r.get(0)?,
                group_id: r.get(1)?,
                group_name: r.get(2)?,
                amount: r.get(3)?,
                reason: r.get(4)?,
                at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Removes a ledger entry (a mistake); the total follows.
pub fn delete_points(conn: &Write, id: i64) -> Result<()> {
    let member: Option<i64> = conn
        .query_row(
            "DELETE FROM points_ledger WHERE id = ?1 RETURNING member_id",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    conn.changed(Area::Members, member);
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Level {
    pub id: i64,
    pub name: String,
    pub min_points: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelInput {
    pub name: String,
    pub min_points: i64,
}

/// A group's levels, lowest threshold first.
pub fn list_levels(conn: &Connection, group_id: i64) -> Result<Vec<Level>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, name, min_points FROM levels WHERE group_id = ?1 ORDER BY min_points",
        )?
        .query_map([group_id], |r| {
            Ok(Level {
                id: r.get(0)?,
                name: r.get(1)?,
                min_points: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Replaces a group's level thresholds (one transaction); thresholds must be distinct.
pub fn set_levels(tx: &Write, group_id: i64, levels: &[LevelInput]) -> Result<Vec<Level>> {
    let mut errs = Vec::new();
    for (i, l) in levels.iter().enumerate() {
        let n = l.name.trim().chars().count();
        if n == 0 {
            errs.push(FieldError {
                field: format!("levels.{i}.name"),
                rule: Rule::Required,
            });
        } else if n > 40 {
            errs.push(FieldError {
                field: format!("levels.{i}.name"),
                rule: Rule::TooLong { max: 40 },
            });
        }
        if !(0..=1_000_000_000).contains(&l.min_points) {
            errs.push(FieldError {
                field: format!("levels.{i}.min_points"),
                rule: Rule::OutOfRange {
                    min: 0,
                    max: 1_000_000_000,
                },
            });
        } else if levels[..i].iter().any(|o| o.min_points == l.min_points) {
            errs.push(FieldError {
                field: format!("levels.{i}.min_points"),
                rule: Rule::Taken,
            });
        }
    }
    if !errs.is_empty() {
        return Err(MemberError::Invalid(errs));
    }
    super::memberships::group_exists(tx, group_id)?;
    tx.execute("DELETE FROM levels WHERE group_id = ?1", [group_id])?;
    for l in levels {
        tx.execute(
            "INSERT INTO levels (group_id, name, min_points) VALUES (?1, ?2, ?3)",
            params![group_id, l.name.trim(), l.min_points],
        )?;
    }
    tx.changed(Area::Levels, [group_id]);
    list_levels(tx, group_id)
}

/// The points range `[min, next)` of a level, for filtering.
pub(crate) fn level_range(conn: &Connection, level_id: i64) -> Result<(i64, i64, Option<i64>)> {
    found(
        conn.query_row(
            "SELECT l.group_id, l.min_points,
                (SELECT min(n.min_points) FROM levels n WHERE n.group_id = l.group_id AND n.min_points > l.min_points)
             FROM levels l WHERE l.id = ?1",
            [level_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        ),
        MemberError::NotFound(level_id),
    )
}
