//! What the calendar writes under each day: the lunar date (农历, the month's name on its first
//! day), the solar term (节气) that starts that day, the mainland holiday or 调休 workday, and
//! the commerce dates owners plan around (520, 618, 七夕, 双11, 双12). Lunar dates and terms come
//! from `tyme4rs`.
use super::holidays::{DayKind, Days};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;
use tyme4rs::tyme::lunar::{LunarMonth, LUNAR_DAY_NAMES};
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};
use tyme4rs::tyme::{Culture, Tyme};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DayNote {
    pub date: String,
    /// `初五`, or the month (`十月`, `闰六月`) on its first day.
    pub lunar: String,
    /// The solar term starting that day (`冬至`).
    pub term: Option<String>,
    /// A holiday (`国庆节`) or, with `workday`, the holiday a weekend day is worked for.
    pub holiday: Option<String>,
    pub workday: bool,
    /// `双12`, `618`…
    pub commerce: Option<String>,
    /// No holiday schedule is loaded for this year.
    pub unknown: bool,
}

fn commerce(
    date: NaiveDate,
    lunar_month: usize,
    leap: bool,
    lunar_day: usize,
) -> Option<&'static str> {
    Some(match (date.month(), date.day()) {
        (5, 20) => "520",
        (6, 18) => "618",
        (11, 11) => "双11",
        (12, 12) => "双12",
        _ if lunar_month == 7 && !leap && lunar_day == 7 => "七夕",
        _ => return None,
    })
}

/// The solar terms (节气) starting in `[from, to]`, by date: 24 a year, each computed once (a
/// term per day asked of `tyme4rs` costs milliseconds of astronomy, a month view 42 of them).
fn terms(from: NaiveDate, to: NaiveDate) -> std::collections::HashMap<NaiveDate, String> {
    let mut out = std::collections::HashMap::new();
    for y in from.year() - 1..=to.year() + 1 {
        for i in 0..24 {
            let term = SolarTerm::from_index(y as isize, i);
            let s = term.get_solar_day();
            let Some(d) = NaiveDate::from_ymd_opt(
                s.get_year() as i32,
                s.get_month() as u32,
                s.get_day() as u32,
            ) else {
                continue;
            };
            if (from..=to).contains(&d) {
                out.insert(d, term.get_name());
            }
        }
    }
    out
}

/// The notes of every day in `[from, to]` (at most a year and a bit). The lunar date is found
/// once for the first day and then counted forward month by month.
pub fn day_notes(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<DayNote>> {
    let to = to.min(from + Duration::days(400));
    let days = Days::load(conn, from, to)?;
    let terms = terms(from, to);
    let mut out = Vec::new();
    let first = SolarDay::from_ymd(
        from.year() as isize,
        from.month() as usize,
        from.day() as usize,
    )
    .get_lunar_day();
    let mut month: LunarMonth = first.get_lunar_month();
    let mut lunar_day = first.get_day();
    let mut month_days = month.get_day_count();
    let mut d = from;
    while d <= to {
        if lunar_day > month_days {
            month = month.next(1);
            lunar_day = 1;
            month_days = month.get_day_count();
        }
        let lunar_text = if lunar_day == 1 {
            month.get_name()
        } else {
            LUNAR_DAY_NAMES
                .get(lunar_day.saturating_sub(1))
                .copied()
                .unwrap_or_default()
                .to_string()
        };
        let term = terms.get(&d).cloned();
        let (holiday, workday, unknown) = match days.kind(d) {
            DayKind::Holiday(n) => (Some(n), false, false),
            DayKind::Workday(n) => (Some(n), true, false),
            DayKind::Ordinary => (None, false, false),
            DayKind::Unknown => (None, false, true),
        };
        out.push(DayNote {
            date: d.to_string(),
            lunar: lunar_text,
            term,
            holiday: holiday.filter(|h| !h.is_empty()),
            workday,
            commerce: commerce(d, month.get_month(), month.is_leap(), lunar_day).map(String::from),
            unknown,
        });
        d += Duration::days(1);
        lunar_day += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lunar_dates_terms_holidays_and_commerce_days() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let notes = day_notes(store.conn(), d(12, 1), d(12, 31)).unwrap();
        let on = |day: u32| {
            notes
                .iter()
                .find(|n| n.date == d(12, day).to_string())
                .unwrap()
                .clone()
        };
        assert_eq!(on(22).term.as_deref(), Some("冬至"));
        assert_eq!(on(12).commerce.as_deref(), Some("双12"));
        // 2026-12-09 is the first day of the eleventh lunar month.
        assert_eq!(on(9).lunar, "十一月");
        let oct = day_notes(store.conn(), d(10, 1), d(10, 10)).unwrap();
        assert_eq!(oct[0].holiday.as_deref(), Some("国庆节"));
        assert!(oct[9].workday, "10 October is worked");
    }

    #[test]
    fn counting_forward_gives_what_tyme4rs_says_for_every_day_of_two_years() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        for n in day_notes(store.conn(), from, to).unwrap() {
            let d: NaiveDate = n.date.parse().unwrap();
            let solar = SolarDay::from_ymd(d.year() as isize, d.month() as usize, d.day() as usize);
            let lunar = solar.get_lunar_day();
            let want = if lunar.get_day() == 1 {
                lunar.get_lunar_month().get_name()
            } else {
                lunar.get_name()
            };
            assert_eq!(n.lunar, want, "{d}");
            let term_day = solar.get_term_day();
            let term = (term_day.get_day_index() == 0).then(|| term_day.get_name());
            assert_eq!(n.term, term, "{d}");
        }
    }
}
