//! Everything the member page shows, read in one go (the caller runs it in one read
//! transaction, so the profile, notes and ledger agree with each other).
use super::{
    get, list_fields, list_interactions, list_notes, list_points, list_trashed_notes, CustomField,
    Interaction, Member, Note, PointsEntry, Result,
};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

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

pub fn detail(conn: &Connection, id: i64) -> Result<MemberDetail> {
    Ok(MemberDetail {
        member: get(conn, id)?,
        notes: list_notes(conn, id)?,
        trashed_notes: list_trashed_notes(conn, id)?.len() as u32,
        interactions: list_interactions(conn, id)?,
        points: list_points(conn, id)?,
        fields: list_fields(conn)?,
    })
}
