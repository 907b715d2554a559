//! Commands of the content calendar screen: the events of a range, creating and moving posts,
//! their status, filling a slot's occurrence, creating a slot, and exporting the schedule to
//! a file chosen in the save dialog.
use super::{ApiError, ErrorCode};
use crate::calendar::{self, CalendarError, ContentStatus, ItemInput, SlotInput};
use crate::session::{Purpose, Session};
use crate::settings::{self, Language};
use chrono::Utc;
use serde::Serialize;
use std::path::PathBuf;
use tauri::State;
use ts_rs::TS;

impl From<CalendarError> for ApiError {
    fn from(e: CalendarError) -> Self {
        let message = e.to_string();
        let (code, key) = match e {
            CalendarError::Invalid(fields) => {
                let mut err = ApiError::new(ErrorCode::Validation, "calendar.invalid", message);
                err.fields = fields;
                return err;
            }
            CalendarError::Storage(s) => return s.into(),
            CalendarError::GroupNotFound(_) => (ErrorCode::NotFound, "group.not_found"),
            CalendarError::ItemNotFound(_) => (ErrorCode::NotFound, "calendar.item_not_found"),
            CalendarError::SlotNotFound(_) => (ErrorCode::NotFound, "calendar.slot_not_found"),
            CalendarError::AlreadyFilled => (ErrorCode::Conflict, "calendar.already_filled"),
            CalendarError::BadRule(_) => (ErrorCode::Validation, "calendar.bad_rule"),
            CalendarError::SubDaily => (ErrorCode::Validation, "calendar.sub_daily"),
            CalendarError::NoOccurrence => (ErrorCode::Validation, "calendar.no_occurrence"),
            CalendarError::EndBeforeStart => (ErrorCode::Validation, "calendar.end_before_start"),
            CalendarError::TimeGap => (ErrorCode::Validation, "calendar.time_gap"),
            CalendarError::TimeTwice => (ErrorCode::Validation, "calendar.time_twice"),
            CalendarError::Write(_) => (ErrorCode::Storage, "export.failed"),
            CalendarError::HolidayFile(_) => (ErrorCode::Validation, "calendar.holiday_file"),
        };
        ApiError::new(code, key, message)
    }
}

/// One thing on the calendar, as the calendar component shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CalendarEvent {
    /// `item-5`, or `slot-3-2026-12-02` for an open slot.
    pub id: String,
    #[ts(type = "number | null")]
    pub item_id: Option<i64>,
    #[ts(type = "number | null")]
    pub slot_id: Option<i64>,
    pub rule_date: Option<String>,
    pub title: String,
    pub body: String,
    pub date: String,
    /// `HH:MM` on the entry's wall clock, or null for a day without a time.
    pub time: Option<String>,
    #[ts(type = "number[]")]
    pub group_ids: Vec<i64>,
    pub groups: Vec<String>,
    pub content_type: String,
    /// Null for an open slot.
    pub status: Option<String>,
}

/// A range of the calendar: its entries and the posting-pace warnings about them (worked out
/// from the same entries, so the range is expanded once).
#[derive(Debug, Clone, Serialize, TS)]
pub struct CalendarRange {
    pub events: Vec<CalendarEvent>,
    pub warnings: Vec<calendar::PaceWarning>,
}

/// Everything on the calendar from `from` to `to` (inclusive), for one group or all.
#[tauri::command(async)]
pub fn calendar_events(
    state: State<'_, Session>,
    from: String,
    to: String,
    group: Option<i64>,
) -> Result<CalendarRange, ApiError> {
    let (Some(from), Some(to)) = (crate::dates::iso_date(&from), crate::dates::iso_date(&to))
    else {
        return Err(CalendarError::EndBeforeStart.into());
    };
    state.read(|c| {
        let list = calendar::entries(c, from, to, group)?;
        let warnings = calendar::entry_warnings(c, &list)?;
        let events = list
            .into_iter()
            .map(|e| CalendarEvent {
                id: e.calendar_id(),
                item_id: e.refs.item_id,
                slot_id: e.refs.slot_id,
                rule_date: e.refs.rule_date.clone(),
                time: e
                    .start
                    .as_deref()
                    .and_then(|s| s.get(11..16))
                    .map(String::from),
                title: e.title,
                body: e.body,
                date: e.date,
                group_ids: e.refs.group_ids,
                groups: e.groups,
                content_type: e.content_type,
                status: e.status,
            })
            .collect();
        Ok::<_, ApiError>(CalendarRange { events, warnings })
    })
}

/// What the calendar writes under each day of `from`..`to`: lunar date, solar term,
/// holiday or 调休, commerce date.
#[tauri::command(async)]
pub fn calendar_days(
    state: State<'_, Session>,
    from: String,
    to: String,
) -> Result<Vec<calendar::DayNote>, ApiError> {
    let (Some(from), Some(to)) = (crate::dates::iso_date(&from), crate::dates::iso_date(&to))
    else {
        return Ok(Vec::new());
    };
    state.read(|c| Ok::<_, ApiError>(calendar::day_notes(c, from, to)?))
}

/// The years of `from`..`to` with no holiday schedule loaded (the calendar says so).
#[tauri::command(async)]
pub fn unknown_holiday_years(
    state: State<'_, Session>,
    from: String,
    to: String,
) -> Result<Vec<i32>, ApiError> {
    let (Some(from), Some(to)) = (crate::dates::iso_date(&from), crate::dates::iso_date(&to))
    else {
        return Ok(Vec::new());
    };
    state.read(|c| Ok::<_, ApiError>(calendar::unknown_years(c, from, to)?))
}

/// A new post; returns its id.
#[tauri::command(async)]
pub fn create_content(state: State<'_, Session>, input: ItemInput) -> Result<i64, ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::create_item(w, &input, Utc::now())?))
}

/// Moves a post to another day and time (drag and drop, or "move to…").
#[tauri::command(async)]
pub fn move_content(
    state: State<'_, Session>,
    id: i64,
    date: String,
    time: Option<String>,
) -> Result<(), ApiError> {
    state.write(|w| {
        Ok::<_, ApiError>(calendar::move_item(
            w,
            id,
            &date,
            time.as_deref(),
            Utc::now(),
        )?)
    })
}

/// Sets a post's status ("mark posted", approve, skip with a reason).
#[tauri::command(async)]
pub fn set_content_status(
    state: State<'_, Session>,
    id: i64,
    status: ContentStatus,
    reason: String,
) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::set_status(w, id, status, &reason, Utc::now())?))
}

/// Fills an open slot's occurrence with a draft post; returns its id.
#[tauri::command(async)]
pub fn fill_slot(
    state: State<'_, Session>,
    slot_id: i64,
    rule_date: String,
) -> Result<i64, ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::fill_slot(w, slot_id, &rule_date, Utc::now())?))
}

/// Skips one occurrence of a slot (the series goes on).
#[tauri::command(async)]
pub fn skip_occurrence(
    state: State<'_, Session>,
    slot_id: i64,
    rule_date: String,
) -> Result<(), ApiError> {
    let day = crate::dates::iso_date(&rule_date).ok_or(CalendarError::NoOccurrence)?;
    state.write(|w| Ok::<_, ApiError>(calendar::skip_occurrence(w, slot_id, day, Utc::now())?))
}

/// Moves (and optionally retitles) one occurrence of a slot to `date` `time`.
#[tauri::command(async)]
pub fn move_occurrence(
    state: State<'_, Session>,
    slot_id: i64,
    rule_date: String,
    date: String,
    time: String,
    title: Option<String>,
) -> Result<(), ApiError> {
    let day = crate::dates::iso_date(&rule_date).ok_or(CalendarError::NoOccurrence)?;
    let to = chrono::NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M")
        .map_err(|_| {
            CalendarError::Invalid(vec![crate::validate::FieldError::new(
                "date",
                crate::validate::Rule::InvalidDate,
            )])
        })?;
    state.write(|w| {
        Ok::<_, ApiError>(calendar::move_occurrence(
            w,
            slot_id,
            day,
            to,
            title.as_deref(),
            Utc::now(),
        )?)
    })
}

/// Changes a slot's rule from `from` on (the past stays as it was); returns the new slot.
#[tauri::command(async)]
pub fn change_slot_from(
    state: State<'_, Session>,
    slot_id: i64,
    from: String,
    input: SlotInput,
) -> Result<calendar::Slot, ApiError> {
    let day = crate::dates::iso_date(&from).ok_or(CalendarError::EndBeforeStart)?;
    state.write(|w| Ok::<_, ApiError>(calendar::change_from(w, slot_id, day, &input, Utc::now())?))
}

/// A new recurring slot.
#[tauri::command(async)]
pub fn create_slot(
    state: State<'_, Session>,
    input: SlotInput,
) -> Result<calendar::Slot, ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::create_slot(w, &input, Utc::now())?))
}

/// The zone plans are made in (the workspace's, else the system's).
#[tauri::command(async)]
pub fn planning_zone(state: State<'_, Session>) -> Result<String, ApiError> {
    state.read(|c| Ok::<_, ApiError>(settings::plan(&settings::load(c)?).tz.name().to_string()))
}

/// Exports `from`..`to` to `path` (chosen in the save dialog) as `format`.
#[tauri::command(async)]
pub fn export_calendar(
    state: State<'_, Session>,
    from: String,
    to: String,
    format: calendar::CalendarFormat,
    path: PathBuf,
) -> Result<u32, ApiError> {
    super::files::require(&state, Purpose::Export, &path)?;
    if crate::files::is_inside(&path, &state.dir) {
        return Err(
            crate::transfer::TransferError::InsideWorkspace(path.display().to_string()).into(),
        );
    }
    let (Some(from), Some(to)) = (crate::dates::iso_date(&from), crate::dates::iso_date(&to))
    else {
        return Err(CalendarError::EndBeforeStart.into());
    };
    state.read(|c| {
        let zh = settings::load(c)?.language == Language::ZhCn;
        let req = calendar::CalendarExport {
            from,
            to,
            group: None,
            format,
            encoding: calendar::CsvEncoding::Utf8,
            alarm_minutes: None,
            zh,
        };
        Ok::<_, ApiError>(calendar::export_calendar(c, &req, &path, Utc::now())?)
    })
}

/// The subscription feed's file, if set up.
#[tauri::command(async)]
pub fn calendar_feed(state: State<'_, Session>) -> Result<Option<String>, ApiError> {
    state.read(|c| Ok::<_, ApiError>(calendar::feed_path(c)?.map(|p| p.display().to_string())))
}

/// Sets up the subscription feed at `path` (chosen in the save dialog, an `.ics` outside the
/// workspace) and writes it now; `null` stops it (the file stays).
#[tauri::command(async)]
pub fn set_calendar_feed(state: State<'_, Session>, path: Option<String>) -> Result<u32, ApiError> {
    let Some(path) = path.map(PathBuf::from) else {
        state.write(|w| Ok::<_, ApiError>(calendar::set_feed_path(w, None)?))?;
        return Ok(0);
    };
    super::files::require(&state, Purpose::Export, &path)?;
    if path.extension().and_then(|e| e.to_str()) != Some("ics") {
        return Err(CalendarError::Write("the feed is an .ics file".into()).into());
    }
    if crate::files::is_inside(&path, &state.dir) {
        return Err(
            crate::transfer::TransferError::InsideWorkspace(path.display().to_string()).into(),
        );
    }
    state.write(|w| Ok::<_, ApiError>(calendar::set_feed_path(w, Some(&path))?))?;
    refresh_feed(&state).unwrap_or(Ok(0))
}

/// Rewrites the feed if one is set up (after a change to the calendar); `None` when not.
pub fn refresh_feed(state: &Session) -> Option<Result<u32, ApiError>> {
    let result = state.read(|c| {
        let Some(path) = calendar::feed_path(c)? else {
            return Ok::<_, ApiError>(None);
        };
        let prefs = settings::load(c)?;
        let tz = settings::plan(&prefs).tz;
        Ok(Some(calendar::write_feed(
            c,
            &path,
            tz,
            prefs.language == Language::ZhCn,
            Utc::now(),
        )?))
    });
    match result {
        Ok(Some(n)) => Some(Ok(n)),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    }
}
