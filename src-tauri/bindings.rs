//! The TypeScript types of everything that crosses IPC (command arguments and results, and the
//! payloads of the `workspace-changed` and `job-progress` events), rendered from the Rust types
//! with ts-rs into one file, `ui/src/lib/bindings.ts`. The commands themselves are rendered
//! into `ui/src/lib/commands.ts` by `tests/bindings.rs`, which fails when either committed file
//! differs from what the Rust says (run it with `UPDATE_BINDINGS=1` to rewrite them).
use crate::api::calendar::{CalendarEvent, CalendarRange};
use crate::api::campaigns::{CampaignNumbers, CampaignPage};
use crate::api::scripts::ScriptSettings;
use crate::api::workspace::{Bootstrap, RestoreOutcome, WorkspaceStatus};
use crate::api::{ApiError, ErrorCode};
use crate::calendar::{
    CalendarFormat, ContentStatus, DayNote, FillReport, Item, ItemInput, PaceProblem, PaceWarning,
    PostLimits, Slot, SlotInput,
};
use crate::campaigns::milestones::Milestone;
use crate::campaigns::results::{
    CampaignResults, ChannelJoins, DayJoins, GoalProgress, Inviter, Retention,
};
use crate::campaigns::today::DueStep;
use crate::campaigns::{
    Campaign, CampaignGoal, CampaignGoalInput, CampaignInput, CampaignKind, CampaignMove,
    CampaignPost, CampaignStatus, CampaignStep, Metric,
};
use crate::groups::{
    Goal, GoalInput, Group, GroupCounts, GroupInput, GroupKind, GroupSummary, GroupView, Horizon,
    Platform, Stage, Threshold,
};
use crate::members::{
    BulkAction, Category, Channel, CustomField, FieldValue, Handle, HandleKind, Interaction,
    InteractionInput, JoinInput, Level, LevelInput, Member, MemberDetail, MemberFilter,
    MemberInput, MemberPage, MemberRef, MemberRow, MemberSort, MemberStatus, Membership,
    MembershipEdit, Note, PointsEntry, PointsInput, Referral, Segment, Selection, SortKey,
    StatusChange, TagRef, TagSummary,
};
use crate::progress::Step;
use crate::reminders::cadence::{Cadence, CadenceDue, CadenceInput};
use crate::reminders::spotlight::SpotlightItem;
use crate::reminders::today::{
    BirthdayItem, CadenceSection, ReminderSection, TodayView, WinbackItem, WinbackSection,
};
use crate::reminders::{Completed, Reminder, ReminderInput, Repeat, Snooze};
use crate::scripts::check::{Limit, WordHit};
use crate::scripts::fill::Filled;
use crate::scripts::template::{Builtin, Placeholder, Problem, ProblemKind};
use crate::scripts::welcome::{Newcomer, WelcomeGroup, WelcomeRule};
use crate::scripts::{
    Copy, CopyText, FillRequest, MemberMatch, Preview, Script, ScriptInput, ScriptQuery,
};
use crate::session::JobProgress;
use crate::settings::{Language, Settings, Theme};
use crate::store::backup::{BackupInfo, BackupKindTag};
use crate::store::{Area, Change, ChangeSet};
use crate::transfer::{
    DuplicatePolicy, ExportFormat, ImportOptions, ImportPreview, ImportReport, RowProblem, Target,
    TextEncoding,
};
use crate::validate::{FieldError, Rule};
use crate::webhooks::{Delivery, Webhook, WebhookInput, WebhookKind};
use ts_rs::{Config, TS};

/// Where the rendered file lives, relative to the package root.
pub const PATH: &str = "ui/src/lib/bindings.ts";

fn one<T: TS>(cfg: &Config, out: &mut String) {
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push_str("\n\n");
}

pub fn render() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types (src-tauri/bindings.rs). Do not edit by hand:\n\
         // run `UPDATE_BINDINGS=1 cargo test --test bindings` after changing them.\n\n",
    );
    macro_rules! all {
        ($($t:ty),+ $(,)?) => { $( one::<$t>(&cfg, &mut out); )+ };
    }
    all!(
        Platform,
        GroupKind,
        Threshold,
        Stage,
        Horizon,
        GroupView,
        Goal,
        GoalInput,
        GroupInput,
        Group,
        GroupSummary,
        GroupCounts,
        Rule,
        FieldError,
        Language,
        Theme,
        Settings,
        BackupKindTag,
        BackupInfo,
        ErrorCode,
        ApiError,
        WorkspaceStatus,
        Bootstrap,
        RestoreOutcome,
        MemberStatus,
        Category,
        HandleKind,
        Channel,
        Handle,
        FieldValue,
        MemberInput,
        TagRef,
        MemberRef,
        StatusChange,
        Membership,
        Member,
        CustomField,
        JoinInput,
        MembershipEdit,
        Note,
        Interaction,
        InteractionInput,
        PointsEntry,
        PointsInput,
        Level,
        LevelInput,
        TagSummary,
        Referral,
        MemberFilter,
        SortKey,
        MemberSort,
        MemberRow,
        MemberPage,
        Selection,
        BulkAction,
        Segment,
        MemberDetail,
        TextEncoding,
        Target,
        DuplicatePolicy,
        ImportOptions,
        RowProblem,
        ImportReport,
        ImportPreview,
        ExportFormat,
        Repeat,
        ReminderInput,
        Reminder,
        Snooze,
        Completed,
        CadenceInput,
        Cadence,
        CadenceDue,
        ReminderSection,
        BirthdayItem,
        CadenceSection,
        WinbackItem,
        WinbackSection,
        SpotlightItem,
        TodayView,
        WebhookKind,
        WebhookInput,
        Delivery,
        Webhook,
        Area,
        Change,
        ChangeSet,
        Step,
        JobProgress,
        ContentStatus,
        ItemInput,
        SlotInput,
        Slot,
        CalendarFormat,
        CalendarEvent,
        CalendarRange,
        DayNote,
        Item,
        PostLimits,
        PaceProblem,
        PaceWarning,
        FillReport,
        Builtin,
        Placeholder,
        ProblemKind,
        Problem,
        Limit,
        WordHit,
        Filled,
        ScriptInput,
        Script,
        ScriptQuery,
        Preview,
        FillRequest,
        CopyText,
        Copy,
        MemberMatch,
        Newcomer,
        WelcomeGroup,
        WelcomeRule,
        ScriptSettings,
        CampaignKind,
        CampaignStatus,
        Metric,
        CampaignGoalInput,
        CampaignInput,
        CampaignStep,
        CampaignGoal,
        CampaignPost,
        Campaign,
        CampaignMove,
        DayJoins,
        Inviter,
        GoalProgress,
        ChannelJoins,
        Retention,
        CampaignResults,
        CampaignNumbers,
        CampaignPage,
        DueStep,
        Milestone,
    );
    out.trim_end().to_string() + "\n"
}
