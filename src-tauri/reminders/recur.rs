//! Recurring follow-ups. A repeat is stored as an RFC 5545 RRULE (what calendars exchange) and
//! computed with the `rrule` crate. The next reminder is scheduled when one is done:
//!
//! - "every N days / weeks" counts from the day it was done (talk to her again 7 days after
//!   the last talk, however late that was);
//! - a pattern — "every Monday", "every month on the 31st" — takes the first matching day after
//!   both the day it was due and the day it was done. "On the 31st" means the month's last day
//!   in shorter months (28 or 29 February, 30 April), never a skipped month.
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Weekday};
use rrule::{Frequency, NWeekday, RRule, Tz as RTz, Unvalidated};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a follow-up repeats, as the UI edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Repeat {
    Days {
        every: u16,
    },
    /// Every N weeks; on the given weekdays (0 = Monday … 6 = Sunday), or N weeks after done.
    Weeks {
        every: u16,
        weekdays: Vec<u8>,
    },
    /// Every N months on a day of the month (1–31).
    Months {
        every: u16,
        day: u8,
    },
}

const CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

impl Repeat {
    /// Whether the numbers are in range: every 1–365 days, 1–52 weeks, 1–12 months.
    pub fn is_valid(&self) -> bool {
        match self {
            Repeat::Days { every } => (1..=365).contains(every),
            Repeat::Weeks { every, weekdays } => {
                (1..=52).contains(every) && weekdays.iter().all(|d| *d < 7)
            }
            Repeat::Months { every, day } => (1..=12).contains(every) && (1..=31).contains(day),
        }
    }

    /// The RRULE text stored for this repeat.
    pub fn to_rrule(&self) -> String {
        match self {
            Repeat::Days { every } => format!("FREQ=DAILY;INTERVAL={every}"),
            Repeat::Weeks { every, weekdays } if weekdays.is_empty() => {
                format!("FREQ=WEEKLY;INTERVAL={every}")
            }
            Repeat::Weeks { every, weekdays } => {
                let mut days = weekdays.clone();
                days.sort_unstable();
                days.dedup();
                let codes: Vec<&str> = days.iter().map(|d| CODES[*d as usize]).collect();
                format!("FREQ=WEEKLY;INTERVAL={every};BYDAY={}", codes.join(","))
            }
            Repeat::Months { every, day } => {
                format!("FREQ=MONTHLY;INTERVAL={every};BYMONTHDAY={day}")
            }
        }
    }

    /// Reads a stored RRULE back; `None` for one this app does not write.
    pub fn from_rrule(s: &str) -> Option<Repeat> {
        let rule: RRule<Unvalidated> = s.parse().ok()?;
        let every = rule.get_interval();
        let repeat = match rule.get_freq() {
            Frequency::Daily => Repeat::Days { every },
            Frequency::Weekly => Repeat::Weeks {
                every,
                weekdays: rule
                    .get_by_weekday()
                    .iter()
                    .map(|d| match d {
                        NWeekday::Every(w) | NWeekday::Nth(_, w) => w.num_days_from_monday() as u8,
                    })
                    .collect(),
            },
            Frequency::Monthly => Repeat::Months {
                every,
                day: u8::try_from(*rule.get_by_month_day().first()?).ok()?,
            },
            _ => return None,
        };
        repeat.is_valid().then_some(repeat)
    }
}

/// The date of the next reminder after one due on `due` was done on `done_on`.
pub fn next_date(repeat: &Repeat, due: NaiveDate, done_on: NaiveDate) -> Option<NaiveDate> {
    match repeat {
        Repeat::Days { every } => done_on.checked_add_signed(Duration::days((*every).into())),
        Repeat::Weeks { every, weekdays } if weekdays.is_empty() => {
            done_on.checked_add_signed(Duration::weeks((*every).into()))
        }
        _ => next_in_pattern(repeat, due, due.max(done_on)),
    }
}

/// The first day of the pattern (anchored at `start`) strictly after `after`.
fn next_in_pattern(repeat: &Repeat, start: NaiveDate, after: NaiveDate) -> Option<NaiveDate> {
    let text = match repeat {
        // The last existing day among 28…day: the 31st, or the month's end when shorter.
        Repeat::Months { every, day } if *day > 28 => {
            let days: Vec<String> = (28..=*day).map(|d| d.to_string()).collect();
            format!(
                "FREQ=MONTHLY;INTERVAL={every};BYMONTHDAY={};BYSETPOS=-1",
                days.join(",")
            )
        }
        other => other.to_rrule(),
    };
    let rule: RRule<Unvalidated> = text.parse().ok()?;
    // Dates only: iterate at midnight UTC, so no zone rule can shift a day.
    let dt_start = RTz::UTC
        .with_ymd_and_hms(start.year(), start.month(), start.day(), 0, 0, 0)
        .single()?;
    let set = rule.build(dt_start).ok()?;
    set.into_iter()
        .take(10_000)
        .map(|d| d.date_naive())
        .find(|d| *d > after)
}

/// Monday = 0 … Sunday = 6, as [`Repeat::Weeks`] numbers weekdays.
pub fn weekday_index(w: Weekday) -> u8 {
    w.num_days_from_monday() as u8
}
