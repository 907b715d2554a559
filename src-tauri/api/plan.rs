//! Commands of the weekly plan (每周内容规划) and the posting pace (不打扰): day themes, "fill
//! next week" and each group's limits (the warnings come with the calendar's events).
use super::ApiError;
use crate::calendar::{self, CalendarError, FillReport, PostLimits};
use crate::dates::iso_date;
use crate::session::Session;
use chrono::Utc;
use tauri::State;

fn day(s: &str) -> Result<chrono::NaiveDate, ApiError> {
    iso_date(s).ok_or_else(|| {
        CalendarError::Invalid(vec![crate::validate::FieldError::new(
            "date",
            crate::validate::Rule::InvalidDate,
        )])
        .into()
    })
}

/// The seven day themes of the week containing `week`.
#[tauri::command(async)]
pub fn week_themes(state: State<'_, Session>, week: String) -> Result<Vec<String>, ApiError> {
    let d = day(&week)?;
    state.read(|c| Ok::<_, ApiError>(calendar::themes(c, calendar::monday_of(d))?))
}

/// Sets one day's theme (`weekday` 0 = Monday; empty clears it).
#[tauri::command(async)]
pub fn set_week_theme(
    state: State<'_, Session>,
    week: String,
    weekday: u32,
    theme: String,
) -> Result<(), ApiError> {
    let d = day(&week)?;
    state.write(|w| Ok::<_, ApiError>(calendar::set_theme(w, d, weekday, &theme)?))
}

/// Fills the week containing `week` from the slots and the week before's themes.
#[tauri::command(async)]
pub fn fill_week(state: State<'_, Session>, week: String) -> Result<FillReport, ApiError> {
    let d = day(&week)?;
    state.write(|w| Ok::<_, ApiError>(calendar::fill_week(w, d, Utc::now())?))
}

/// Every group's posting pace (groups without limits left out).
#[tauri::command(async)]
pub fn post_limits(state: State<'_, Session>) -> Result<Vec<PostLimits>, ApiError> {
    state.read(|c| Ok::<_, ApiError>(calendar::limits(c)?))
}

/// Sets one group's posting pace.
#[tauri::command(async)]
pub fn set_post_limits(state: State<'_, Session>, limits: PostLimits) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::set_limits(w, &limits)?))
}
