//! The TypeScript types of everything that crosses IPC, rendered from the Rust types with
//! ts-rs into one file, `ui/src/lib/bindings.ts`. The test `tests/bindings.rs` fails when the
//! committed file differs from what the Rust types say (run it with `UPDATE_BINDINGS=1` to
//! rewrite the file).
use crate::api::workspace::{Bootstrap, RestoreOutcome, WorkspaceStatus};
use crate::api::{ApiError, ErrorCode};
use crate::groups::{
    FieldError, Goal, GoalInput, Group, GroupCounts, GroupInput, GroupKind, GroupSummary,
    GroupView, Horizon, Platform, Rule, Stage, Threshold,
};
use crate::settings::{Language, Settings, Theme};
use crate::store::backup::{BackupInfo, BackupKindTag};
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
    );
    out.trim_end().to_string() + "\n"
}
