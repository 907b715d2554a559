//! The content calendar: recurring slots (固定栏目, an RFC 5545 RRULE in the owner's zone),
//! content items (内容, one planned post) and the week plan (每周内容规划) built from both, with
//! the mainland's legal holidays and 调休 workdays.
//!
//! A slot's rule is expanded with the `rrule` crate over dates only; its wall-clock time is
//! applied per date in its IANA zone (`reminders::zone`), so a weekly 20:00 slot stays 20:00
//! across daylight saving. Sub-daily rules (thousands of occurrences a day) are refused.
mod days;
mod export;
mod feed;
mod holidays;
pub mod ics;
mod import;
mod items;
mod pace;
mod plan;
mod slots;
mod types;
mod weekplan;

pub use days::{day_notes, DayNote};
pub use export::{export_calendar, to_ics, CalendarExport, CalendarFormat, CsvEncoding};
pub use feed::{feed_path, set_feed_path, write_feed};
pub use holidays::{day_kind, import_holiday_cn, set_day, unknown_years, DayKind, PUBLISHED_UNTIL};
pub use import::{import_content, kind_key, ContentImportReport};
pub use items::{
    approve, create_item, fill_slot, get_item, move_item, next_post_at, restore_item, set_notes,
    set_status, take_due_posts, trash_item, update_item, ContentStatus, DuePost, Item, ItemInput,
};
pub use pace::{
    entry_warnings, in_quiet, limits, set_limits, warnings, PaceProblem, PaceWarning, PostLimits,
};
pub use plan::{entries, week, Entry, EntryKind, WeekPlan};
pub use slots::{
    change_from, create_slot, list_slots, move_occurrence, occurrences, skip_occurrence,
    Occurrence, Slot, SlotInput,
};
pub use types::{add_type, forget_type, is_builtin, own_types};
pub use weekplan::{fill_week, monday_of, set_theme, themes, FillReport};

use crate::validate::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("group {0} not found")]
    GroupNotFound(i64),
    #[error("content item {0} not found")]
    ItemNotFound(i64),
    #[error("slot {0} not found")]
    SlotNotFound(i64),
    #[error("this occurrence already has its post")]
    AlreadyFilled,
    #[error("not a repeat rule this app understands: {0}")]
    BadRule(String),
    #[error("the rule repeats more often than once a day; a slot happens at most daily")]
    SubDaily,
    #[error("the rule gives no date at all")]
    NoOccurrence,
    #[error("the last day is before the first")]
    EndBeforeStart,
    #[error("that time does not exist on that day in this zone (the clocks move forward)")]
    TimeGap,
    #[error(
        "that time happens twice on that day in this zone (the clocks move back); pick another"
    )]
    TimeTwice,
    #[error("could not write the export: {0}")]
    Write(String),
    #[error("not a holiday-cn schedule file: {0}")]
    HolidayFile(String),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, CalendarError>;
