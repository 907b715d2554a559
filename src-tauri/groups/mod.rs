//! Groups (社群): the chat groups an owner runs, with their positioning (定位), rules (群规),
//! announcement (群公告), entry threshold (门槛), size cap, naming convention, lifecycle stage
//! and measurable goals (长期/阶段性/短期目标).
//!
//! A group is archived when it is finished but worth keeping (it leaves the main list), and
//! deleted into a trash from which it can be restored; only emptying the trash removes rows.
//! Names are unique among groups not in the trash, because later features (imports, the
//! command line) find a group by its name.

mod queries;
mod validate;

pub use queries::*;
pub use validate::{validate, MAX_GOALS};

use crate::validate::FieldError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

sql_enum!(
    /// Where the group lives.
    Platform {
        Wechat => "wechat",
        Wecom => "wecom",
        Qq => "qq",
        Telegram => "telegram",
        Discord => "discord",
        Other => "other",
    }
);

sql_enum!(
    /// What holds the group together (产品型/兴趣型/知识型/人脉型/营销型).
    GroupKind {
        Product => "product",
        Interest => "interest",
        Knowledge => "knowledge",
        Network => "network",
        Sales => "sales",
    }
);

sql_enum!(
    /// How people get in (门槛).
    Threshold {
        None => "none",
        Paid => "paid",
        Invite => "invite",
        Form => "form",
        Task => "task",
    }
);

sql_enum!(
    /// Where the group is in its life (初期 → 中期 → 成熟期 → 尾声).
    Stage {
        New => "new",
        Growing => "growing",
        Mature => "mature",
        WindingDown => "winding_down",
    }
);

sql_enum!(
    /// A goal's horizon: long-term, stage, short-term.
    Horizon {
        Long => "long",
        Stage => "stage",
        Short => "short",
    }
);

/// Which groups a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GroupView {
    Active,
    Archived,
    Trash,
}

/// A measurable goal of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Goal {
    pub horizon: Horizon,
    pub title: String,
    #[ts(type = "number")]
    pub target: i64,
    /// `YYYY-MM-DD`, or none for an open-ended goal.
    pub due_date: Option<String>,
}

/// A goal as typed into the form: the target may still be missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GoalInput {
    pub horizon: Horizon,
    pub title: String,
    #[ts(type = "number | null")]
    pub target: Option<i64>,
    pub due_date: Option<String>,
}

/// Everything the user edits about a group: the create and edit forms send this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupInput {
    pub name: String,
    pub platform: Platform,
    pub kind: GroupKind,
    /// Positioning: the theme, who it is for, why it exists.
    pub theme: String,
    pub audience: String,
    pub purpose: String,
    pub rules: String,
    pub announcement: String,
    pub threshold: Threshold,
    pub threshold_note: String,
    #[ts(type = "number | null")]
    pub size_cap: Option<i64>,
    pub naming_convention: String,
    pub stage: Stage,
    pub goals: Vec<GoalInput>,
}

impl GroupInput {
    /// A group with only a name and a platform (the command line's `group add`; the rest is
    /// filled in the app).
    pub fn named(name: &str, platform: Platform) -> GroupInput {
        GroupInput {
            name: name.to_string(),
            platform,
            kind: GroupKind::Interest,
            theme: String::new(),
            audience: String::new(),
            purpose: String::new(),
            rules: String::new(),
            announcement: String::new(),
            threshold: Threshold::None,
            threshold_note: String::new(),
            size_cap: None,
            naming_convention: String::new(),
            stage: Stage::New,
            goals: Vec::new(),
        }
    }
}

/// A stored group, as the detail view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Group {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub platform: Platform,
    pub kind: GroupKind,
    pub theme: String,
    pub audience: String,
    pub purpose: String,
    pub rules: String,
    pub announcement: String,
    pub threshold: Threshold,
    pub threshold_note: String,
    #[ts(type = "number | null")]
    pub size_cap: Option<i64>,
    pub naming_convention: String,
    pub stage: Stage,
    /// Index into the UI's fixed palette of group colours (0–9).
    pub color: u8,
    pub goals: Vec<Goal>,
    pub archived_at: Option<String>,
    pub deleted_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of the group list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub platform: Platform,
    pub kind: GroupKind,
    pub stage: Stage,
    #[ts(type = "number | null")]
    pub size_cap: Option<i64>,
    pub color: u8,
    pub theme: String,
    pub goal_count: u32,
    pub archived_at: Option<String>,
    pub deleted_at: Option<String>,
    pub updated_at: String,
}

/// Counts for the sidebar and tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct GroupCounts {
    pub active: u32,
    pub archived: u32,
    pub trash: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum GroupError {
    #[error("the group is not valid: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("no group with id {0}")]
    NotFound(i64),
    /// Restoring from the trash would clash with a live group's name.
    #[error("another group is already named {0:?}")]
    NameTaken(String),
    #[error("only a group in the trash can be deleted for good")]
    NotInTrash(i64),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}
