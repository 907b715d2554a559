//! Commands for follow-ups: the Today view, a member's reminders, snooze and done, cadences,
//! win-back clean-up, and the zone list for the settings. Every change wakes the scheduler.
use super::{ApiError, AppState};
use crate::groups::FieldError;
use crate::members;
use crate::reminders::cadence::{self, Cadence, CadenceInput};
use crate::reminders::{
    self, today, today::TodayView, zone, Completed, Plan, Reminder, ReminderInput, Snooze,
};
use crate::settings;
use crate::store::Store;
use chrono::Utc;
use tauri::State;

pub(crate) fn plan_of(store: &Store) -> Result<Plan, ApiError> {
    Ok(settings::plan(&settings::load(store.conn())?))
}

#[tauri::command(async)]
pub fn today_view(state: State<'_, AppState>) -> Result<TodayView, ApiError> {
    state.with_store(|s| {
        let plan = plan_of(s)?;
        Ok(today::view(s.conn_mut(), &plan, Utc::now())?)
    })
}

#[tauri::command(async)]
pub fn member_reminders(
    state: State<'_, AppState>,
    member_id: i64,
) -> Result<Vec<Reminder>, ApiError> {
    state.with_store(|s| Ok(reminders::for_member(s.conn(), member_id)?))
}

#[tauri::command(async)]
pub fn validate_reminder(
    state: State<'_, AppState>,
    input: ReminderInput,
) -> Result<Vec<FieldError>, ApiError> {
    state.with_store(|s| Ok(reminders::check(s.conn(), &input)?))
}

#[tauri::command(async)]
pub fn create_reminder(
    state: State<'_, AppState>,
    input: ReminderInput,
) -> Result<Reminder, ApiError> {
    let r = state.with_store(|s| {
        let plan = plan_of(s)?;
        Ok(reminders::create(s.conn(), &input, &plan, Utc::now())?)
    })?;
    state.wake.notify_one();
    Ok(r)
}

#[tauri::command(async)]
pub fn update_reminder(
    state: State<'_, AppState>,
    id: i64,
    input: ReminderInput,
) -> Result<Reminder, ApiError> {
    let r = state.with_store(|s| {
        let plan = plan_of(s)?;
        Ok(reminders::update(s.conn(), id, &input, &plan, Utc::now())?)
    })?;
    state.wake.notify_one();
    Ok(r)
}

#[tauri::command(async)]
pub fn delete_reminder(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(reminders::delete(s.conn(), id)?))?;
    state.wake.notify_one();
    Ok(())
}

#[tauri::command(async)]
pub fn complete_reminder(
    state: State<'_, AppState>,
    id: i64,
    note: String,
) -> Result<Completed, ApiError> {
    let r = state.with_store(|s| {
        let plan = plan_of(s)?;
        Ok(reminders::complete(
            s.conn_mut(),
            id,
            &note,
            &plan,
            Utc::now(),
        )?)
    })?;
    state.wake.notify_one();
    Ok(r)
}

#[tauri::command(async)]
pub fn snooze_reminder(
    state: State<'_, AppState>,
    id: i64,
    snooze: Snooze,
) -> Result<Reminder, ApiError> {
    let r = state.with_store(|s| {
        let plan = plan_of(s)?;
        Ok(reminders::snooze(s.conn(), id, &snooze, &plan, Utc::now())?)
    })?;
    state.wake.notify_one();
    Ok(r)
}

#[tauri::command(async)]
pub fn list_cadences(state: State<'_, AppState>) -> Result<Vec<Cadence>, ApiError> {
    state.with_store(|s| Ok(cadence::list(s.conn())?))
}

#[tauri::command(async)]
pub fn create_cadence(
    state: State<'_, AppState>,
    input: CadenceInput,
) -> Result<Cadence, ApiError> {
    state.with_store(|s| Ok(cadence::create(s.conn(), &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn delete_cadence(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(cadence::delete(s.conn(), id)?))
}

/// Puts a cadence follow-up off (the same presets as a reminder's snooze).
#[tauri::command(async)]
pub fn snooze_cadence(
    state: State<'_, AppState>,
    member_id: i64,
    snooze: Snooze,
) -> Result<(), ApiError> {
    state.with_store(|s| {
        let plan = plan_of(s)?;
        let now = Utc::now();
        let until = zone::snooze_until(&snooze, now, plan.tz, plan.times)
            .filter(|t| *t > now)
            .ok_or_else(|| {
                ApiError::from(reminders::ReminderError::Invalid(vec![FieldError {
                    field: "until".into(),
                    rule: crate::groups::Rule::InvalidDate,
                }]))
            })?;
        Ok(cadence::snooze(s.conn(), member_id, until)?)
    })
}

/// Logs a contact with a member (done for a cadence, birthday or win-back item).
#[tauri::command(async)]
pub fn log_contact(
    state: State<'_, AppState>,
    member_id: i64,
    summary: String,
) -> Result<members::Interaction, ApiError> {
    state.with_store(|s| {
        Ok(members::log_interaction(
            s.conn(),
            member_id,
            &members::InteractionInput {
                at: crate::time::to_db(Utc::now()),
                channel: members::Channel::PrivateChat,
                summary,
            },
        )?)
    })
}

/// Removes members from every group they are in, with the reason (win-back clean-up).
#[tauri::command(async)]
pub fn remove_quiet_members(
    state: State<'_, AppState>,
    member_ids: Vec<i64>,
    reason: String,
) -> Result<u32, ApiError> {
    state.with_store(|s| {
        Ok(members::remove_everywhere(
            s.conn_mut(),
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
