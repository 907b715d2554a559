//! The weekly plan (每周内容规划) as owners hand it out: Monday…Sunday × groups, a theme per
//! day ("周一 行业资讯", "周三 嘉宾分享"), and "fill next week": the week's open slot
//! occurrences become draft posts and last week's themes carry over where none is set.
use super::{CalendarError, Result};
use crate::store::{Area, Write};
use crate::validate::{has_control, FieldError, Rule};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The Monday of the week containing `date`.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

/// The seven day themes of the week starting `monday` (empty where none is set).
pub fn themes(conn: &Connection, monday: NaiveDate) -> Result<Vec<String>> {
    let mut out = vec![String::new(); 7];
    let mut stmt =
        conn.prepare_cached("SELECT weekday, theme FROM week_themes WHERE week_start = ?1")?;
    let rows = stmt.query_map([monday_of(monday).to_string()], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (wd, theme) = row?;
        if let Some(slot) = out.get_mut(wd as usize) {
            *slot = theme;
        }
    }
    Ok(out)
}

/// Sets (or, when empty, clears) the theme of one day of a week (`weekday` 0 = Monday).
pub fn set_theme(w: &Write, monday: NaiveDate, weekday: u32, theme: &str) -> Result<()> {
    let theme = theme.trim();
    if weekday > 6 {
        return Err(CalendarError::Invalid(vec![FieldError::new(
            "weekday",
            Rule::OutOfRange { min: 0, max: 6 },
        )]));
    }
    if theme.chars().count() > 40 {
        return Err(CalendarError::Invalid(vec![FieldError::new(
            "theme",
            Rule::TooLong { max: 40 },
        )]));
    }
    if has_control(theme, false) {
        return Err(CalendarError::Invalid(vec![FieldError::new(
            "theme",
            Rule::ControlChars,
        )]));
    }
    let week = monday_of(monday).to_string();
    if theme.is_empty() {
        w.execute(
            "DELETE FROM week_themes WHERE week_start = ?1 AND weekday = ?2",
            params![week, weekday],
        )?;
    } else {
        w.execute(
            "INSERT INTO week_themes (week_start, weekday, theme) VALUES (?1, ?2, ?3)
             ON CONFLICT (week_start, weekday) DO UPDATE SET theme = ?3",
            params![week, weekday, theme],
        )?;
    }
    w.changed(Area::Calendar, std::iter::empty::<i64>());
    Ok(())
}

/// What "fill next week" did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FillReport {
    pub week_start: String,
    /// Draft posts created from open slot occurrences.
    pub filled: u32,
    /// Day themes carried over from the week before.
    pub themes: u32,
}

/// Fills the week starting `monday`: every open slot occurrence becomes a draft post (linked
/// to its slot and date) and the previous week's themes fill the days that have none. One
/// write: all of it or nothing.
pub fn fill_week(w: &Write, monday: NaiveDate, now: DateTime<Utc>) -> Result<FillReport> {
    let monday = monday_of(monday);
    let sunday = monday + Duration::days(6);
    let mut report = FillReport {
        week_start: monday.to_string(),
        ..FillReport::default()
    };
    let open: Vec<(i64, String)> = super::plan::entries(w, monday, sunday, None)?
        .into_iter()
        .filter(|e| e.refs.item_id.is_none())
        .filter_map(|e| Some((e.refs.slot_id?, e.refs.rule_date?)))
        .collect();
    for (slot, day) in open {
        super::items::fill_slot(w, slot, &day, now)?;
        report.filled += 1;
    }
    let before = themes(w, monday - Duration::days(7))?;
    let now_set = themes(w, monday)?;
    for (wd, (old, cur)) in before.iter().zip(&now_set).enumerate() {
        if cur.is_empty() && !old.is_empty() {
            set_theme(w, monday, wd as u32, old)?;
            report.themes += 1;
        }
    }
    w.changed(Area::Calendar, std::iter::empty::<i64>());
    Ok(report)
}
