//! Wall-clock plans and the instants they fire at. A plan is a date, an optional time and the
//! user's IANA zone ("Asia/Shanghai", "America/New_York"); the instant is computed here, so a
//! 09:00 reminder stays at 09:00 on both sides of a daylight-saving change.
//!
//! Two wall times need a rule: one that does not exist (02:30 on the night clocks spring
//! forward) moves forward by the gap (03:30); one that happens twice (01:30 on the night they
//! fall back) is the first of the two.
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;

/// Parses an IANA zone name.
pub fn parse_tz(name: &str) -> Option<Tz> {
    name.parse().ok()
}

/// Parses `HH:MM`.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

/// The UTC instant of a wall-clock date and time in `tz` (see the module docs for the two
/// special cases).
pub fn instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let wall = NaiveDateTime::new(date, time);
    if let Some(t) = tz.from_local_datetime(&wall).earliest() {
        return t.with_timezone(&Utc);
    }
    // In a gap: the offset before the gap, applied to the wall time, lands after it.
    let before = tz.offset_from_utc_datetime(&(wall - Duration::hours(3)));
    let t = before.fix().from_local_datetime(&wall).single();
    match t {
        Some(t) => t.with_timezone(&Utc),
        None => wall.and_utc(),
    }
}

/// The local calendar date of an instant in `tz`.
pub fn local_date(tz: Tz, t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

/// The instant a local day starts (its first existing wall time).
pub fn day_start(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    instant(tz, date, NaiveTime::MIN)
}

/// Where a snooze puts a reminder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Snooze {
    /// One hour from now.
    Hour,
    /// Today at the evening time, or tomorrow's evening once that has passed.
    Evening,
    /// Tomorrow at the morning time.
    Tomorrow,
    /// Next Monday at the morning time.
    NextWeek,
    /// A date the user picked, at a time or the morning time.
    Until { date: String, time: Option<String> },
}

/// The times of day snoozes and all-day reminders use.
#[derive(Debug, Clone, Copy)]
pub struct DayTimes {
    pub morning: NaiveTime,
    pub evening: NaiveTime,
}

/// When `snooze`, chosen at `now`, fires; `None` for a bad picked date or time.
pub fn snooze_until(
    snooze: &Snooze,
    now: DateTime<Utc>,
    tz: Tz,
    times: DayTimes,
) -> Option<DateTime<Utc>> {
    let today = local_date(tz, now);
    let tomorrow = today.succ_opt()?;
    Some(match snooze {
        Snooze::Hour => now + Duration::hours(1),
        Snooze::Evening => {
            let tonight = instant(tz, today, times.evening);
            if tonight > now {
                tonight
            } else {
                instant(tz, tomorrow, times.evening)
            }
        }
        Snooze::Tomorrow => instant(tz, tomorrow, times.morning),
        Snooze::NextWeek => {
            let days = 7 - today.weekday().num_days_from_monday();
            instant(tz, today + Duration::days(days.into()), times.morning)
        }
        Snooze::Until { date, time } => {
            let date = crate::dates::iso_date(date)?;
            let time = match time {
                Some(t) => parse_time(t)?,
                None => times.morning,
            };
            instant(tz, date, time)
        }
    })
}
