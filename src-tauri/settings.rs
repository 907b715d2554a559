//! The user's preferences for a workspace (language, theme, how many daily backups to keep),
//! stored in the workspace itself so they travel with it (a USB stick keeps its language).
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

sql_enum!(
    /// The UI language. Simplified Chinese is the default.
    Language {
        ZhCn => "zh-CN",
        En => "en",
    }
);

sql_enum!(
    /// Light, dark, or follow the operating system.
    Theme {
        System => "system",
        Light => "light",
        Dark => "dark",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub language: Language,
    pub theme: Theme,
    /// How many automatic daily backups to keep (1–90).
    pub backup_keep: u32,
    pub sidebar_collapsed: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::ZhCn,
            theme: Theme::System,
            backup_keep: 7,
            sidebar_collapsed: false,
        }
    }
}

pub const BACKUP_KEEP_MAX: u32 = 90;

/// Reads the settings; a missing or unreadable value falls back to its default, so a hand-edited
/// or older file never stops the app from starting.
pub fn load(conn: &Connection) -> rusqlite::Result<Settings> {
    let mut s = Settings::default();
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (key, value) = row?;
        match key.as_str() {
            "language" => s.language = Language::parse(&value).unwrap_or(s.language),
            "theme" => s.theme = Theme::parse(&value).unwrap_or(s.theme),
            "backup_keep" => {
                s.backup_keep = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=BACKUP_KEEP_MAX).contains(n))
                    .unwrap_or(s.backup_keep)
            }
            "sidebar_collapsed" => s.sidebar_collapsed = value == "true",
            _ => {}
        }
    }
    Ok(s)
}

/// Saves all settings in one transaction, clamping the backup count to its range.
pub fn save(conn: &mut Connection, s: &Settings) -> rusqlite::Result<Settings> {
    let keep = s.backup_keep.clamp(1, BACKUP_KEEP_MAX);
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?;
        stmt.execute(params!["language", s.language.as_str()])?;
        stmt.execute(params!["theme", s.theme.as_str()])?;
        stmt.execute(params!["backup_keep", keep.to_string()])?;
        stmt.execute(params![
            "sidebar_collapsed",
            s.sidebar_collapsed.to_string()
        ])?;
    }
    tx.commit()?;
    load(conn)
}
