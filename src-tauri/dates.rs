//! Reading the dates people type and spreadsheets hold: ISO (`2024-03-05`), slashes and dots
//! (`2024/3/5`, `2024.03.05`), Chinese (`2024年3月5日`), compact (`20240305`), ISO with a time
//! (`2024-03-05 14:30`, `2024-03-05T14:30:00Z` → its date), and Excel serial day numbers
//! (`45356`, days since 1899-12-30, the 1900 date system every Excel uses by default).
//! Month-day forms without a year (`3月5日`, `03-05`, `--03-05`) are for birthdays.
//!
//! And how dates are stored, the one format each: instants as RFC 3339 in UTC with
//! milliseconds (`2026-11-24T08:30:00.000Z`, which sorts as text and reads unambiguously),
//! calendar dates as `YYYY-MM-DD`.
use chrono::{DateTime, Datelike, Duration, NaiveDate, SecondsFormat, Utc};

pub fn to_db(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn from_db(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A compact UTC stamp for file names: `20261124T083000Z`.
pub fn file_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

pub fn parse_file_stamp(s: &str) -> Option<DateTime<Utc>> {
    chrono::NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|n| n.and_utc())
}

/// A date in the stored form (`YYYY-MM-DD`, as forms and date pickers send it). What people
/// type or spreadsheets hold goes through [`parse_date`].
pub fn iso_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Excel serials accepted: 1 = 1900-01-01 … 73050 = 2099-12-31. Only whole numbers of up to
/// five digits count, so `20240305` stays a compact date.
const SERIAL_MAX: i64 = 73_050;

/// A full calendar date, or `None` when `s` is not one of the accepted forms.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = excel_serial(s) {
        return Some(d);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    // Drop a time part: "2024-03-05 14:30", "2024-03-05T14:30:00Z", "2024/3/5 9:00".
    let date_part = s.split([' ', 'T']).next().unwrap_or(s);
    let nums = numbers(date_part)?;
    match nums.as_slice() {
        [y, m, d] if *y >= 1000 => ymd(*y, *m, *d),
        _ => None,
    }
}

/// A birthday: a full date, or a month and day without a year. Returns (year, month, day).
pub fn parse_month_day(s: &str) -> Option<(Option<i32>, u32, u32)> {
    let s = s.trim();
    if let Some(d) = parse_date(s) {
        return Some((Some(d.year()), d.month(), d.day()));
    }
    let nums = numbers(s.trim_start_matches('-'))?;
    match nums.as_slice() {
        [m, d] => {
            let (m, d) = (u32::try_from(*m).ok()?, u32::try_from(*d).ok()?);
            // Any leap year accepts 02-29.
            NaiveDate::from_ymd_opt(2000, m, d).map(|_| (None, m, d))
        }
        _ => None,
    }
}

fn ymd(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(y).ok()?,
        u32::try_from(m).ok()?,
        u32::try_from(d).ok()?,
    )
    .filter(|d| (1900..=2100).contains(&d.year()))
}

/// The numbers in a date written with `-`, `/`, `.`, or 年/月/日 between them.
fn numbers(s: &str) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if matches!(c, '-' | '/' | '.' | '年' | '月' | '日' | '号') {
            if !cur.is_empty() {
                out.push(cur.parse().ok()?);
                cur.clear();
            }
        } else {
            return None;
        }
    }
    if !cur.is_empty() {
        out.push(cur.parse().ok()?);
    }
    (!out.is_empty()).then_some(out)
}

/// An Excel serial date (whole days; a fraction is the time of day and is dropped).
pub fn excel_serial(s: &str) -> Option<NaiveDate> {
    if s.matches('.').count() > 1 {
        return None; // 2024.03.05 is a dotted date
    }
    let whole = s.split('.').next()?;
    if whole.is_empty() || whole.len() > 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(frac) = s.split('.').nth(1) {
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    from_serial(whole.parse().ok()?)
}

/// Excel's day number to a date. Excel counts 1900-02-29 (which never existed), so from
/// serial 61 on the epoch is 1899-12-30; before it, 1899-12-31.
pub fn from_serial(serial: i64) -> Option<NaiveDate> {
    if !(1..=SERIAL_MAX).contains(&serial) || serial == 60 {
        return None;
    }
    let epoch = if serial >= 61 {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    };
    epoch.checked_add_signed(Duration::days(serial))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn common_forms() {
        for s in [
            "2024-03-05",
            "2024/3/5",
            "2024.03.05",
            "2024年3月5日",
            "20240305",
            "2024-03-05 14:30",
            "2024-03-05T06:30:00Z",
            "45356",
            "45356.5",
        ] {
            assert_eq!(parse_date(s), d(2024, 3, 5), "{s}");
        }
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("明天"), None);
        assert_eq!(parse_date("3/5/2024"), None);
        assert_eq!(from_serial(1), d(1900, 1, 1));
        assert_eq!(from_serial(59), d(1900, 2, 28));
        assert_eq!(from_serial(61), d(1900, 3, 1));
    }

    #[test]
    fn birthdays_without_year() {
        assert_eq!(parse_month_day("3月5日"), Some((None, 3, 5)));
        assert_eq!(parse_month_day("--02-29"), Some((None, 2, 29)));
        assert_eq!(parse_month_day("1990-03-05"), Some((Some(1990), 3, 5)));
        assert_eq!(parse_month_day("13-01"), None);
    }
}
