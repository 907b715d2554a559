//! Mainland China's legal holidays (放假) and adjusted workdays (调休, a weekend day worked),
//! from the schedules the State Council publishes: shipped through `tyme4rs` up to
//! [`PUBLISHED_UNTIL`], and corrected or extended by the owner (`holiday_days`). A later year
//! with neither is [`DayKind::Unknown`], never silently "all workdays".
use chrono::{Datelike, NaiveDate, Weekday};
use rusqlite::Connection;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The last year whose schedule ships with the app.
pub const PUBLISHED_UNTIL: i32 = 2026;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayKind {
    /// A day off by the schedule (a holiday, or a weekend inside one).
    Holiday(String),
    /// A weekend day worked instead (调休).
    Workday(String),
    /// An ordinary weekday or weekend.
    Ordinary,
    /// No schedule is loaded for this year.
    Unknown,
}

impl DayKind {
    /// Whether people work that day ("工作日" slots post then). `None` when unknown.
    pub fn is_workday(&self, date: NaiveDate) -> Option<bool> {
        match self {
            DayKind::Holiday(_) => Some(false),
            DayKind::Workday(_) => Some(true),
            DayKind::Ordinary => Some(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun)),
            DayKind::Unknown => None,
        }
    }
}

/// The schedule for a range of days, read once: what [`day_kind`] says, without a query per
/// day (expanding a year of workday slots asks about every day).
pub struct Days {
    owner: HashMap<NaiveDate, (bool, String)>,
    owner_years: std::collections::HashSet<i32>,
}

impl Days {
    pub fn load(conn: &Connection, from: NaiveDate, to: NaiveDate) -> rusqlite::Result<Days> {
        let mut owner = HashMap::new();
        let mut owner_years = std::collections::HashSet::new();
        let mut stmt = conn.prepare_cached("SELECT day, work, name FROM holiday_days")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (day, work, name) = row?;
            if let Some(d) = crate::dates::iso_date(&day) {
                owner_years.insert(d.year());
                if d >= from && d <= to {
                    owner.insert(d, (work == 1, name));
                }
            }
        }
        Ok(Days { owner, owner_years })
    }

    pub fn kind(&self, date: NaiveDate) -> DayKind {
        if let Some((work, name)) = self.owner.get(&date) {
            return if *work {
                DayKind::Workday(name.clone())
            } else {
                DayKind::Holiday(name.clone())
            };
        }
        if date.year() <= PUBLISHED_UNTIL {
            return match published().get(&date) {
                Some((true, name)) => DayKind::Workday(name.to_string()),
                Some((false, name)) => DayKind::Holiday(name.to_string()),
                None => DayKind::Ordinary,
            };
        }
        if self.owner_years.contains(&date.year()) {
            DayKind::Ordinary
        } else {
            DayKind::Unknown
        }
    }
}

/// The shipped schedule, read once from `tyme4rs`'s table: 13 characters a day, `YYYYMMDD`,
/// `0` worked / `1` off, the holiday's index, and the offset to the holiday itself.
fn published() -> &'static HashMap<NaiveDate, (bool, &'static str)> {
    static TABLE: OnceLock<HashMap<NaiveDate, (bool, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        use tyme4rs::tyme::holiday::{LEGAL_HOLIDAY_DATA, LEGAL_HOLIDAY_NAMES};
        LEGAL_HOLIDAY_DATA
            .as_bytes()
            .chunks_exact(13)
            .filter_map(|e| {
                let text = std::str::from_utf8(e).ok()?;
                let date = NaiveDate::parse_from_str(&text[..8], "%Y%m%d").ok()?;
                let work = &text[8..9] == "0";
                let name = LEGAL_HOLIDAY_NAMES.get(text[9..10].parse::<usize>().ok()?)?;
                Some((date, (work, *name)))
            })
            .collect()
    })
}

/// What `date` is in the mainland schedule (the owner's entries first).
pub fn day_kind(conn: &Connection, date: NaiveDate) -> rusqlite::Result<DayKind> {
    Ok(Days::load(conn, date, date)?.kind(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2026_schedule_ships() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let c = store.conn();
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        // 国庆: 1–7 October off, Saturday 10 October worked.
        assert!(matches!(
            day_kind(c, d(10, 1)).unwrap(),
            DayKind::Holiday(_)
        ));
        assert!(matches!(
            day_kind(c, d(10, 10)).unwrap(),
            DayKind::Workday(_)
        ));
        assert_eq!(day_kind(c, d(10, 13)).unwrap(), DayKind::Ordinary);
        assert_eq!(
            day_kind(c, NaiveDate::from_ymd_opt(2027, 10, 1).unwrap()).unwrap(),
            DayKind::Unknown
        );
    }
}

/// A file of the `holiday-cn` data set (NateScarlet): one year's schedule as published.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct HolidayFile {
    year: i32,
    days: Vec<HolidayDay>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct HolidayDay {
    name: String,
    date: String,
    is_off_day: bool,
}

/// Loads one year's schedule from a `holiday-cn` JSON file, replacing the owner's entries of
/// that year (all in the caller's write). Returns the year and how many days it lists. A file
/// in another shape, or with a day outside its year, is refused and changes nothing.
pub fn import_holiday_cn(
    w: &crate::store::Write,
    json: &str,
) -> Result<(i32, usize), super::CalendarError> {
    let bad = |why: String| super::CalendarError::HolidayFile(why);
    let file: HolidayFile = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
    if !(2000..=2100).contains(&file.year) {
        return Err(bad(format!("year {} is out of range", file.year)));
    }
    let mut rows = Vec::with_capacity(file.days.len());
    for d in &file.days {
        let date = crate::dates::iso_date(&d.date)
            .ok_or_else(|| bad(format!("{:?} is not a date", d.date)))?;
        if date.year() != file.year && !(date.year() == file.year - 1 && date.month() == 12) {
            return Err(bad(format!("{} is not in {}", d.date, file.year)));
        }
        if crate::validate::has_control(&d.name, false) || d.name.chars().count() > 40 {
            return Err(bad(format!("{:?} is not a holiday name", d.name)));
        }
        rows.push((date, !d.is_off_day, d.name.trim().to_string()));
    }
    w.execute(
        "DELETE FROM holiday_days WHERE day GLOB ?1",
        [format!("{}-*", file.year)],
    )?;
    let mut ins = w.prepare_cached(
        "INSERT OR REPLACE INTO holiday_days (day, work, name) VALUES (?1, ?2, ?3)",
    )?;
    for (date, work, name) in &rows {
        ins.execute(rusqlite::params![date.to_string(), work, name])?;
    }
    w.changed(crate::store::Area::Calendar, []);
    Ok((file.year, rows.len()))
}

/// The owner's correction of one day: off (a holiday) or worked (调休), with its name.
pub fn set_day(
    w: &crate::store::Write,
    date: NaiveDate,
    work: bool,
    name: &str,
) -> rusqlite::Result<()> {
    w.execute(
        "INSERT OR REPLACE INTO holiday_days (day, work, name) VALUES (?1, ?2, ?3)",
        rusqlite::params![date.to_string(), work, name.trim()],
    )?;
    w.changed(crate::store::Area::Calendar, []);
    Ok(())
}

/// The years in `[from, to]` with no schedule loaded (published or the owner's).
pub fn unknown_years(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<i32>> {
    let days = Days::load(conn, from, to)?;
    Ok((from.year()..=to.year())
        .filter(|y| {
            NaiveDate::from_ymd_opt(*y, 7, 1).is_some_and(|d| days.kind(d) == DayKind::Unknown)
        })
        .collect())
}
