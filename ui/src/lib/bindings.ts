// Generated from the Rust types (src-tauri/bindings.rs). Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test --test bindings` after changing them.

/**
 * Where the group lives.
 */
export type Platform = "wechat" | "wecom" | "qq" | "telegram" | "discord" | "other";

/**
 * What holds the group together (产品型/兴趣型/知识型/人脉型/营销型).
 */
export type GroupKind = "product" | "interest" | "knowledge" | "network" | "sales";

/**
 * How people get in (门槛).
 */
export type Threshold = "none" | "paid" | "invite" | "form" | "task";

/**
 * Where the group is in its life (初期 → 中期 → 成熟期 → 尾声).
 */
export type Stage = "new" | "growing" | "mature" | "winding_down";

/**
 * A goal's horizon: long-term, stage, short-term.
 */
export type Horizon = "long" | "stage" | "short";

/**
 * Which groups a list shows.
 */
export type GroupView = "active" | "archived" | "trash";

/**
 * A measurable goal of a group.
 */
export type Goal = { horizon: Horizon, title: string, target: number, 
/**
 * `YYYY-MM-DD`, or none for an open-ended goal.
 */
due_date: string | null, };

/**
 * A goal as typed into the form: the target may still be missing.
 */
export type GoalInput = { horizon: Horizon, title: string, target: number | null, due_date: string | null, };

/**
 * Everything the user edits about a group: the create and edit forms send this.
 */
export type GroupInput = { name: string, platform: Platform, kind: GroupKind, 
/**
 * Positioning: the theme, who it is for, why it exists.
 */
theme: string, audience: string, purpose: string, rules: string, announcement: string, threshold: Threshold, threshold_note: string, size_cap: number | null, naming_convention: string, stage: Stage, goals: Array<GoalInput>, };

/**
 * A stored group, as the detail view shows it.
 */
export type Group = { id: number, name: string, platform: Platform, kind: GroupKind, theme: string, audience: string, purpose: string, rules: string, announcement: string, threshold: Threshold, threshold_note: string, size_cap: number | null, naming_convention: string, stage: Stage, 
/**
 * Index into the UI's fixed palette of group colours (0–9).
 */
color: number, goals: Array<Goal>, archived_at: string | null, deleted_at: string | null, created_at: string, updated_at: string, };

/**
 * One row of the group list.
 */
export type GroupSummary = { id: number, name: string, platform: Platform, kind: GroupKind, stage: Stage, size_cap: number | null, color: number, theme: string, goal_count: number, archived_at: string | null, deleted_at: string | null, updated_at: string, };

/**
 * Counts for the sidebar and tabs.
 */
export type GroupCounts = { active: number, archived: number, trash: number, };

/**
 * Why a field was refused. The UI words each rule in the user's language.
 */
export type Rule = { "rule": "required" } | { "rule": "too_long", max: number, } | { "rule": "out_of_range", min: number, max: number, } | { "rule": "invalid_date" } | { "rule": "too_many", max: number, } | { "rule": "taken" };

/**
 * A refused field: `field` is the form's field name, `goals.2.title` for nested ones.
 */
export type FieldError = { field: string, } & ({ "rule": "required" } | { "rule": "too_long", max: number, } | { "rule": "out_of_range", min: number, max: number, } | { "rule": "invalid_date" } | { "rule": "too_many", max: number, } | { "rule": "taken" });

/**
 * The UI language. Simplified Chinese is the default.
 */
export type Language = "zh-CN" | "en";

/**
 * Light, dark, or follow the operating system.
 */
export type Theme = "system" | "light" | "dark";

export type Settings = { language: Language, theme: Theme, 
/**
 * How many automatic daily backups to keep (1–90).
 */
backup_keep: number, sidebar_collapsed: boolean, };

/**
 * What kind of copy a backup is, as the UI shows it.
 */
export type BackupKindTag = "auto" | "manual" | "pre_migration" | "pre_restore";

/**
 * One backup copy on disk.
 */
export type BackupInfo = { 
/**
 * The file name inside the backups folder; the handle to restore it by.
 */
name: string, kind: BackupKindTag, 
/**
 * When it was taken (UTC, RFC 3339).
 */
created_at: string, size_bytes: number, };

/**
 * What kind of failure, for the UI to branch on.
 */
export type ErrorCode = "validation" | "not_found" | "conflict" | "workspace" | "workspace_unavailable" | "storage";

export type ApiError = { code: ErrorCode, 
/**
 * The UI catalogue key of the sentence to show, e.g. `group.name_taken`.
 */
key: string, 
/**
 * An English description for logs and support; the UI shows `key` translated.
 */
message: string, 
/**
 * Field-level problems, for `validation`.
 */
fields: Array<FieldError>, };

export type WorkspaceStatus = { 
/**
 * The workspace folder.
 */
dir: string, 
/**
 * The database file inside it.
 */
file: string, open: boolean, schema_version: number | null, 
/**
 * Why the workspace could not be opened, when `open` is false.
 */
error: ApiError | null, };

/**
 * Everything the first screen needs, in one call, so the window shows data as soon as it can.
 */
export type Bootstrap = { workspace: WorkspaceStatus, settings: Settings, groups: Array<GroupSummary>, counts: GroupCounts, version: string, };

export type RestoreOutcome = { 
/**
 * The copy of the workspace taken just before restoring, so the restore can be undone.
 */
safety_backup: string | null, workspace: WorkspaceStatus, };
