//! 农历 birthdays: many members celebrate their birthday on a lunar date. This reads what owners
//! write ("农历三月初五", "农历1990-03-05", "农历闰四月初八", "lunar 03-05"), names a lunar
//! date, and finds the solar day it falls on in a given year — the calendar arithmetic is
//! `tyme4rs`'s; only the customs are decided here:
//! - born in a leap month (闰月): celebrated in that leap month in the years that have it, in
//!   the ordinary month of the same number otherwise (the leap month comes back only every few
//!   years);
//! - born on 三十 of a month that is short (29 days) this year: celebrated on 廿九, its last day.
use chrono::{Datelike, NaiveDate};
use tyme4rs::tyme::lunar::{LunarDay, LunarMonth, LunarYear, LUNAR_DAY_NAMES, LUNAR_MONTH_NAMES};
use tyme4rs::tyme::solar::SolarDay;

/// A lunar month-day, with the (lunar) year when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    /// In a leap month (闰月).
    pub leap: bool,
}

/// How a lunar birthday's day was placed in a year it does not fall in as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// As written.
    None,
    /// A 闰月 birthday in a year without that leap month: in the ordinary month.
    LeapAsRegular,
    /// 三十 in a 29-day month: on 廿九.
    ShortMonth,
}

/// The rest of `s` when it is written as a lunar date ("农历…", "阴历…", "lunar …").
pub fn lunar_text(s: &str) -> Option<&str> {
    let s = s.trim();
    for p in ["农历", "阴历", "旧历"] {
        if let Some(rest) = s.strip_prefix(p) {
            return Some(rest.trim_start_matches([':', '：', ' ']));
        }
    }
    let lower = s.get(..5).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("lunar") {
        return Some(s[5..].trim_start_matches([':', ' ']));
    }
    None
}

/// Reads a lunar date written after its "农历" (see [`lunar_text`]).
pub fn parse(rest: &str) -> Option<LunarDate> {
    let mut s = rest.trim();
    let mut leap = false;
    for p in ["闰", "leap "] {
        if let Some(r) = s.strip_prefix(p) {
            leap = true;
            s = r.trim_start();
        }
    }
    let (year, month, day) = numeric(s).or_else(|| named(s))?;
    // A leap marker may also sit after the year: "1990年闰四月初八", "1990-闰04-08".
    let date = LunarDate {
        year,
        month,
        day,
        leap: leap || s.contains('闰'),
    };
    valid(&date).then_some(date)
}

fn numeric(s: &str) -> Option<(Option<i32>, u32, u32)> {
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .map(|p| p.trim().trim_start_matches('闰'))
        .filter(|p| !p.is_empty())
        .collect();
    let nums: Vec<i64> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match nums.as_slice() {
        [m, d] => Some((None, u32::try_from(*m).ok()?, u32::try_from(*d).ok()?)),
        [y, m, d] => Some((
            Some(i32::try_from(*y).ok()?),
            u32::try_from(*m).ok()?,
            u32::try_from(*d).ok()?,
        )),
        _ => None,
    }
}

/// "三月初五", "1990年闰四月初八", "腊月廿三", "冬月十五".
fn named(s: &str) -> Option<(Option<i32>, u32, u32)> {
    let (year, rest) = match s.find('年') {
        Some(i) => (
            Some(s[..i].trim().parse::<i32>().ok()?),
            &s[i + '年'.len_utf8()..],
        ),
        None => (None, s),
    };
    let rest = rest.trim().trim_start_matches('闰');
    const OTHER: [(&str, u32); 4] = [("冬月", 11), ("腊月", 12), ("一月", 1), ("十一月", 11)];
    // Longest names first, so 十一月 is not read as 十月 + 一.
    let mut months: Vec<(&str, u32)> = LUNAR_MONTH_NAMES
        .iter()
        .zip(1..)
        .map(|(n, i)| (*n, i))
        .chain(OTHER)
        .collect();
    months.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let (month, day_text) = months
        .iter()
        .find_map(|(n, m)| rest.strip_prefix(n).map(|d| (*m, d.trim())))?;
    let day = LUNAR_DAY_NAMES
        .iter()
        .zip(1..)
        .find(|(n, _)| **n == day_text || (**n == "二十" && day_text == "廿十"))
        .map(|(_, d)| d)?;
    Some((year, month, day))
}

fn valid(d: &LunarDate) -> bool {
    if !(1..=12).contains(&d.month) || !(1..=30).contains(&d.day) {
        return false;
    }
    match d.year {
        None => true,
        Some(y) if !(1900..=2100).contains(&y) => false,
        Some(y) => {
            let m = if d.leap {
                -(d.month as isize)
            } else {
                d.month as isize
            };
            // The month first: the day check builds the month and panics on a wrong one.
            LunarMonth::validate(y as isize, m).is_ok()
                && LunarDay::validate(y as isize, m, d.day as usize).is_ok()
        }
    }
}

/// `闰四月初八`, `腊月三十`.
pub fn name(month: u32, day: u32, leap: bool) -> String {
    // As calendars print them: 冬月 and 腊月 for the eleventh and twelfth months.
    let m = match month {
        11 => "冬月",
        12 => "腊月",
        _ => LUNAR_MONTH_NAMES
            .get(month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(""),
    };
    let d = LUNAR_DAY_NAMES
        .get(day.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("");
    format!("{}{m}{d}", if leap { "闰" } else { "" })
}

/// The lunar year, month, day and leap flag of a solar day.
pub fn of_solar(d: NaiveDate) -> (i32, u32, u32, bool) {
    let l =
        SolarDay::from_ymd(d.year() as isize, d.month() as usize, d.day() as usize).get_lunar_day();
    let m = l.get_lunar_month();
    (
        m.get_lunar_year().get_year() as i32,
        m.get_month() as u32,
        l.get_day() as u32,
        m.is_leap(),
    )
}

/// The number of days of a lunar month (29 or 30).
pub fn month_days(year: i32, month: u32, leap: bool) -> u32 {
    let m = if leap {
        -(month as isize)
    } else {
        month as isize
    };
    if LunarMonth::validate(year as isize, m).is_err() {
        return 30;
    }
    LunarMonth::from_ym(year as isize, m).get_day_count() as u32
}

/// Whether lunar `year` has month `month` as its leap month.
pub fn has_leap(year: i32, month: u32) -> bool {
    LunarYear::validate(year as isize).is_ok()
        && LunarYear::from_year(year as isize).get_leap_month() == month as usize
}

/// The solar day of the lunar `month`-`day` (born in a leap month or not) in lunar `year`,
/// with how it was placed.
pub fn solar_in(year: i32, month: u32, day: u32, leap: bool) -> Option<(NaiveDate, Shift)> {
    let use_leap = leap && has_leap(year, month);
    let days = month_days(year, month, use_leap);
    let d = day.min(days);
    let shift = if leap && !use_leap {
        Shift::LeapAsRegular
    } else if d < day {
        Shift::ShortMonth
    } else {
        Shift::None
    };
    let m = if use_leap {
        -(month as isize)
    } else {
        month as isize
    };
    LunarMonth::validate(year as isize, m).ok()?;
    LunarDay::validate(year as isize, m, d as usize).ok()?;
    let s = LunarDay::from_ymd(year as isize, m, d as usize).get_solar_day();
    let date = NaiveDate::from_ymd_opt(
        s.get_year() as i32,
        s.get_month() as u32,
        s.get_day() as u32,
    )?;
    Some((date, shift))
}
