//! Commands on one post (内容) beyond creating and moving it: reading it for the edit form,
//! saving an edit, the trash with undo, approval with a name, and the owner's own types.
use super::ApiError;
use crate::calendar::{self, Item, ItemInput};
use crate::session::Session;
use chrono::Utc;
use tauri::State;

/// One post as the edit form loads it.
#[tauri::command(async)]
pub fn get_content(state: State<'_, Session>, id: i64) -> Result<Item, ApiError> {
    state.read(|c| Ok::<_, ApiError>(calendar::get_item(c, id)?))
}

/// Saves an edited post (the form, or a week-plan cell edited in place).
#[tauri::command(async)]
pub fn update_content(
    state: State<'_, Session>,
    id: i64,
    input: ItemInput,
) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::update_item(w, id, &input, Utc::now())?))
}

/// Saves a post's private notes.
#[tauri::command(async)]
pub fn set_content_notes(
    state: State<'_, Session>,
    id: i64,
    notes: String,
) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::set_notes(w, id, &notes, Utc::now())?))
}

/// Moves a post to the trash; the toast's Undo calls [`restore_content`].
#[tauri::command(async)]
pub fn trash_content(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::trash_item(w, id, Utc::now())?))
}

/// Brings a post back from the trash.
#[tauri::command(async)]
pub fn restore_content(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::restore_item(w, id, Utc::now())?))
}

/// Approves a post (审批) in the name of `by`.
#[tauri::command(async)]
pub fn approve_content(state: State<'_, Session>, id: i64, by: String) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::approve(w, id, &by, Utc::now())?))
}

/// The owner's own content types (the shipped ones are the UI's).
#[tauri::command(async)]
pub fn content_types(state: State<'_, Session>) -> Result<Vec<String>, ApiError> {
    state.read(|c| Ok::<_, ApiError>(calendar::own_types(c)?))
}

/// Adds one of the owner's own types.
#[tauri::command(async)]
pub fn add_content_type(state: State<'_, Session>, name: String) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::add_type(w, &name, Utc::now())?))
}

/// Takes an owner's type off the list (its posts keep it).
#[tauri::command(async)]
pub fn forget_content_type(state: State<'_, Session>, name: String) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(calendar::forget_type(w, &name)?))
}
