//! Campaigns (活动): a time-boxed push — fission (裂变), a guest share (嘉宾分享), holiday
//! marketing, a meetup, a check-in challenge… — with its groups, dates, goals, budget and bait
//! cost, and a source code that attributes the members it brings.
//!
//! A campaign can start from a playbook ([`playbooks`]) that expands, in the same write, into
//! a dated checklist, draft posts on the content calendar and scripts in the library, all
//! linked to it: moving its dates moves what is not posted or done yet ([`expand::shift`]), and
//! deleting it can keep or trash its posts. [`results`] counts what it brought: joins per day,
//! the invite leaderboard, goal progress, cost per member beside the owner's other channels,
//! and how many stayed.
mod expand;
pub mod milestones;
pub mod playbooks;
pub mod results;
mod retro;
mod store;
pub mod today;

pub use expand::{planned_moves, shift, CampaignMove};
pub use retro::{export_retro, RetroFormat};
pub use store::*;

use crate::validate::FieldError;

crate::sql_enum! {
    /// What kind of push it is.
    CampaignKind {
        Fission => "fission",
        GuestShare => "guest_share",
        Holiday => "holiday",
        Meetup => "meetup",
        CheckIn => "check_in",
        Prize => "prize",
        RedPacket => "red_packet",
        Custom => "custom",
    }
}

crate::sql_enum! {
    CampaignStatus {
        Planning => "planning",
        Running => "running",
        Done => "done",
        Reviewed => "reviewed",
    }
}

crate::sql_enum! {
    /// What a goal counts: joins and posts the book knows; attendance and conversions are
    /// entered by hand.
    Metric {
        Joins => "joins",
        Conversions => "conversions",
        Attendance => "attendance",
        Posts => "posts",
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("the campaign ends ({end}) before it starts ({start})")]
    EndBeforeStart { start: String, end: String },
    #[error("campaign {0} not found")]
    NotFound(String),
    #[error("a campaign named {0:?} already exists")]
    NameTaken(String),
    #[error("group {0} not found")]
    GroupNotFound(i64),
    #[error("there is no playbook named {0:?}")]
    NoPlaybook(String),
    /// A playbook step or post would land more than [`REACH_DAYS`] outside the campaign.
    #[error("{title:?} would fall on {date}, outside the campaign ({start} to {end})")]
    OutsideCampaign {
        title: String,
        date: String,
        start: String,
        end: String,
    },
    /// A date move would put a post that is not posted yet in the past.
    #[error("moving would put {title:?} on {date}, in the past")]
    IntoThePast { title: String, date: String },
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    #[error(transparent)]
    Script(#[from] crate::scripts::ScriptError),
    #[error(transparent)]
    Members(#[from] crate::members::MemberError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, CampaignError>;

/// How far before the start (preparation) or after the end (follow-up) a playbook may place
/// a step or a post.
pub const REACH_DAYS: i64 = 30;
