//! Commands for groups (社群).
use super::ApiError;
use crate::groups::{self, Group, GroupCounts, GroupInput, GroupSummary, GroupView};
use crate::session::Session;
use crate::validate::FieldError;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn list_groups(
    state: State<'_, Session>,
    view: GroupView,
) -> Result<Vec<GroupSummary>, ApiError> {
    state.read(|c| Ok(groups::list(c, view)?))
}

#[tauri::command(async)]
pub fn group_counts(state: State<'_, Session>) -> Result<GroupCounts, ApiError> {
    state.read(|c| Ok(groups::counts(c)?))
}

#[tauri::command(async)]
pub fn get_group(state: State<'_, Session>, id: i64) -> Result<Group, ApiError> {
    state.read(|c| Ok(groups::get(c, id)?))
}

/// Every problem with a form's current input, for inline messages while typing.
#[tauri::command(async)]
pub fn validate_group(
    state: State<'_, Session>,
    input: GroupInput,
    id: Option<i64>,
) -> Result<Vec<FieldError>, ApiError> {
    state.read(|c| Ok(groups::check(c, &input, id)?))
}

#[tauri::command(async)]
pub fn create_group(state: State<'_, Session>, input: GroupInput) -> Result<Group, ApiError> {
    state.write(|w| Ok(groups::create(w, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn update_group(
    state: State<'_, Session>,
    id: i64,
    input: GroupInput,
) -> Result<Group, ApiError> {
    state.write(|w| Ok(groups::update(w, id, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn archive_group(
    state: State<'_, Session>,
    id: i64,
    archived: bool,
) -> Result<Group, ApiError> {
    state.write(|w| Ok(groups::set_archived(w, id, archived, Utc::now())?))
}

#[tauri::command(async)]
pub fn trash_group(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(groups::trash(w, id, Utc::now())?))
}

#[tauri::command(async)]
pub fn restore_group(state: State<'_, Session>, id: i64) -> Result<Group, ApiError> {
    state.write(|w| Ok(groups::restore(w, id, Utc::now())?))
}

#[tauri::command(async)]
pub fn purge_group(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(groups::purge(w, id)?))
}

#[tauri::command(async)]
pub fn empty_trash(state: State<'_, Session>) -> Result<u32, ApiError> {
    state.write(|w| Ok(groups::empty_trash(w)? as u32))
}
