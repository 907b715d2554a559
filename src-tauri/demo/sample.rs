//! The sample workspace a new owner can explore from the first-run screen: the demo, in a
//! folder of its own (never mixed into the owner's real book), marked with the folder it was
//! opened from so the window shows a "sample data" banner with the way back.
use super::{fill, DemoError, DemoOptions};
use crate::progress::Quiet;
use crate::settings::{self, Settings};
use crate::store::{Area, Write};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

const HOME_KEY: &str = "sample.home";

/// The sample folder of a workspace folder.
pub fn dir_for(home: &Path) -> PathBuf {
    home.join("sample-workspace")
}

/// The folder the sample was opened from, when this workspace is a sample.
pub fn home(conn: &Connection) -> rusqlite::Result<Option<String>> {
    settings::get(conn, HOME_KEY)
}

/// Fills a new sample workspace (once: a sample opened again keeps what the owner tried in
/// it) and marks where it came from; the owner's language and theme come along.
pub fn prepare(
    w: &Write,
    home: &Path,
    prefs: &Settings,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let has_groups: bool = w.query_row("SELECT EXISTS (SELECT 1 FROM groups)", [], |r| r.get(0))?;
    if !has_groups {
        let opts = DemoOptions {
            groups: 6,
            seed: 2026,
            members: 1_200,
            notes: 2_400,
            reminders: 240,
        };
        fill(w, &opts, now, &Quiet)?;
        let mut s = settings::load(w)?;
        s.language = prefs.language;
        s.theme = prefs.theme;
        settings::save(w, &s)?;
    }
    settings::put(w, HOME_KEY, &home.display().to_string())?;
    w.changed(Area::Settings, []);
    Ok(())
}

/// Whether a workspace is new: no group (anywhere, the trash included) and no member.
pub fn is_new(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM groups) AND NOT EXISTS (SELECT 1 FROM members)",
        [],
        |r| r.get(0),
    )
}
