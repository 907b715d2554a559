//! The member book (成员): people in the owner's groups, and everything "warm" operation needs
//! to remember about them — profile and contact handles, free fields, memberships per group
//! (join date, status with its history, category, role, points), tags, notes, the interaction
//! log ("last contacted") and who invited whom.
//!
//! A member is deleted into a trash (like groups and notes) and can be restored; only emptying
//! the trash removes rows. Every write takes the [`crate::store::Write`] handle, so what
//! belongs together commits as one, and the member's search document ([`search`]) is rebuilt
//! inside that transaction from whatever the write marked stale.

mod bulk;
mod detail;
mod filter;
pub mod list;
mod memberships;
mod notes;
mod points;
mod queries;
mod referrals;
pub mod search;
mod segments;
pub mod stored;
mod tags;
pub mod text;
mod validate;

pub use bulk::*;
pub use detail::{detail, MemberDetail};
pub use filter::*;
pub use list::*;
pub use memberships::*;
pub use notes::*;
pub use points::*;
pub use queries::*;
pub use referrals::*;
pub use segments::*;
pub use tags::*;
pub use validate::{birthday_text, parse_birthday, validate, Birthday, MAX_HANDLES};

use crate::validate::FieldError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

sql_enum!(
    /// A member's standing in one group: in the group, left (退群), removed (踢出), blacklisted (拉黑).
    MemberStatus {
        InGroup => "in_group",
        Left => "left",
        Removed => "removed",
        Blacklisted => "blacklisted",
    }
);

sql_enum!(
    /// 会员分类: active, silent (lurker), contributor, paying, admin, core/KOL.
    Category {
        Active => "active",
        Silent => "silent",
        Contributor => "contributor",
        Paying => "paying",
        Admin => "admin",
        Core => "core",
    }
);

sql_enum!(
    /// Where a contact handle lives.
    HandleKind {
        Wechat => "wechat",
        Wecom => "wecom",
        Qq => "qq",
        Telegram => "telegram",
        Discord => "discord",
        Email => "email",
        Other => "other",
    }
);

sql_enum!(
    /// How a contact happened.
    Channel {
        PrivateChat => "private_chat",
        GroupChat => "group_chat",
        Call => "call",
        Meeting => "meeting",
        Other => "other",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Handle {
    pub kind: HandleKind,
    pub value: String,
}

/// The value of one user-defined field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldValue {
    pub field_id: i64,
    pub value: String,
}

/// Everything the profile form edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct MemberInput {
    pub nickname: String,
    /// The in-group display name (群昵称), e.g. 名称+地区+职业.
    pub display_name: String,
    pub real_name: String,
    pub region: String,
    pub occupation: String,
    pub phone: String,
    /// Where they came from: poster, friend invite, shop counter, QR code…
    pub source: String,
    /// 邀请人: the member who invited them.
    pub invited_by: Option<i64>,
    /// As typed: `1990-03-05`, `03-05`, `3月5日`, `1990年3月5日`; empty for none.
    pub birthday: String,
    pub handles: Vec<Handle>,
    pub fields: Vec<FieldValue>,
    /// Tag names; unknown names become new tags.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TagRef {
    pub id: i64,
    pub name: String,
    pub color: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberRef {
    pub id: i64,
    pub nickname: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusChange {
    pub status: MemberStatus,
    pub reason: String,
    pub at: String,
}

/// A member's place in one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Membership {
    pub group_id: i64,
    pub group_name: String,
    pub group_color: u8,
    /// `YYYY-MM-DD`.
    pub joined_on: Option<String>,
    pub status: MemberStatus,
    pub category: Category,
    pub role: String,
    pub points: i64,
    /// The highest level of the group whose threshold the points reach.
    pub level: Option<String>,
    /// Oldest first.
    pub history: Vec<StatusChange>,
}

/// A member as the detail view shows it (notes, points and interactions load separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Member {
    pub id: i64,
    pub nickname: String,
    pub display_name: String,
    pub real_name: String,
    pub region: String,
    pub occupation: String,
    pub phone: String,
    pub source: String,
    pub invited_by: Option<MemberRef>,
    /// `MM-DD`.
    pub birth_md: Option<String>,
    pub birth_year: Option<i32>,
    /// 0 a solar birthday, 1 a lunar (农历) month-day in `birth_md`, 2 one of a leap month.
    pub birth_lunar: u8,
    pub handles: Vec<Handle>,
    pub fields: Vec<FieldValue>,
    pub tags: Vec<TagRef>,
    pub memberships: Vec<Membership>,
    pub invitee_count: u32,
    pub last_contact_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MemberError {
    #[error("the member is not valid: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("no member with id {0}")]
    NotFound(i64),
    #[error("no group with id {0}")]
    GroupNotFound(i64),
    #[error("the member is not in group {0}")]
    NotInGroup(i64),
    #[error("the member is already in group {0}")]
    AlreadyInGroup(i64),
    #[error("no note with id {0}")]
    NoteNotFound(i64),
    #[error("no tag with id {0}")]
    TagNotFound(i64),
    #[error("a tag named {0:?} already exists")]
    TagTaken(String),
    #[error("a saved filter named {0:?} already exists")]
    SegmentTaken(String),
    #[error("a field named {0:?} already exists")]
    FieldTaken(String),
    #[error("only a member in the trash can be deleted for good")]
    NotInTrash(i64),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("cancelled")]
    Cancelled(#[from] crate::progress::Cancelled),
}

pub type Result<T> = std::result::Result<T, MemberError>;

/// Maps "no rows" to the given not-found error.
pub(crate) fn found<T>(r: rusqlite::Result<T>, missing: MemberError) -> Result<T> {
    match r {
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(missing),
        other => Ok(other?),
    }
}
