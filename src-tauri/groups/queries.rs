//! Reading and writing groups. Each write that changes more than one row (a group and its
//! goals) runs in one transaction.
use super::{
    validate, Goal, GoalInput, Group, GroupCounts, GroupError, GroupInput, GroupSummary, GroupView,
};
use crate::dates::to_db;
use crate::store::{Area, Write};
use crate::validate::{FieldError, Rule};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

const SUMMARY_COLUMNS: &str = "g.id, g.name, g.platform, g.kind, g.stage, g.size_cap, g.color, \
     g.theme, (SELECT count(*) FROM group_goals WHERE group_id = g.id), g.archived_at, \
     g.deleted_at, g.updated_at";

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<GroupSummary> {
    Ok(GroupSummary {
        id: r.get(0)?,
        name: r.get(1)?,
        platform: r.get(2)?,
        kind: r.get(3)?,
        stage: r.get(4)?,
        size_cap: r.get(5)?,
        color: r.get(6)?,
        theme: r.get(7)?,
        goal_count: r.get(8)?,
        archived_at: r.get(9)?,
        deleted_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// The groups in one view, in natural name order (the trash: most recently deleted first).
pub fn list(conn: &Connection, view: GroupView) -> Result<Vec<GroupSummary>, GroupError> {
    let filter = match view {
        GroupView::Active => "g.deleted_at IS NULL AND g.archived_at IS NULL ORDER BY g.name",
        GroupView::Archived => "g.deleted_at IS NULL AND g.archived_at IS NOT NULL ORDER BY g.name",
        GroupView::Trash => "g.deleted_at IS NOT NULL ORDER BY g.deleted_at DESC",
    };
    let sql = format!("SELECT {SUMMARY_COLUMNS} FROM groups g WHERE {filter}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], summary_from_row)?;
    let mut out: Vec<GroupSummary> = rows.collect::<Result<_, _>>()?;
    if view != GroupView::Trash {
        // Names follow "brand + purpose + number": 群2 comes before 群10.
        out.sort_by(|a, b| natord::compare_ignore_case(&a.name, &b.name));
    }
    Ok(out)
}

/// The live (not trashed) group with this name, ignoring Latin case: how the command line and
/// imports name a group.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<i64>, GroupError> {
    Ok(conn
        .query_row(
            "SELECT id FROM groups WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn counts(conn: &Connection) -> Result<GroupCounts, GroupError> {
    Ok(conn.query_row(
        "SELECT
            count(*) FILTER (WHERE deleted_at IS NULL AND archived_at IS NULL),
            count(*) FILTER (WHERE deleted_at IS NULL AND archived_at IS NOT NULL),
            count(*) FILTER (WHERE deleted_at IS NOT NULL)
         FROM groups",
        [],
        |r| {
            Ok(GroupCounts {
                active: r.get(0)?,
                archived: r.get(1)?,
                trash: r.get(2)?,
            })
        },
    )?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Group, GroupError> {
    let group = conn
        .query_row(
            "SELECT id, name, platform, kind, theme, audience, purpose, rules, announcement,
                    threshold, threshold_note, size_cap, naming_convention, stage, color,
                    archived_at, deleted_at, created_at, updated_at
             FROM groups WHERE id = ?1",
            [id],
            |r| {
                Ok(Group {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    platform: r.get(2)?,
                    kind: r.get(3)?,
                    theme: r.get(4)?,
                    audience: r.get(5)?,
                    purpose: r.get(6)?,
                    rules: r.get(7)?,
                    announcement: r.get(8)?,
                    threshold: r.get(9)?,
                    threshold_note: r.get(10)?,
                    size_cap: r.get(11)?,
                    naming_convention: r.get(12)?,
                    stage: r.get(13)?,
                    color: r.get(14)?,
                    goals: Vec::new(),
                    archived_at: r.get(15)?,
                    deleted_at: r.get(16)?,
                    created_at: r.get(17)?,
                    updated_at: r.get(18)?,
                })
            },
        )
        .optional()?
        .ok_or(GroupError::NotFound(id))?;
    let mut stmt = conn.prepare_cached(
        "SELECT horizon, title, target, due_date FROM group_goals
         WHERE group_id = ?1 ORDER BY position",
    )?;
    let goals = stmt
        .query_map([id], |r| {
            Ok(Goal {
                horizon: r.get(0)?,
                title: r.get(1)?,
                target: r.get(2)?,
                due_date: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Group { goals, ..group })
}

/// Validates `input` completely, including the name's uniqueness (ignoring `except`, the group
/// being edited). Returns every problem at once so the form can show them together.
pub fn check(
    conn: &Connection,
    input: &GroupInput,
    except: Option<i64>,
) -> Result<Vec<FieldError>, GroupError> {
    let mut errs = validate(input);
    let name = input.name.trim();
    if !name.is_empty() && name_taken(conn, name, except)? {
        errs.push(FieldError {
            field: "name".into(),
            rule: Rule::Taken,
        });
    }
    Ok(errs)
}

fn name_taken(conn: &Connection, name: &str, except: Option<i64>) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM groups WHERE name = ?1 COLLATE NOCASE
                        AND deleted_at IS NULL AND id IS NOT ?2)",
        params![name, except],
        |r| r.get(0),
    )
}

/// The palette slot a new group gets: the least used one, so colours stay distinct.
fn next_color(conn: &Connection) -> rusqlite::Result<u8> {
    let mut used = [0u32; 10];
    let mut stmt = conn
        .prepare_cached("SELECT color, count(*) FROM groups WHERE deleted_at IS NULL GROUP BY 1")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u8>(0)?, r.get::<_, u32>(1)?)))?;
    for row in rows {
        let (c, n) = row?;
        if let Some(slot) = used.get_mut(c as usize) {
            *slot = n;
        }
    }
    let (best, _) = used
        .iter()
        .enumerate()
        .min_by_key(|(_, n)| **n)
        .unwrap_or((0, &0));
    Ok(best as u8)
}

fn normalise_goal(g: &GoalInput) -> Goal {
    Goal {
        horizon: g.horizon,
        title: g.title.trim().to_string(),
        target: g.target.unwrap_or(1),
        due_date: g.due_date.clone().filter(|d| !d.trim().is_empty()),
    }
}

fn write_goals(tx: &Connection, id: i64, goals: &[GoalInput]) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM group_goals WHERE group_id = ?1", [id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO group_goals (group_id, horizon, title, target, due_date, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (pos, g) in goals.iter().map(normalise_goal).enumerate() {
        stmt.execute(params![
            id, g.horizon, g.title, g.target, g.due_date, pos as i64
        ])?;
    }
    Ok(())
}

fn ensure_valid(
    conn: &Connection,
    input: &GroupInput,
    except: Option<i64>,
) -> Result<(), GroupError> {
    let errs = check(conn, input, except)?;
    if errs.is_empty() {
        Ok(())
    } else {
        Err(GroupError::Invalid(errs))
    }
}

/// Creates a group with its goals.
pub fn create(tx: &Write, input: &GroupInput, now: DateTime<Utc>) -> Result<Group, GroupError> {
    let id = create_id(tx, input, now)?;
    get(tx, id)
}

/// [`create`], returning only the id (demo data adding several groups).
pub fn create_id(tx: &Write, input: &GroupInput, now: DateTime<Utc>) -> Result<i64, GroupError> {
    ensure_valid(tx, input, None)?;
    let color = next_color(tx)?;
    let ts = to_db(now);
    tx.execute(
        "INSERT INTO groups (name, platform, kind, theme, audience, purpose, rules, announcement,
                             threshold, threshold_note, size_cap, naming_convention, stage, color,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        params![
            input.name.trim(),
            input.platform,
            input.kind,
            input.theme.trim(),
            input.audience.trim(),
            input.purpose.trim(),
            input.rules,
            input.announcement,
            input.threshold,
            input.threshold_note.trim(),
            input.size_cap,
            input.naming_convention.trim(),
            input.stage,
            color,
            ts,
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_goals(tx, id, &input.goals)?;
    tx.changed(Area::Groups, [id]);
    Ok(id)
}

/// Replaces everything the user edits about a group (fields and goals) in one transaction.
pub fn update(
    tx: &Write,
    id: i64,
    input: &GroupInput,
    now: DateTime<Utc>,
) -> Result<Group, GroupError> {
    ensure_exists(tx, id)?;
    ensure_valid(tx, input, Some(id))?;
    tx.execute(
        "UPDATE groups SET name = ?2, platform = ?3, kind = ?4, theme = ?5, audience = ?6,
                purpose = ?7, rules = ?8, announcement = ?9, threshold = ?10,
                threshold_note = ?11, size_cap = ?12, naming_convention = ?13, stage = ?14,
                updated_at = ?15
         WHERE id = ?1",
        params![
            id,
            input.name.trim(),
            input.platform,
            input.kind,
            input.theme.trim(),
            input.audience.trim(),
            input.purpose.trim(),
            input.rules,
            input.announcement,
            input.threshold,
            input.threshold_note.trim(),
            input.size_cap,
            input.naming_convention.trim(),
            input.stage,
            to_db(now),
        ],
    )?;
    write_goals(tx, id, &input.goals)?;
    tx.changed(Area::Groups, [id]);
    get(tx, id)
}

fn ensure_exists(conn: &Connection, id: i64) -> Result<(), GroupError> {
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(GroupError::NotFound(id))
    }
}

fn set_column(conn: &Write, id: i64, sql: &str, now: DateTime<Utc>) -> Result<(), GroupError> {
    let changed = conn.execute(sql, params![id, to_db(now)])?;
    if changed == 0 {
        return Err(GroupError::NotFound(id));
    }
    conn.changed(Area::Groups, [id]);
    Ok(())
}

/// Archives (`true`) or brings back (`false`) a group not in the trash.
pub fn set_archived(
    conn: &Write,
    id: i64,
    archived: bool,
    now: DateTime<Utc>,
) -> Result<Group, GroupError> {
    let sql = if archived {
        "UPDATE groups SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL"
    } else {
        "UPDATE groups SET archived_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL"
    };
    set_column(conn, id, sql, now)?;
    get(conn, id)
}

/// Moves a group to the trash. Nothing is removed; [`restore`] brings it back.
pub fn trash(conn: &Write, id: i64, now: DateTime<Utc>) -> Result<(), GroupError> {
    set_column(
        conn,
        id,
        "UPDATE groups SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        now,
    )
}

/// Brings a group back from the trash, unless a live group has taken its name meanwhile.
pub fn restore(tx: &Write, id: i64, now: DateTime<Utc>) -> Result<Group, GroupError> {
    let name: String = tx
        .query_row(
            "SELECT name FROM groups WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(GroupError::NotFound(id))?;
    if name_taken(tx, &name, Some(id))? {
        return Err(GroupError::NameTaken(name));
    }
    tx.execute(
        "UPDATE groups SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1",
        params![id, to_db(now)],
    )?;
    tx.changed(Area::Groups, [id]);
    get(tx, id)
}

/// Deletes a group in the trash for good (with its goals).
pub fn purge(conn: &Write, id: i64) -> Result<(), GroupError> {
    let in_trash: Option<bool> = conn
        .query_row(
            "SELECT deleted_at IS NOT NULL FROM groups WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match in_trash {
        None => Err(GroupError::NotFound(id)),
        Some(false) => Err(GroupError::NotInTrash(id)),
        Some(true) => {
            conn.execute("DELETE FROM groups WHERE id = ?1", [id])?;
            conn.changed(Area::Groups, [id]);
            conn.changed(Area::Members, []);
            Ok(())
        }
    }
}

/// Deletes every group in the trash for good; returns how many.
pub fn empty_trash(conn: &Write) -> Result<usize, GroupError> {
    let n = conn.execute("DELETE FROM groups WHERE deleted_at IS NOT NULL", [])?;
    conn.changed(Area::Groups, []);
    conn.changed(Area::Members, []);
    Ok(n)
}
