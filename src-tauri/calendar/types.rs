//! Content types: the ones the app ships (早报, 晚报, 分享 … as keys the UI translates; the
//! UI's list in `ui/src/lib/calendar.ts` must name the same keys) and
//! the owner's own (stored as typed, in `content_types`, so the forms offer them again).
use super::Result;
use crate::dates::to_db;
use crate::store::{Area, Write};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

/// The shipped types as a sheet or a printed week shows them, in Chinese and English (the
/// UI's `content.type.*` say the same; an import reads either back).
const LABELS: [(&str, &str, &str); 11] = [
    ("morning_brief", "早报", "Morning brief"),
    ("evening_brief", "晚报", "Evening brief"),
    ("share", "分享", "Share"),
    ("topic", "话题讨论", "Topic discussion"),
    ("check_in", "打卡", "Check-in"),
    ("red_packet", "红包接龙", "Red-packet relay"),
    ("event_notice", "活动预告", "Event notice"),
    ("product", "产品推荐", "Product post"),
    ("digest", "精华整理", "Essence digest"),
    ("holiday_greeting", "节日祝福", "Holiday greeting"),
    ("other", "其他", "Other"),
];

/// A type's name for people: the shipped ones translated, the owner's own as typed.
pub fn label(kind: &str, zh: bool) -> String {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map(|(_, z, e)| if zh { *z } else { *e })
        .unwrap_or(kind)
        .to_string()
}

/// The shipped type a written name stands for (`早报`, `Morning brief`, `morning_brief`).
pub fn key_of(name: &str) -> Option<&'static str> {
    let name = name.trim();
    LABELS
        .iter()
        .find(|(k, z, e)| *k == name || *z == name || e.eq_ignore_ascii_case(name))
        .map(|(k, _, _)| *k)
}

/// Whether the app ships `kind` (one of the UI's `content.type.*` keys).
pub fn is_builtin(kind: &str) -> bool {
    LABELS.iter().any(|(k, _, _)| *k == kind)
}

/// Records `kind` as one of the owner's types when the app does not ship it.
pub fn remember(w: &Write, kind: &str, now: DateTime<Utc>) -> Result<()> {
    let kind = kind.trim();
    if kind.is_empty() || is_builtin(kind) || kind.chars().count() > 40 {
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
