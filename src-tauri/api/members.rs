//! Commands for the member book: the list, profiles, memberships, notes, interactions,
//! points and levels, tags, custom fields, saved filters and referrals.
use super::{ApiError, AppState};
use crate::groups::FieldError;
use crate::members::{
    self, BulkAction, Category, Clock, CustomField, Interaction, InteractionInput, JoinInput,
    Level, LevelInput, Member, MemberFilter, MemberInput, MemberPage, MemberSort, MemberStatus,
    MembershipEdit, Note, PointsEntry, PointsInput, Referral, Segment, Selection, TagRef,
    TagSummary,
};
use chrono::{Local, Utc};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

pub(crate) fn clock() -> Clock {
    Clock {
        today: Local::now().date_naive(),
        now: Utc::now(),
    }
}

#[tauri::command(async)]
pub fn list_members(
    state: State<'_, AppState>,
    filter: MemberFilter,
    sort: MemberSort,
    offset: u32,
    limit: u32,
) -> Result<MemberPage, ApiError> {
    state.with_store(|s| {
        Ok(members::page(
            s.conn(),
            &filter,
            sort,
            offset,
            limit,
            &clock(),
        )?)
    })
}

/// Everything the member detail view shows, in one call.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MemberDetail {
    pub member: Member,
    pub notes: Vec<Note>,
    pub trashed_notes: u32,
    pub interactions: Vec<Interaction>,
    pub points: Vec<PointsEntry>,
    /// The user-defined fields, to name the member's values.
    pub fields: Vec<CustomField>,
}

pub fn detail(conn: &rusqlite::Connection, id: i64) -> Result<MemberDetail, ApiError> {
    Ok(MemberDetail {
        member: members::get(conn, id)?,
        notes: members::list_notes(conn, id)?,
        trashed_notes: members::list_trashed_notes(conn, id)?.len() as u32,
        interactions: members::list_interactions(conn, id)?,
        points: members::list_points(conn, id)?,
        fields: members::list_fields(conn)?,
    })
}

#[tauri::command(async)]
pub fn open_member(state: State<'_, AppState>, id: i64) -> Result<MemberDetail, ApiError> {
    state.with_store(|s| detail(s.conn(), id))
}

#[tauri::command(async)]
pub fn validate_member(
    state: State<'_, AppState>,
    input: MemberInput,
    id: Option<i64>,
) -> Result<Vec<FieldError>, ApiError> {
    state.with_store(|s| Ok(members::check(s.conn(), &input, id)?))
}

#[tauri::command(async)]
pub fn create_member(state: State<'_, AppState>, input: MemberInput) -> Result<Member, ApiError> {
    state.with_store(|s| Ok(members::create(s.conn_mut(), &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn update_member(
    state: State<'_, AppState>,
    id: i64,
    input: MemberInput,
) -> Result<Member, ApiError> {
    state.with_store(|s| Ok(members::update(s.conn_mut(), id, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn bulk_members(
    state: State<'_, AppState>,
    selection: Selection,
    action: BulkAction,
) -> Result<u32, ApiError> {
    state.with_store(|s| Ok(members::bulk(s.conn_mut(), &selection, &action, &clock())?))
}

#[tauri::command(async)]
pub fn purge_member(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(members::purge(s.conn_mut(), id)?))
}

#[tauri::command(async)]
pub fn empty_member_trash(state: State<'_, AppState>) -> Result<u32, ApiError> {
    state.with_store(|s| Ok(members::empty_trash(s.conn_mut())? as u32))
}

#[tauri::command(async)]
pub fn join_group(
    state: State<'_, AppState>,
    member_id: i64,
    input: JoinInput,
) -> Result<Member, ApiError> {
    state.with_store(|s| {
        members::join(s.conn(), member_id, &input, Utc::now())?;
        Ok(members::get(s.conn(), member_id)?)
    })
}

#[tauri::command(async)]
pub fn set_member_status(
    state: State<'_, AppState>,
    member_id: i64,
    group_id: i64,
    status: MemberStatus,
    reason: String,
) -> Result<Member, ApiError> {
    state.with_store(|s| {
        members::set_status(s.conn(), member_id, group_id, status, &reason, Utc::now())?;
        Ok(members::get(s.conn(), member_id)?)
    })
}

#[tauri::command(async)]
pub fn edit_membership(
    state: State<'_, AppState>,
    member_id: i64,
    group_id: i64,
    edit: MembershipEdit,
) -> Result<Member, ApiError> {
    state.with_store(|s| {
        members::edit_membership(s.conn(), member_id, group_id, &edit)?;
        Ok(members::get(s.conn(), member_id)?)
    })
}

#[tauri::command(async)]
pub fn add_note(
    state: State<'_, AppState>,
    member_id: i64,
    body: String,
) -> Result<Note, ApiError> {
    state.with_store(|s| {
        Ok(members::add_note(
            s.conn_mut(),
            member_id,
            &body,
            Utc::now(),
        )?)
    })
}

#[tauri::command(async)]
pub fn edit_note(state: State<'_, AppState>, id: i64, body: String) -> Result<Note, ApiError> {
    state.with_store(|s| Ok(members::edit_note(s.conn_mut(), id, &body, Utc::now())?))
}

#[tauri::command(async)]
pub fn pin_note(state: State<'_, AppState>, id: i64, pinned: bool) -> Result<Note, ApiError> {
    state.with_store(|s| Ok(members::pin_note(s.conn_mut(), id, pinned)?))
}

#[tauri::command(async)]
pub fn trash_note(state: State<'_, AppState>, id: i64) -> Result<Note, ApiError> {
    state.with_store(|s| Ok(members::trash_note(s.conn_mut(), id, Utc::now())?))
}

#[tauri::command(async)]
pub fn restore_note(state: State<'_, AppState>, id: i64) -> Result<Note, ApiError> {
    state.with_store(|s| Ok(members::restore_note(s.conn_mut(), id)?))
}

#[tauri::command(async)]
pub fn list_trashed_notes(
    state: State<'_, AppState>,
    member_id: i64,
) -> Result<Vec<Note>, ApiError> {
    state.with_store(|s| Ok(members::list_trashed_notes(s.conn(), member_id)?))
}

#[tauri::command(async)]
pub fn log_interaction(
    state: State<'_, AppState>,
    member_id: i64,
    input: InteractionInput,
) -> Result<Interaction, ApiError> {
    state.with_store(|s| Ok(members::log_interaction(s.conn(), member_id, &input)?))
}

#[tauri::command(async)]
pub fn delete_interaction(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(members::delete_interaction(s.conn(), id)?))
}

#[tauri::command(async)]
pub fn add_points(
    state: State<'_, AppState>,
    member_id: i64,
    input: PointsInput,
) -> Result<PointsEntry, ApiError> {
    state.with_store(|s| {
        Ok(members::add_points(
            s.conn(),
            member_id,
            &input,
            Utc::now(),
        )?)
    })
}

#[tauri::command(async)]
pub fn delete_points(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(members::delete_points(s.conn(), id)?))
}

#[tauri::command(async)]
pub fn list_levels(state: State<'_, AppState>, group_id: i64) -> Result<Vec<Level>, ApiError> {
    state.with_store(|s| Ok(members::list_levels(s.conn(), group_id)?))
}

#[tauri::command(async)]
pub fn set_levels(
    state: State<'_, AppState>,
    group_id: i64,
    levels: Vec<LevelInput>,
) -> Result<Vec<Level>, ApiError> {
    state.with_store(|s| Ok(members::set_levels(s.conn_mut(), group_id, &levels)?))
}

#[tauri::command(async)]
pub fn list_tags(state: State<'_, AppState>) -> Result<Vec<TagSummary>, ApiError> {
    state.with_store(|s| Ok(members::list_tags(s.conn())?))
}

#[tauri::command(async)]
pub fn create_tag(state: State<'_, AppState>, name: String) -> Result<TagRef, ApiError> {
    state.with_store(|s| Ok(members::create_tag(s.conn(), &name)?))
}

#[tauri::command(async)]
pub fn rename_tag(state: State<'_, AppState>, id: i64, name: String) -> Result<TagRef, ApiError> {
    state.with_store(|s| Ok(members::rename_tag(s.conn(), id, &name)?))
}

#[tauri::command(async)]
pub fn merge_tags(state: State<'_, AppState>, from: i64, into: i64) -> Result<TagRef, ApiError> {
    state.with_store(|s| Ok(members::merge_tags(s.conn_mut(), from, into)?))
}

#[tauri::command(async)]
pub fn delete_tag(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(members::delete_tag(s.conn(), id)?))
}

#[tauri::command(async)]
pub fn list_fields(state: State<'_, AppState>) -> Result<Vec<CustomField>, ApiError> {
    state.with_store(|s| Ok(members::list_fields(s.conn())?))
}

#[tauri::command(async)]
pub fn create_field(state: State<'_, AppState>, name: String) -> Result<CustomField, ApiError> {
    state.with_store(|s| Ok(members::create_field(s.conn(), &name)?))
}

#[tauri::command(async)]
pub fn delete_field(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(members::delete_field(s.conn_mut(), id)?))
}

#[tauri::command(async)]
pub fn list_segments(state: State<'_, AppState>) -> Result<Vec<Segment>, ApiError> {
    state.with_store(|s| Ok(members::list_segments(s.conn())?))
}

#[tauri::command(async)]
pub fn save_segment(
    state: State<'_, AppState>,
    name: String,
    filter: MemberFilter,
) -> Result<Segment, ApiError> {
    state.with_store(|s| Ok(members::save_segment(s.conn(), &name, &filter, Utc::now())?))
}

#[tauri::command(async)]
pub fn delete_segment(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with_store(|s| Ok(members::delete_segment(s.conn(), id)?))
}

#[tauri::command(async)]
pub fn referral_tree(
    state: State<'_, AppState>,
    member_id: i64,
) -> Result<Vec<Referral>, ApiError> {
    state.with_store(|s| Ok(members::referral_tree(s.conn(), member_id, 20)?))
}

/// Exists so the category list in the UI comes from the one Rust definition.
#[tauri::command]
pub fn member_categories() -> Vec<Category> {
    Category::ALL.to_vec()
}
