//! Commands for the member book: the list, profiles, memberships, notes, interactions,
//! points and levels, tags, custom fields, saved filters and referrals.
use super::ApiError;
use crate::members::{
    self, BulkAction, Category, CustomField, Interaction, InteractionInput, JoinInput, Level,
    LevelInput, Member, MemberFilter, MemberInput, MemberPage, MemberSort, MemberStatus,
    MembershipEdit, Note, PointsEntry, PointsInput, Referral, Segment, Selection, TagRef,
    TagSummary,
};
use crate::session::Session;
use crate::validate::FieldError;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn list_members(
    state: State<'_, Session>,
    filter: MemberFilter,
    sort: MemberSort,
    offset: u32,
    limit: u32,
) -> Result<MemberPage, ApiError> {
    state.read(|c| {
        Ok(members::page(
            c,
            &filter,
            sort,
            offset,
            limit,
            &crate::clock::member_clock(),
        )?)
    })
}

#[tauri::command(async)]
pub fn open_member(state: State<'_, Session>, id: i64) -> Result<members::MemberDetail, ApiError> {
    state.read(|c| Ok(members::detail(c, id)?))
}

#[tauri::command(async)]
pub fn validate_member(
    state: State<'_, Session>,
    input: MemberInput,
    id: Option<i64>,
) -> Result<Vec<FieldError>, ApiError> {
    state.read(|c| Ok(members::check(c, &input, id)?))
}

#[tauri::command(async)]
pub fn create_member(state: State<'_, Session>, input: MemberInput) -> Result<Member, ApiError> {
    state.write(|w| Ok(members::create(w, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn update_member(
    state: State<'_, Session>,
    id: i64,
    input: MemberInput,
) -> Result<Member, ApiError> {
    state.write(|w| Ok(members::update(w, id, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn bulk_members(
    state: State<'_, Session>,
    selection: Selection,
    action: BulkAction,
) -> Result<u32, ApiError> {
    state.write(|w| {
        Ok(members::bulk(
            w,
            &selection,
            &action,
            &crate::clock::member_clock(),
        )?)
    })
}

#[tauri::command(async)]
pub fn purge_member(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(members::purge(w, id)?))
}

#[tauri::command(async)]
pub fn empty_member_trash(state: State<'_, Session>) -> Result<u32, ApiError> {
    state.write(|w| Ok(members::empty_trash(w)? as u32))
}

#[tauri::command(async)]
pub fn join_group(
    state: State<'_, Session>,
    member_id: i64,
    input: JoinInput,
) -> Result<Member, ApiError> {
    state.write(|w| {
        members::join(w, member_id, &input, Utc::now())?;
        Ok(members::get(w, member_id)?)
    })
}

#[tauri::command(async)]
pub fn set_member_status(
    state: State<'_, Session>,
    member_id: i64,
    group_id: i64,
    status: MemberStatus,
    reason: String,
) -> Result<Member, ApiError> {
    state.write(|w| {
        members::set_status(w, member_id, group_id, status, &reason, Utc::now())?;
        Ok(members::get(w, member_id)?)
    })
}

#[tauri::command(async)]
pub fn edit_membership(
    state: State<'_, Session>,
    member_id: i64,
    group_id: i64,
    edit: MembershipEdit,
) -> Result<Member, ApiError> {
    state.write(|w| {
        members::edit_membership(w, member_id, group_id, &edit)?;
        Ok(members::get(w, member_id)?)
    })
}

#[tauri::command(async)]
pub fn add_note(state: State<'_, Session>, member_id: i64, body: String) -> Result<Note, ApiError> {
    state.write(|w| Ok(members::add_note(w, member_id, &body, Utc::now())?))
}

#[tauri::command(async)]
pub fn edit_note(state: State<'_, Session>, id: i64, body: String) -> Result<Note, ApiError> {
    state.write(|w| Ok(members::edit_note(w, id, &body, Utc::now())?))
}

#[tauri::command(async)]
pub fn pin_note(state: State<'_, Session>, id: i64, pinned: bool) -> Result<Note, ApiError> {
    state.write(|w| Ok(members::pin_note(w, id, pinned)?))
}

#[tauri::command(async)]
pub fn trash_note(state: State<'_, Session>, id: i64) -> Result<Note, ApiError> {
    state.write(|w| Ok(members::trash_note(w, id, Utc::now())?))
}

#[tauri::command(async)]
pub fn restore_note(state: State<'_, Session>, id: i64) -> Result<Note, ApiError> {
    state.write(|w| Ok(members::restore_note(w, id)?))
}

#[tauri::command(async)]
pub fn list_trashed_notes(
    state: State<'_, Session>,
    member_id: i64,
) -> Result<Vec<Note>, ApiError> {
    state.read(|c| Ok(members::list_trashed_notes(c, member_id)?))
}

#[tauri::command(async)]
pub fn log_interaction(
    state: State<'_, Session>,
    member_id: i64,
    input: InteractionInput,
) -> Result<Interaction, ApiError> {
    state.write(|w| Ok(members::log_interaction(w, member_id, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn delete_interaction(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(members::delete_interaction(w, id)?))
}

#[tauri::command(async)]
pub fn add_points(
    state: State<'_, Session>,
    member_id: i64,
    input: PointsInput,
) -> Result<PointsEntry, ApiError> {
    state.write(|w| Ok(members::add_points(w, member_id, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn delete_points(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(members::delete_points(w, id)?))
}

#[tauri::command(async)]
pub fn list_levels(state: State<'_, Session>, group_id: i64) -> Result<Vec<Level>, ApiError> {
    state.read(|c| Ok(members::list_levels(c, group_id)?))
}

#[tauri::command(async)]
pub fn set_levels(
    state: State<'_, Session>,
    group_id: i64,
    levels: Vec<LevelInput>,
) -> Result<Vec<Level>, ApiError> {
    state.write(|w| Ok(members::set_levels(w, group_id, &levels)?))
}

#[tauri::command(async)]
pub fn list_tags(state: State<'_, Session>) -> Result<Vec<TagSummary>, ApiError> {
    state.read(|c| Ok(members::list_tags(c)?))
}

#[tauri::command(async)]
pub fn create_tag(state: State<'_, Session>, name: String) -> Result<TagRef, ApiError> {
    state.write(|w| Ok(members::create_tag(w, &name)?))
}

#[tauri::command(async)]
pub fn rename_tag(state: State<'_, Session>, id: i64, name: String) -> Result<TagRef, ApiError> {
    state.write(|w| Ok(members::rename_tag(w, id, &name)?))
}

#[tauri::command(async)]
pub fn merge_tags(state: State<'_, Session>, from: i64, into: i64) -> Result<TagRef, ApiError> {
    state.write(|w| Ok(members::merge_tags(w, from, into)?))
}

#[tauri::command(async)]
pub fn delete_tag(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(members::delete_tag(w, id)?))
}

#[tauri::command(async)]
pub fn list_fields(state: State<'_, Session>) -> Result<Vec<CustomField>, ApiError> {
    state.read(|c| Ok(members::list_fields(c)?))
}

#[tauri::command(async)]
pub fn create_field(state: State<'_, Session>, name: String) -> Result<CustomField, ApiError> {
    state.write(|w| Ok(members::create_field(w, &name)?))
}

#[tauri::command(async)]
pub fn delete_field(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(members::delete_field(w, id)?))
}

#[tauri::command(async)]
pub fn list_segments(state: State<'_, Session>) -> Result<Vec<Segment>, ApiError> {
    state.read(|c| Ok(members::list_segments(c)?))
}

#[tauri::command(async)]
pub fn save_segment(
    state: State<'_, Session>,
    name: String,
    filter: MemberFilter,
) -> Result<Segment, ApiError> {
    state.write(|w| Ok(members::save_segment(w, &name, &filter, Utc::now())?))
}

#[tauri::command(async)]
pub fn delete_segment(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(members::delete_segment(w, id)?))
}

#[tauri::command(async)]
pub fn referral_tree(state: State<'_, Session>, member_id: i64) -> Result<Vec<Referral>, ApiError> {
    state.read(|c| Ok(members::referral_tree(c, member_id, 20)?))
}

/// Exists so the category list in the UI comes from the one Rust definition.
#[tauri::command]
pub fn member_categories() -> Vec<Category> {
    Category::ALL.to_vec()
}
