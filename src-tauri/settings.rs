//! The user's preferences for a workspace (language, theme, how many daily backups to keep, the
//! time zone and times of day follow-ups use, tray and start-at-login),
//! stored in the workspace itself so they travel with it (a USB stick keeps its language).
use crate::reminders::{zone, Plan};
use crate::store::{Area, Write};
use crate::validate::{FieldError, Rule};
use chrono_tz::Tz;
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
    /// Automatic backups kept in tiers, as Anki keeps them: the newest copy of each of the last
    /// `backup_keep` days (1–90), then one per week for `backup_weeks` weeks (0–52), then one
    /// per month for `backup_months` months (0–24).
    pub backup_keep: u32,
    pub backup_weeks: u32,
    pub backup_months: u32,
    pub sidebar_collapsed: bool,
    /// The IANA zone plans are made in; empty follows the operating system's.
    pub time_zone: String,
    /// `HH:MM`: when all-day follow-ups and the daily digest fire, and "snooze until tomorrow".
    pub morning_time: String,
    /// `HH:MM`: "snooze until this evening".
    pub evening_time: String,
    /// Birthdays show this many days ahead (0–30), and on the day.
    pub birthday_lead_days: u32,
    /// Members quiet for longer than this many days (7–365) are listed for win-back.
    pub winback_days: u32,
    /// Closing the window keeps GroupDesk in the tray, so reminders still fire.
    pub keep_in_tray: bool,
    /// Start GroupDesk (in the tray) when the user logs in.
    pub start_at_login: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::ZhCn,
            theme: Theme::System,
            backup_keep: 12,
            backup_weeks: 10,
            backup_months: 9,
            sidebar_collapsed: false,
            time_zone: String::new(),
            morning_time: "09:00".into(),
            evening_time: "20:00".into(),
            birthday_lead_days: 3,
            winback_days: 30,
            keep_in_tray: false,
            start_at_login: false,
        }
    }
}

pub const BACKUP_KEEP_MAX: u32 = 90;

impl Settings {
    /// How automatic backups rotate.
    pub fn backup_tiers(&self) -> crate::store::backup::Tiers {
        crate::store::backup::Tiers {
            daily: self.backup_keep.max(1),
            weekly: self.backup_weeks,
            monthly: self.backup_months,
        }
    }
}

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
            "backup_weeks" => s.backup_weeks = in_range(&value, 0, 52).unwrap_or(s.backup_weeks),
            "backup_months" => s.backup_months = in_range(&value, 0, 24).unwrap_or(s.backup_months),
            "sidebar_collapsed" => s.sidebar_collapsed = value == "true",
            "time_zone" if value.is_empty() || zone::parse_tz(&value).is_some() => {
                s.time_zone = value
            }
            "morning_time" if zone::parse_time(&value).is_some() => s.morning_time = value,
            "evening_time" if zone::parse_time(&value).is_some() => s.evening_time = value,
            "birthday_lead_days" => {
                s.birthday_lead_days = in_range(&value, 0, 30).unwrap_or(s.birthday_lead_days)
            }
            "winback_days" => s.winback_days = in_range(&value, 7, 365).unwrap_or(s.winback_days),
            "keep_in_tray" => s.keep_in_tray = value == "true",
            "start_at_login" => s.start_at_login = value == "true",
            _ => {}
        }
    }
    Ok(s)
}

fn in_range(value: &str, min: u32, max: u32) -> Option<u32> {
    value.parse().ok().filter(|n| (min..=max).contains(n))
}

/// Every problem with `s` (a zone or time of day that does not parse).
pub fn check(s: &Settings) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if !s.time_zone.is_empty() && zone::parse_tz(&s.time_zone).is_none() {
        errs.push(FieldError {
            field: "time_zone".into(),
            rule: Rule::Unknown,
        });
    }
    for (field, v) in [
        ("morning_time", &s.morning_time),
        ("evening_time", &s.evening_time),
    ] {
        if zone::parse_time(v).is_none() {
            errs.push(FieldError {
                field: field.into(),
                rule: Rule::Invalid,
            });
        }
    }
    errs
}

/// The zone of the operating system, or Shanghai when it cannot be read.
pub fn os_time_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|n| zone::parse_tz(&n))
        .unwrap_or(chrono_tz::Asia::Shanghai)
}

/// The zone and times of day follow-ups are planned with.
pub fn plan(s: &Settings) -> Plan {
    let tz = zone::parse_tz(&s.time_zone).unwrap_or_else(os_time_zone);
    let mut p = Plan::default_for(tz);
    if let Some(t) = zone::parse_time(&s.morning_time) {
        p.times.morning = t;
    }
    if let Some(t) = zone::parse_time(&s.evening_time) {
        p.times.evening = t;
    }
    p.birthday_lead_days = s.birthday_lead_days;
    p.winback_days = s.winback_days;
    p
}

/// One stored value of an area's own (`scripts.sensitive_words`, `milestones.sizes`…).
pub fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

/// Stores one value of an area's own, in the caller's write (the caller announces its area).
pub fn put(w: &Write, key: &str, value: &str) -> rusqlite::Result<()> {
    w.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

/// Saves all settings in one transaction, clamping numbers to their ranges. A zone or time
/// that does not parse is not saved (the old value stays); [`check`] says which.
pub fn save(tx: &Write, s: &Settings) -> rusqlite::Result<Settings> {
    let keep = s.backup_keep.clamp(1, BACKUP_KEEP_MAX);
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?;
        stmt.execute(params!["language", s.language.as_str()])?;
        stmt.execute(params!["theme", s.theme.as_str()])?;
        stmt.execute(params!["backup_keep", keep.to_string()])?;
        stmt.execute(params!["backup_weeks", s.backup_weeks.min(52).to_string()])?;
        stmt.execute(params![
            "backup_months",
            s.backup_months.min(24).to_string()
        ])?;
        stmt.execute(params![
            "sidebar_collapsed",
            s.sidebar_collapsed.to_string()
        ])?;
        if s.time_zone.is_empty() || zone::parse_tz(&s.time_zone).is_some() {
            stmt.execute(params!["time_zone", s.time_zone])?;
        }
        for (key, v) in [
            ("morning_time", &s.morning_time),
            ("evening_time", &s.evening_time),
        ] {
            if zone::parse_time(v).is_some() {
                stmt.execute(params![key, v])?;
            }
        }
        stmt.execute(params![
            "birthday_lead_days",
            s.birthday_lead_days.min(30).to_string()
        ])?;
        stmt.execute(params![
            "winback_days",
            s.winback_days.clamp(7, 365).to_string()
        ])?;
        stmt.execute(params!["keep_in_tray", s.keep_in_tray.to_string()])?;
        stmt.execute(params!["start_at_login", s.start_at_login.to_string()])?;
    }
    tx.changed(Area::Settings, []);
    load(tx)
}
