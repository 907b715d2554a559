//! Commands for follow-ups: the Today view, a member's reminders, snooze and done, cadences,
//! win-back clean-up, and the zone list for the settings. Every change reaches the scheduler
//! through the change bus.
use super::ApiError;
use crate::members;
use crate::reminders::cadence::{self, Cadence, CadenceInput};
use crate::reminders::{
    self, today, today::TodayView, Completed, Plan, Reminder, ReminderInput, Snooze,
};
use crate::session::Session;
use crate::settings;
use crate::validate::FieldError;
use chrono::Utc;
use rusqlite::Connection;
use tauri::State;

/// The user's plan (zone, times of day…) as the settings say now.
pub(crate) fn plan_of(conn: &Connection) -> Result<Plan, ApiError> {
    Ok(settings::plan(&settings::load(conn)?))
}

/// Today, read while other work writes; the day's fresh spotlight picks are stored when the
/// writer is free (otherwise by a later view: the same members come out until then).
#[tauri::command(async)]
pub fn today_view(state: State<'_, Session>) -> Result<TodayView, ApiError> {
    let view = state.read(|c| Ok::<_, ApiError>(today::view(c, &plan_of(c)?, Utc::now())?))?;
    if let Some(stored) = state.try_write(|w| Ok::<_, ApiError>(today::remember(w, &view)?)) {
        stored?;
    }
    Ok(view)
}

#[tauri::command(async)]
pub fn member_reminders(
    state: State<'_, Session>,
    member_id: i64,
) -> Result<Vec<Reminder>, ApiError> {
    state.read(|c| Ok(reminders::for_member(c, member_id)?))
}

#[tauri::command(async)]
pub fn validate_reminder(
    state: State<'_, Session>,
    input: ReminderInput,
) -> Result<Vec<FieldError>, ApiError> {
    state.read(|c| Ok(reminders::check(c, &input)?))
}

#[tauri::command(async)]
pub fn create_reminder(
    state: State<'_, Session>,
    input: ReminderInput,
) -> Result<Reminder, ApiError> {
    state.write(|w| Ok(reminders::create(w, &input, &plan_of(w)?, Utc::now())?))
}

#[tauri::command(async)]
pub fn update_reminder(
    state: State<'_, Session>,
    id: i64,
    input: ReminderInput,
) -> Result<Reminder, ApiError> {
    state.write(|w| Ok(reminders::update(w, id, &input, &plan_of(w)?, Utc::now())?))
}

#[tauri::command(async)]
pub fn delete_reminder(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(reminders::delete(w, id)?))
}

#[tauri::command(async)]
pub fn complete_reminder(
    state: State<'_, Session>,
    id: i64,
    note: String,
) -> Result<Completed, ApiError> {
    state.write(|w| Ok(reminders::complete(w, id, &note, &plan_of(w)?, Utc::now())?))
}

#[tauri::command(async)]
pub fn snooze_reminder(
    state: State<'_, Session>,
    id: i64,
    snooze: Snooze,
) -> Result<Reminder, ApiError> {
    state.write(|w| Ok(reminders::snooze(w, id, &snooze, &plan_of(w)?, Utc::now())?))
}

#[tauri::command(async)]
pub fn list_cadences(state: State<'_, Session>) -> Result<Vec<Cadence>, ApiError> {
    state.read(|c| Ok(cadence::list(c)?))
}

#[tauri::command(async)]
pub fn create_cadence(state: State<'_, Session>, input: CadenceInput) -> Result<Cadence, ApiError> {
    state.write(|w| Ok(cadence::create(w, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn delete_cadence(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(cadence::delete(w, id)?))
}

/// Puts a cadence follow-up off (the same presets as a reminder's snooze).
#[tauri::command(async)]
pub fn snooze_cadence(
    state: State<'_, Session>,
    member_id: i64,
    snooze: Snooze,
) -> Result<(), ApiError> {
    state.write(|w| {
        Ok(cadence::snooze_preset(
            w,
            member_id,
            &snooze,
            &plan_of(w)?,
            Utc::now(),
        )?)
    })
}

/// Logs a contact with a member (done for a cadence, birthday or win-back item).
#[tauri::command(async)]
pub fn log_contact(
    state: State<'_, Session>,
    member_id: i64,
    summary: String,
) -> Result<members::Interaction, ApiError> {
    state.write(|w| Ok(members::log_contact(w, member_id, &summary, Utc::now())?))
}

/// Removes members from every group they are in, with the reason (win-back clean-up).
#[tauri::command(async)]
pub fn remove_quiet_members(
    state: State<'_, Session>,
    member_ids: Vec<i64>,
    reason: String,
) -> Result<u32, ApiError> {
    state.write(|w| {
        Ok(members::remove_everywhere(
            w,
            &member_ids,
            &reason,
            Utc::now(),
        )?)
    })
}

/// Every IANA zone name, for the settings, and the operating system's.
#[tauri::command(async)]
pub fn time_zones() -> (Vec<String>, String) {
    let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|t| t.name().to_string())
        .filter(|n| n.contains('/') && !n.starts_with("Etc/"))
        .collect();
    names.sort();
    (names, settings::os_time_zone().name().to_string())
}
