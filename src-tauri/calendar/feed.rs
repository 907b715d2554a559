//! The subscription feed: an ICS file the owner picked (in a folder a sync service publishes,
//! so a phone or a helper's calendar can subscribe to its link), rewritten atomically after
//! every change to the calendar. It covers the last month and the next year. The path is kept
//! apart from the general settings: only the save dialog's choice may set it.
use super::export::{export_calendar, CalendarExport, CalendarFormat, CsvEncoding};
use super::Result;
use crate::store::Write;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};

const KEY: &str = "calendar_feed";

/// Where the feed is written, if the owner set one up.
pub fn feed_path(conn: &Connection) -> rusqlite::Result<Option<PathBuf>> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(v.filter(|s| !s.is_empty()).map(PathBuf::from))
}

/// Sets (or with `None` stops) the feed.
pub fn set_feed_path(w: &Write, path: Option<&Path>) -> rusqlite::Result<()> {
    w.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [
            KEY,
            &path.map(|p| p.display().to_string()).unwrap_or_default(),
        ],
    )?;
    Ok(())
}

/// Rewrites the feed at `path`: the last 30 days and the next 365 around `now` in `tz`.
pub fn write_feed(
    conn: &Connection,
    path: &Path,
    tz: chrono_tz::Tz,
    zh: bool,
    now: DateTime<Utc>,
) -> Result<u32> {
    let today = crate::reminders::zone::local_date(tz, now);
    let req = CalendarExport {
        from: today - Duration::days(30),
        to: today + Duration::days(365),
        group: None,
        format: CalendarFormat::Ics,
        encoding: CsvEncoding::Utf8,
        alarm_minutes: Some(10),
        zh,
    };
    export_calendar(conn, &req, path, now)
}
