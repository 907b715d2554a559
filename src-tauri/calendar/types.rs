//! Content types: the ones the app ships (早报, 晚报, 分享 … as keys the UI translates) and
//! the owner's own (stored as typed, in `content_types`, so the forms offer them again).
use super::Result;
use crate::dates::to_db;
use crate::store::{Area, Write};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

/// The shipped types, as the UI's `content.type.*` keys.
pub const BUILTIN: [&str; 11] = [
    "morning_brief",
    "evening_brief",
    "share",
    "topic",
    "check_in",
    "red_packet",
    "event_notice",
    "product",
    "digest",
    "holiday_greeting",
    "other",
];

/// Records `kind` as one of the owner's types when the app does not ship it.
pub fn remember(w: &Write, kind: &str, now: DateTime<Utc>) -> Result<()> {
    let kind = kind.trim();
    if kind.is_empty() || BUILTIN.contains(&kind) || kind.chars().count() > 40 {
        return Ok(());
    }
    w.execute(
        "INSERT OR IGNORE INTO content_types (name, created_at) VALUES (?1, ?2)",
        params![kind, to_db(now)],
    )?;
    Ok(())
}

/// The owner's own types, in the order they were added.
pub fn own_types(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT name FROM content_types ORDER BY created_at, name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Takes an owner's type off the list the forms offer (posts of that type keep it).
pub fn forget_type(w: &Write, name: &str) -> Result<()> {
    w.execute("DELETE FROM content_types WHERE name = ?1", [name.trim()])?;
    w.changed(Area::Calendar, std::iter::empty::<i64>());
    Ok(())
}

/// Adds an owner's type to the list without a post yet.
pub fn add_type(w: &Write, name: &str, now: DateTime<Utc>) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 || crate::validate::has_control(name, false) {
        return Err(super::CalendarError::Invalid(vec![
            crate::validate::FieldError::new("kind", crate::validate::Rule::Invalid),
        ]));
    }
    remember(w, name, now)?;
    w.changed(Area::Calendar, std::iter::empty::<i64>());
    Ok(())
}
