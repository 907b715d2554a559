//! Bulk actions on a selection of members (tag, category, status, add to a group, trash,
//! restore): one transaction, through the same writes as the single-member forms.
use super::filter::{Clock, MemberFilter, MemberSort};
use super::memberships::{set_category, set_status, JoinInput};
use super::tags::{add_tag, ensure_tags, remove_tag};
use super::{ids, Category, MemberError, MemberStatus, Result};
use crate::store::Write;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which members a bulk action applies to: the ticked rows, or everything the filter matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Selection {
    Ids { ids: Vec<i64> },
    // Boxed: a filter is ten times the size of a list of ids.
    Filter { filter: Box<MemberFilter> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BulkAction {
    AddTag {
        name: String,
    },
    RemoveTag {
        tag_id: i64,
    },
    SetCategory {
        group_id: i64,
        category: Category,
    },
    SetStatus {
        group_id: i64,
        status: MemberStatus,
        reason: String,
    },
    AddToGroup {
        group_id: i64,
        category: Category,
    },
    Trash,
    Restore,
}

impl Selection {
    /// The selected members' ids, in list order for a filter.
    pub fn ids(&self, conn: &rusqlite::Connection, clock: &Clock) -> Result<Vec<i64>> {
        match self {
            Selection::Ids { ids } => Ok(ids.clone()),
            Selection::Filter { filter } => ids(conn, filter, MemberSort::default(), clock),
        }
    }
}

/// Applies one action to every selected member in one transaction; returns how many members
/// it changed.
pub fn bulk(tx: &Write, selection: &Selection, action: &BulkAction, clock: &Clock) -> Result<u32> {
    let ids = selection.ids(tx, clock)?;
    let mut changed = 0u32;
    match action {
        BulkAction::AddTag { name } => {
            let tag = *ensure_tags(tx, std::slice::from_ref(name))?
                .first()
                .ok_or_else(|| {
                    MemberError::Invalid(vec![crate::validate::FieldError::new(
                        "name",
                        crate::validate::Rule::Required,
                    )])
                })?;
            for id in &ids {
                changed += u32::from(add_tag(tx, *id, tag)?);
            }
        }
        BulkAction::RemoveTag { tag_id } => {
            for id in &ids {
                changed += u32::from(remove_tag(tx, *id, *tag_id)?);
            }
        }
        BulkAction::SetCategory { group_id, category } => {
            for id in &ids {
                changed += u32::from(set_category(tx, *id, *group_id, *category)?);
            }
        }
        BulkAction::SetStatus {
            group_id,
            status,
            reason,
        } => {
            for id in &ids {
                match set_status(tx, *id, *group_id, *status, reason, clock.now) {
                    Ok(c) => changed += u32::from(c),
                    Err(MemberError::NotInGroup(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        BulkAction::AddToGroup { group_id, category } => {
            let input = JoinInput {
                group_id: *group_id,
                joined_on: Some(clock.today.to_string()),
                category: *category,
                role: String::new(),
            };
            for id in &ids {
                match super::join(tx, *id, &input, clock.now) {
                    Ok(()) => changed += 1,
                    Err(MemberError::AlreadyInGroup(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        BulkAction::Trash => changed = super::trash(tx, &ids, clock.now)? as u32,
        BulkAction::Restore => changed = super::restore(tx, &ids, clock.now)? as u32,
    }
    Ok(changed)
}
