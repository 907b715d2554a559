//! The timeline of dated notes on a member (personality, needs, promises) and the interaction
//! log that gives "last contacted". Notes are pinnable and go to a trash when deleted; every
//! note write updates the member's search document in the same transaction.
use super::queries::ensure_exists;
use super::{found, search, Channel, MemberError, Result};
use crate::dates::to_db;
use crate::store::{Area, Write};
use crate::validate::{FieldError, Rule};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const NOTE_MAX: u32 = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Note {
    pub id: i64,
    pub member_id: i64,
    pub body: String,
    pub pinned: bool,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Interaction {
    pub id: i64,
    pub member_id: i64,
    pub at: String,
    pub channel: Channel,
    pub summary: String,
}

fn check_body(body: &str) -> Result<()> {
    let n = body.trim().chars().count();
    let rule = if n == 0 {
        Rule::Required
    } else if n > NOTE_MAX as usize {
        Rule::TooLong { max: NOTE_MAX }
    } else if crate::validate::has_control(body, true) {
        Rule::ControlChars
    } else {
        return Ok(());
    };
    Err(MemberError::Invalid(vec![FieldError {
        field: "body".into(),
        rule,
    }]))
}

const NOTE_COLUMNS: &str = "id, member_id, body, pinned, created_at, updated_at, deleted_at";

fn note_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        member_id: r.get(1)?,
        body: r.get(2)?,
        pinned: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
        deleted_at: r.get(6)?,
    })
}

pub fn get_note(conn: &Connection, id: i64) -> Result<Note> {
    found(
        conn.prepare_cached(&format!("SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?1"))?
            .query_row([id], note_from_row),
        MemberError::NoteNotFound(id),
    )
}

/// A member's live notes: pinned first, then newest first.
pub fn list_notes(conn: &Connection, member_id: i64) -> Result<Vec<Note>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM notes WHERE member_id = ?1 AND deleted_at IS NULL
             ORDER BY pinned DESC, created_at DESC, id DESC"
        ))?
        .query_map([member_id], note_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// A member's deleted notes, most recently deleted first.
pub fn list_trashed_notes(conn: &Connection, member_id: i64) -> Result<Vec<Note>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM notes WHERE member_id = ?1 AND deleted_at IS NOT NULL
             ORDER BY deleted_at DESC"
        ))?
        .query_map([member_id], note_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Adds a note to a member's timeline.
pub fn add_note(w: &Write, member_id: i64, body: &str, now: DateTime<Utc>) -> Result<Note> {
    ensure_exists(w, member_id)?;
    add_note_in(w, member_id, body, now)?;
    get_note(w, w.last_insert_rowid())
}

/// [`add_note`] for a member the caller knows exists (an import row, demo data).
pub fn add_note_in(w: &Write, member_id: i64, body: &str, now: DateTime<Utc>) -> Result<()> {
    check_body(body)?;
    w.prepare_cached(
        "INSERT INTO notes (member_id, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![member_id, body.trim(), to_db(now)])?;
    search::touched(w, member_id);
    Ok(())
}

fn change_note(w: &Write, id: i64, sql: &str, p: &[&dyn rusqlite::ToSql]) -> Result<Note> {
    let note = get_note(w, id)?;
    w.execute(sql, p)?;
    search::touched(w, note.member_id);
    get_note(w, id)
}

pub fn edit_note(w: &Write, id: i64, body: &str, now: DateTime<Utc>) -> Result<Note> {
    check_body(body)?;
    change_note(
        w,
        id,
        "UPDATE notes SET body = ?2, updated_at = ?3 WHERE id = ?1",
        &[&id, &body.trim(), &to_db(now)],
    )
}

pub fn pin_note(w: &Write, id: i64, pinned: bool) -> Result<Note> {
    change_note(
        w,
        id,
        "UPDATE notes SET pinned = ?2 WHERE id = ?1",
        &[&id, &pinned],
    )
}

pub fn trash_note(w: &Write, id: i64, now: DateTime<Utc>) -> Result<Note> {
    change_note(
        w,
        id,
        "UPDATE notes SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        &[&id, &to_db(now)],
    )
}

pub fn restore_note(w: &Write, id: i64) -> Result<Note> {
    change_note(
        w,
        id,
        "UPDATE notes SET deleted_at = NULL WHERE id = ?1",
        &[&id],
    )
}

/// What the "log a contact" form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InteractionInput {
    /// An RFC 3339 instant the user picked; none for "now" (the app stamps it).
    pub at: Option<String>,
    pub channel: Channel,
    pub summary: String,
}

/// Logs a contact with a member (the "last contacted" the lists and Today read), at the time
/// the input names or at `now`.
pub fn log_interaction(
    conn: &Write,
    member_id: i64,
    input: &InteractionInput,
    now: DateTime<Utc>,
) -> Result<Interaction> {
    ensure_exists(conn, member_id)?;
    let at = match &input.at {
        None => now,
        Some(at) => crate::dates::from_db(at)
            .ok_or_else(|| MemberError::Invalid(vec![FieldError::new("at", Rule::InvalidDate)]))?,
    };
    if input.summary.chars().count() > 2000 {
        return Err(MemberError::Invalid(vec![FieldError {
            field: "summary".into(),
            rule: Rule::TooLong { max: 2000 },
        }]));
    }
    conn.prepare_cached(
        "INSERT INTO interactions (member_id, at, channel, summary) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        member_id,
        to_db(at),
        input.channel,
        input.summary.trim()
    ])?;
    conn.changed(Area::Members, [member_id]);
    Ok(Interaction {
        id: conn.last_insert_rowid(),
        member_id,
        at: to_db(at),
        channel: input.channel,
        summary: input.summary.trim().to_string(),
    })
}

/// A member's interactions, newest first.
pub fn list_interactions(conn: &Connection, member_id: i64) -> Result<Vec<Interaction>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, member_id, at, channel, summary FROM interactions
             WHERE member_id = ?1 ORDER BY at DESC, id DESC",
        )?
        .query_map([member_id], |r| {
            Ok(Interaction {
                id: r.get(0)?,
                member_id: r.get(1)?,
                at: r.get(2)?,
                channel: r.get(3)?,
                summary: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Logs a private-chat contact now, with a summary (done for a cadence, birthday or win-back
/// item on Today).
pub fn log_contact(
    w: &Write,
    member_id: i64,
    summary: &str,
    now: DateTime<Utc>,
) -> Result<Interaction> {
    log_interaction(
        w,
        member_id,
        &InteractionInput {
            at: None,
            channel: Channel::PrivateChat,
            summary: summary.to_string(),
        },
        now,
    )
}

pub fn delete_interaction(conn: &Write, id: i64) -> Result<()> {
    let member: Option<i64> = conn
        .query_row(
            "DELETE FROM interactions WHERE id = ?1 RETURNING member_id",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    conn.changed(Area::Members, member);
    Ok(())
}
