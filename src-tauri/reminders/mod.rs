//! Follow-ups (一对一跟进): reminders to contact one member, stay-in-touch cadences, birthdays,
//! win-back, the daily spotlight and the Today view that gathers them.
//!
//! Plans are wall-clock (a date, an optional time, the user's IANA zone) and each reminder also
//! stores the UTC instant it fires at, which the background scheduler sleeps until. Nothing here
//! reads the clock: every function that needs the time takes `now`, and the zone and the times
//! of day come in a [`Plan`], so tests can stand on any date in any zone.

pub mod cadence;
pub mod digest;
mod queries;
pub mod recur;
pub mod spotlight;
pub mod today;
pub mod zone;

pub use queries::*;
pub use recur::Repeat;
pub use zone::{DayTimes, Snooze};

use crate::validate::FieldError;
use chrono::NaiveTime;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The user's zone and times of day, from the settings.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub tz: Tz,
    pub times: DayTimes,
    /// Birthdays show (and are announced) this many days ahead, and on the day.
    pub birthday_lead_days: u32,
    /// Members quiet for longer than this are listed for win-back.
    pub winback_days: u32,
}

impl Plan {
    /// Shanghai, 09:00 and 20:00, birthdays 3 days ahead, win-back after 30 quiet days.
    pub fn default_for(tz: Tz) -> Plan {
        Plan {
            tz,
            times: DayTimes {
                morning: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
                evening: NaiveTime::from_hms_opt(20, 0, 0).unwrap_or(NaiveTime::MIN),
            },
            birthday_lead_days: 3,
            winback_days: 30,
        }
    }
}

/// What the follow-up form edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderInput {
    pub member_id: i64,
    /// Why: "问问孩子考试结果", "续费提醒".
    pub reason: String,
    /// `YYYY-MM-DD`, in the user's zone.
    pub due_date: String,
    /// `HH:MM`, or none for "any time that day" (announced at the morning time).
    pub due_time: Option<String>,
    pub repeat: Option<Repeat>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Reminder {
    pub id: i64,
    pub member_id: i64,
    pub nickname: String,
    pub reason: String,
    pub due_date: String,
    pub due_time: Option<String>,
    pub tz: String,
    pub repeat: Option<Repeat>,
    /// When it fires (UTC, RFC 3339): the plan's instant, or the snooze's.
    pub fire_at: String,
    pub snoozed: bool,
    pub done_at: Option<String>,
    pub done_note: String,
    pub created_at: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ReminderError {
    #[error("the follow-up is not valid: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("no follow-up with id {0}")]
    NotFound(i64),
    #[error("no member with id {0}")]
    MemberNotFound(i64),
    #[error("the follow-up is already done")]
    AlreadyDone(i64),
    #[error("no cadence with id {0}")]
    CadenceNotFound(i64),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, ReminderError>;

pub(crate) fn invalid(field: &str, rule: crate::validate::Rule) -> ReminderError {
    ReminderError::Invalid(vec![FieldError {
        field: field.into(),
        rule,
    }])
}
