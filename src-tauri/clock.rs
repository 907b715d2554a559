//! The clock, for the edges: Tauri commands, the command line, the desktop shell and the
//! scheduler read the time here and pass it down. Domain code never does (clippy refuses
//! `Utc::now` outside the edges, and the layer test refuses `crate::clock` below them), so
//! every rule that depends on the date can be tested for any date.
#![allow(clippy::disallowed_methods)]

use crate::members::Clock;
use chrono::{DateTime, Local, NaiveDate, Utc};

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// The machine's local date (file names of exports).
pub fn local_today() -> NaiveDate {
    Local::now().date_naive()
}

/// What the member list needs to know of the time: the local date for "birthday this month",
/// the instant for "not contacted for N days".
pub fn member_clock() -> Clock {
    Clock {
        today: local_today(),
        now: now(),
    }
}
