//! Commands for groups (社群).
use super::{ApiError, AppState};
use crate::groups::{self, FieldError, Group, GroupCounts, GroupInput, GroupSummary, GroupView};
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn list_groups(
    state: State<'_, AppState>,
    view: GroupView,
) -> Result<Vec<GroupSummary>, ApiError> {
    state.with_store(|s| Ok(groups::list(s.conn(), view)?))
}

#[tauri::command(async)]
pub fn group_counts(state: State<'_, AppState>) -> Result<GroupCounts, ApiError> {
    state.with_store(|s| Ok(groups::counts(s.conn())?))
}

#[tauri::command(async)]
pub fn get_group(state: State<'_, AppState>, id: i64) -> Result<Group, ApiError> {
    state.with_store(|s| Ok(groups::get(s.conn(), id)?))
}

/// Every problem with a form's current input, for inline messages while typing.
#[tauri::command(async)]
pub fn validate_group(
    state: State<'_, AppState>,
    input: GroupInput,
    id: Option<i64>,
) -> Result<Vec<FieldError>, ApiError> {
    state.with_store(|s| Ok(groups::check(s.conn(), &input, id)?))
}

#[tauri::command(async)]
pub fn create_group(state: State<'_, AppState>, input: GroupInput) -> Result<Group, ApiError> {
    state.with_store(|s| Ok(groups::create(s.conn_mut(), &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn update_group(
    state: State<'_, AppState>,
    id: i64,
    input: GroupInput,
) -> Result<Group, ApiError> {
    state.with_store(|s| Ok(groups::update(s.conn_mut(), id, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn archive_group(
    state: State<'_, AppState>,
    id: i64,
    archived: bool,
) -> Result<Group, ApiError> {
    state.with_store(|s| Ok(groups::set_archived(s.conn(), id, archived, Utc::now())?))
}

#[tauri::command(async)]
pub fn trash_group(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(groups::trash(s.conn(), id, Utc::now())?))
}

#[tauri::command(async)]
pub fn restore_group(state: State<'_, AppState>, id: i64) -> Result<Group, ApiError> {
    state.with_store(|s| Ok(groups::restore(s.conn_mut(), id, Utc::now())?))
}

#[tauri::command(async)]
pub fn purge_group(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(groups::purge(s.conn(), id)?))
}

#[tauri::command(async)]
pub fn empty_trash(state: State<'_, AppState>) -> Result<u32, ApiError> {
    state.with_store(|s| Ok(groups::empty_trash(s.conn())? as u32))
}
