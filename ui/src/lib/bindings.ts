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
export type Rule = { "rule": "required" } | { "rule": "too_long", max: number, } | { "rule": "out_of_range", min: number, max: number, } | { "rule": "invalid_date" } | { "rule": "invalid" } | { "rule": "unknown" } | { "rule": "too_many", max: number, } | { "rule": "taken" } | { "rule": "control_chars" };

/**
 * A refused field: `field` is the form's field name, `goals.2.title` for nested ones.
 */
export type FieldError = { field: string, } & ({ "rule": "required" } | { "rule": "too_long", max: number, } | { "rule": "out_of_range", min: number, max: number, } | { "rule": "invalid_date" } | { "rule": "invalid" } | { "rule": "unknown" } | { "rule": "too_many", max: number, } | { "rule": "taken" } | { "rule": "control_chars" });

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
 * Automatic backups kept in tiers, as Anki keeps them: the newest copy of each of the last
 * `backup_keep` days (1–90), then one per week for `backup_weeks` weeks (0–52), then one
 * per month for `backup_months` months (0–24).
 */
backup_keep: number, backup_weeks: number, backup_months: number, sidebar_collapsed: boolean, 
/**
 * The IANA zone plans are made in; empty follows the operating system's.
 */
time_zone: string, 
/**
 * `HH:MM`: when all-day follow-ups and the daily digest fire, and "snooze until tomorrow".
 */
morning_time: string, 
/**
 * `HH:MM`: "snooze until this evening".
 */
evening_time: string, 
/**
 * Birthdays show this many days ahead (0–30), and on the day.
 */
birthday_lead_days: number, 
/**
 * Members quiet for longer than this many days (7–365) are listed for win-back.
 */
winback_days: number, 
/**
 * Closing the window keeps GroupDesk in the tray, so reminders still fire.
 */
keep_in_tray: boolean, 
/**
 * Start GroupDesk (in the tray) when the user logs in.
 */
start_at_login: boolean, };

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
export type ErrorCode = "validation" | "not_found" | "conflict" | "workspace" | "workspace_unavailable" | "storage" | "cancelled";

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
fields: Array<FieldError>, 
/**
 * Values the sentence names (`{limit}`, `{row}`…).
 */
params: { [key in string]: string }, };

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
export type Bootstrap = { workspace: WorkspaceStatus, settings: Settings, groups: Array<GroupSummary>, counts: GroupCounts, version: string, 
/**
 * Set only when a benchmark launched the app (`GROUPDESK_STARTUP_PROBE`): `members` asks
 * the UI to open the member list, scroll it and search before reporting ready.
 */
probe: string | null, 
/**
 * A new workspace (no group, no member): the window opens on the first-run welcome.
 */
first_run: boolean, 
/**
 * When this is the sample workspace: the folder it was opened from (the way back).
 */
sample_home: string | null, };

export type RestoreOutcome = { 
/**
 * The copy of the workspace taken just before restoring, so the restore can be undone.
 */
safety_backup: string | null, workspace: WorkspaceStatus, };

/**
 * A member's standing in one group: in the group, left (退群), removed (踢出), blacklisted (拉黑).
 */
export type MemberStatus = "in_group" | "left" | "removed" | "blacklisted";

/**
 * 会员分类: active, silent (lurker), contributor, paying, admin, core/KOL.
 */
export type Category = "active" | "silent" | "contributor" | "paying" | "admin" | "core";

/**
 * Where a contact handle lives.
 */
export type HandleKind = "wechat" | "wecom" | "qq" | "telegram" | "discord" | "email" | "other";

/**
 * How a contact happened.
 */
export type Channel = "private_chat" | "group_chat" | "call" | "meeting" | "other";

export type Handle = { kind: HandleKind, value: string, };

/**
 * The value of one user-defined field.
 */
export type FieldValue = { field_id: number, value: string, };

/**
 * Everything the profile form edits.
 */
export type MemberInput = { nickname: string, 
/**
 * The in-group display name (群昵称), e.g. 名称+地区+职业.
 */
display_name: string, real_name: string, region: string, occupation: string, phone: string, 
/**
 * Where they came from: poster, friend invite, shop counter, QR code…
 */
source: string, 
/**
 * 邀请人: the member who invited them.
 */
invited_by: number | null, 
/**
 * As typed: `1990-03-05`, `03-05`, `3月5日`, `1990年3月5日`; empty for none.
 */
birthday: string, handles: Array<Handle>, fields: Array<FieldValue>, 
/**
 * Tag names; unknown names become new tags.
 */
tags: Array<string>, };

export type TagRef = { id: number, name: string, color: number, };

export type MemberRef = { id: number, nickname: string, };

export type StatusChange = { status: MemberStatus, reason: string, at: string, };

/**
 * A member's place in one group.
 */
export type Membership = { group_id: number, group_name: string, group_color: number, 
/**
 * `YYYY-MM-DD`.
 */
joined_on: string | null, status: MemberStatus, category: Category, role: string, points: number, 
/**
 * The highest level of the group whose threshold the points reach.
 */
level: string | null, 
/**
 * Oldest first.
 */
history: Array<StatusChange>, };

/**
 * A member as the detail view shows it (notes, points and interactions load separately).
 */
export type Member = { id: number, nickname: string, display_name: string, real_name: string, region: string, occupation: string, phone: string, source: string, invited_by: MemberRef | null, 
/**
 * `MM-DD`.
 */
birth_md: string | null, birth_year: number | null, 
/**
 * 0 a solar birthday, 1 a lunar (农历) month-day in `birth_md`, 2 one of a leap month.
 */
birth_lunar: number, handles: Array<Handle>, fields: Array<FieldValue>, tags: Array<TagRef>, memberships: Array<Membership>, invitee_count: number, last_contact_at: string | null, created_at: string, updated_at: string, deleted_at: string | null, };

/**
 * A user-defined member field ("会员卡号").
 */
export type CustomField = { id: number, name: string, };

/**
 * What the "add to group" form sends.
 */
export type JoinInput = { group_id: number, 
/**
 * `YYYY-MM-DD`; none when unknown.
 */
joined_on: string | null, category: Category, role: string, };

/**
 * Edits that do not change the status (category, role, join date).
 */
export type MembershipEdit = { joined_on: string | null, category: Category, role: string, };

export type Note = { id: number, member_id: number, body: string, pinned: boolean, created_at: string, updated_at: string, deleted_at: string | null, };

export type Interaction = { id: number, member_id: number, at: string, channel: Channel, summary: string, };

/**
 * What the "log a contact" form sends.
 */
export type InteractionInput = { 
/**
 * An RFC 3339 instant the user picked; none for "now" (the app stamps it).
 */
at: string | null, channel: Channel, summary: string, };

export type PointsEntry = { id: number, group_id: number, group_name: string, amount: number, reason: string, at: string, };

export type PointsInput = { group_id: number, amount: number, reason: string, };

export type Level = { id: number, name: string, min_points: number, };

export type LevelInput = { name: string, min_points: number, };

export type TagSummary = { id: number, name: string, color: number, 
/**
 * Members (not in the trash) carrying it.
 */
count: number, };

/**
 * One member in a referral tree, with how deep under the root they are (1 = invited by it).
 */
export type Referral = { id: number, nickname: string, depth: number, invited_by: number, 
/**
 * How many they invited themselves.
 */
invitee_count: number, };

/**
 * Which members a list shows. Every condition set must hold.
 */
export type MemberFilter = { 
/**
 * Search text: names, handles, phone, tags, notes; Chinese substrings, pinyin, English.
 */
query: string, 
/**
 * Only members of this group; status, category, level and join dates then apply to
 * their membership there (otherwise to any of their memberships).
 */
group_id: number | null, statuses: Array<MemberStatus>, categories: Array<Category>, 
/**
 * Members carrying every one of these tags.
 */
tag_ids: Array<number>, 
/**
 * Members carrying at least one of these tags.
 */
any_tag_ids: Array<number>, 
/**
 * Members carrying none of these tags ("新人 but not 老客户").
 */
none_tag_ids: Array<number>, 
/**
 * A level of the chosen group.
 */
level_id: number | null, source: string | null, 
/**
 * `YYYY-MM-DD`, inclusive.
 */
joined_from: string | null, joined_to: string | null, birthday_this_month: boolean, 
/**
 * Not contacted for at least this many days (never contacted counts).
 */
not_contacted_days: number | null, 
/**
 * The trash instead of the live book.
 */
trash: boolean, };

export type SortKey = "name" | "created" | "last_contact" | "birthday" | "joined" | "points";

export type MemberSort = { key: SortKey, desc: boolean, };

/**
 * One line of the member list.
 */
export type MemberRow = { id: number, nickname: string, display_name: string, real_name: string, region: string, phone: string, source: string, tag_ids: Array<number>, 
/**
 * Groups they are in (status "in group").
 */
group_count: number, 
/**
 * Their membership in the filtered group, when the list is filtered by one.
 */
status: MemberStatus | null, category: Category | null, points: number | null, level: string | null, joined_on: string | null, birth_md: string | null, last_contact_at: string | null, created_at: string, deleted_at: string | null, };

/**
 * One page of the list and how many members the filter matches in all.
 */
export type MemberPage = { rows: Array<MemberRow>, total: number, };

/**
 * Which members a bulk action applies to: the ticked rows, or everything the filter matches.
 */
export type Selection = { "kind": "ids", ids: Array<number>, } | { "kind": "filter", filter: MemberFilter, };

export type BulkAction = { "kind": "add_tag", name: string, } | { "kind": "remove_tag", tag_id: number, } | { "kind": "set_category", group_id: number, category: Category, } | { "kind": "set_status", group_id: number, status: MemberStatus, reason: string, } | { "kind": "add_to_group", group_id: number, category: Category, } | { "kind": "trash" } | { "kind": "restore" };

/**
 * A saved filter (分组/人群), e.g. "本月生日的核心成员".
 */
export type Segment = { id: number, name: string, 
/**
 * None when the stored filter no longer reads (a damaged or foreign value): the UI says
 * so and offers to delete it; it never stands for "every member".
 */
filter: MemberFilter | null, };

export type MemberDetail = { member: Member, notes: Array<Note>, trashed_notes: number, interactions: Array<Interaction>, points: Array<PointsEntry>, 
/**
 * The user-defined fields, to name the member's values.
 */
fields: Array<CustomField>, };

export type TextEncoding = "auto" | "utf8" | "gbk" | "utf16le" | "utf16be";

export type Target = { "kind": "nickname" } | { "kind": "display_name" } | { "kind": "real_name" } | { "kind": "region" } | { "kind": "occupation" } | { "kind": "phone" } | { "kind": "handle", handle: HandleKind, } | { "kind": "source" } | { "kind": "invited_by" } | { "kind": "birthday" } | { "kind": "joined_on" } | { "kind": "tags" } | { "kind": "note" } | { "kind": "category" } | { "kind": "status" } | { "kind": "role" } | { "kind": "field", field_id: number, };

export type DuplicatePolicy = "merge" | "skip";

export type ImportOptions = { 
/**
 * Add everyone to this group (join date, category and status columns apply to it).
 */
group_id: number | null, duplicates: DuplicatePolicy, 
/**
 * Import the good rows and leave out the bad ones (otherwise any bad row stops it all).
 */
skip_invalid: boolean, 
/**
 * Check everything and change nothing.
 */
dry_run: boolean, };

/**
 * A problem with one row: `key` names the sentence in the UI catalogue (`import.bad_date`…).
 */
export type RowProblem = { 
/**
 * As the spreadsheet numbers it: the header is row 1.
 */
row: number, column: string, key: string, value: string, };

export type ImportReport = { rows: number, created: number, merged: number, skipped_duplicates: number, skipped_invalid: number, 
/**
 * Rows that stop the import (or are left out with `skip_invalid`).
 */
problems: Array<RowProblem>, 
/**
 * Things done differently than the file says (an inviter not found…); not blocking.
 */
warnings: Array<RowProblem>, 
/**
 * Whether the workspace was changed.
 */
applied: boolean, };

/**
 * A file read for import: what the mapping step shows.
 */
export type ImportPreview = { 
/**
 * The encoding the text was read in (`UTF-8`, `GB18030`, `UTF-16LE`…; XLSX for sheets).
 */
encoding: string, headers: Array<string>, 
/**
 * The first rows, for the preview table.
 */
sample: Array<Array<string>>, 
/**
 * Warnings about the whole file (it mixes two encodings…).
 */
notes: Array<RowProblem>, row_count: number, 
/**
 * A guess for each column.
 */
mapping: Array<Target | null>, };

export type ExportFormat = "csv" | "xlsx";

/**
 * How a follow-up repeats, as the UI edits it.
 */
export type Repeat = { "kind": "days", every: number, } | { "kind": "weeks", every: number, weekdays: Array<number>, } | { "kind": "months", every: number, day: number, };

/**
 * What the follow-up form edits.
 */
export type ReminderInput = { member_id: number, 
/**
 * Why: "问问孩子考试结果", "续费提醒".
 */
reason: string, 
/**
 * `YYYY-MM-DD`, in the user's zone.
 */
due_date: string, 
/**
 * `HH:MM`, or none for "any time that day" (announced at the morning time).
 */
due_time: string | null, repeat: Repeat | null, };

export type Reminder = { id: number, member_id: number, nickname: string, reason: string, due_date: string, due_time: string | null, tz: string, repeat: Repeat | null, 
/**
 * When it fires (UTC, RFC 3339): the plan's instant, or the snooze's.
 */
fire_at: string, snoozed: boolean, done_at: string | null, done_note: string, created_at: string, };

/**
 * Where a snooze puts a reminder.
 */
export type Snooze = { "kind": "hour" } | { "kind": "evening" } | { "kind": "tomorrow" } | { "kind": "next_week" } | { "kind": "until", date: string, time: string | null, };

/**
 * What completing a follow-up did.
 */
export type Completed = { done: Reminder, 
/**
 * The next one, for a recurring follow-up.
 */
next: Reminder | null, };

export type CadenceInput = { group_id: number | null, category: Category | null, tag_id: number | null, every_days: number, };

export type Cadence = { id: number, group_id: number | null, group_name: string | null, category: Category | null, tag_id: number | null, tag_name: string | null, every_days: number, };

/**
 * A member past a cadence.
 */
export type CadenceDue = { member_id: number, nickname: string, last_contact_at: string | null, 
/**
 * Days since the last contact (or since added), beyond which the cadence asked for one.
 */
quiet_days: number, every_days: number, cadence_id: number, };

export type ReminderSection = { items: Array<Reminder>, total: number, };

export type BirthdayItem = { member_id: number, nickname: string, 
/**
 * `MM-DD`.
 */
birth_md: string, 
/**
 * 0 = today.
 */
in_days: number, 
/**
 * The age they turn, when the year is known.
 */
turns: number | null, 
/**
 * A lunar birthday (农历): its name ("三月初五", "闰四月初八"), celebrated this year on
 * the solar `MM-DD` in `birth_md`.
 */
lunar: string | null, 
/**
 * The lunar birthday as stored: `MM-DD`, and whether of a leap month.
 */
lunar_md: string | null, lunar_leap: boolean, 
/**
 * How a lunar birthday was placed this year when not as written: `leap_as_regular` (a
 * 闰月 birthday in a year without that leap month, in the ordinary month), `short_month`
 * (三十 in a 29-day month, on 廿九).
 */
shift: string | null, };

export type CadenceSection = { items: Array<CadenceDue>, total: number, };

export type WinbackItem = { member_id: number, nickname: string, last_contact_at: string | null, quiet_days: number, };

export type WinbackSection = { items: Array<WinbackItem>, 
/**
 * At most [`WINBACK_COUNT_CAP`]; `capped` says there are more.
 */
total: number, capped: boolean, days: number, };

export type SpotlightItem = { group_id: number, group_name: string, member_id: number, nickname: string, display_name: string, };

export type TodayView = { 
/**
 * The local date, `YYYY-MM-DD`.
 */
date: string, tz: string, overdue: ReminderSection, today: ReminderSection, 
/**
 * Tomorrow through 7 days from today.
 */
upcoming: ReminderSection, birthdays: Array<BirthdayItem>, cadence: CadenceSection, winback: WinbackSection, spotlight: Array<SpotlightItem>, };

/**
 * The service a webhook posts to; each wants its own JSON.
 */
export type WebhookKind = "wecom" | "dingtalk" | "feishu" | "slack" | "discord" | "json";

export type WebhookInput = { kind: WebhookKind, name: string, 
/**
 * The URL; none when editing keeps the saved one (the UI never receives it back).
 */
url: string | null, 
/**
 * Push follow-ups as they come due.
 */
reminders: boolean, 
/**
 * Push the daily digest at the morning time.
 */
digest: boolean, enabled: boolean, };

export type Delivery = { id: number, event: string, 
/**
 * `pending`, `sent` or `failed`.
 */
status: string, attempts: number, last_error: string, created_at: string, sent_at: string | null, };

/**
 * A webhook as the UI sees it: the URL only as a hint.
 */
export type Webhook = { id: number, kind: WebhookKind, name: string, 
/**
 * `https://qyapi.weixin.qq.com/…3f9a`.
 */
url_hint: string, reminders: boolean, digest: boolean, enabled: boolean, last: Delivery | null, };

/**
 * What part of the workspace a change touched; the UI's screens listen by area.
 */
export type Area = "groups" | "members" | "tags" | "fields" | "segments" | "levels" | "reminders" | "cadences" | "webhooks" | "settings" | "calendar" | "scripts" | "campaigns" | "workspace";

/**
 * One area and the ids changed in it (empty when the change is not about single rows, or
 * touched more than [`MAX_IDS`] of them).
 */
export type Change = { area: Area, ids: number[], };

/**
 * Everything one committed write changed.
 */
export type ChangeSet = { changes: Array<Change>, };

/**
 * The step a job is at; the UI names each in the user's language (`job.step.<step>`).
 */
export type Step = "reading" | "writing" | "indexing" | "copying" | "verifying";

/**
 * One progress report, as the window receives it (event `job-progress`).
 */
export type JobProgress = { job: string, step: Step, done: number, total: number, };

/**
 * Where a post stands: idea → draft → review (审批) → approved → scheduled → posted, or
 * skipped with a reason.
 */
export type ContentStatus = "idea" | "draft" | "review" | "approved" | "scheduled" | "posted" | "skipped";

export type ItemInput = { kind: string, title: string, body: string, groups: number[], 
/**
 * `YYYY-MM-DD`, and `HH:MM` or none for a day without a time.
 */
planned_date: string, planned_time: string | null, tz: string, status: ContentStatus, 
/**
 * The slot occurrence this item fills (its rule date).
 */
slot_id: number | null, slot_date: string | null, };

/**
 * A slot as the form or the command line gives it.
 */
export type SlotInput = { group_id: number, title: string, 
/**
 * The content type of its posts (`morning_brief`, `share`…, or the owner's own).
 */
kind: string, 
/**
 * An RRULE without DTSTART, UNTIL or COUNT: `FREQ=WEEKLY;BYDAY=WE`.
 */
rule: string, 
/**
 * The first occurrence's wall-clock start: `YYYY-MM-DD HH:MM`.
 */
starts: string, 
/**
 * The IANA zone of the wall clock.
 */
tz: string, 
/**
 * The last day (inclusive), or a number of occurrences.
 */
until: string | null, count: number | null, 
/**
 * Skip mainland holidays and add 调休 workdays.
 */
cn_workdays: boolean, };

export type Slot = { id: number, group_id: number, group_name: string, title: string, kind: string, rule: string, 
/**
 * `YYYY-MM-DDTHH:MM` in `tz`.
 */
starts_local: string, tz: string, until: string | null, count: number | null, cn_workdays: boolean, };

export type CalendarFormat = "ics" | "xlsx" | "csv" | "html";

/**
 * One thing on the calendar, as the calendar component shows it.
 */
export type CalendarEvent = { 
/**
 * `item-5`, or `slot-3-2026-12-02` for an open slot.
 */
id: string, item_id: number | null, slot_id: number | null, rule_date: string | null, title: string, body: string, date: string, 
/**
 * `HH:MM` on the entry's wall clock, or null for a day without a time.
 */
time: string | null, group_ids: number[], groups: Array<string>, content_type: string, 
/**
 * Null for an open slot.
 */
status: string | null, };

/**
 * A range of the calendar: its entries and the posting-pace warnings about them (worked out
 * from the same entries, so the range is expanded once).
 */
export type CalendarRange = { events: Array<CalendarEvent>, warnings: Array<PaceWarning>, };

export type DayNote = { date: string, 
/**
 * `初五`, or the month (`十月`, `闰六月`) on its first day.
 */
lunar: string, 
/**
 * The solar term starting that day (`冬至`).
 */
term: string | null, 
/**
 * A holiday (`国庆节`) or, with `workday`, the holiday a weekend day is worked for.
 */
holiday: string | null, workday: boolean, 
/**
 * `双12`, `618`…
 */
commerce: string | null, 
/**
 * No holiday schedule is loaded for this year.
 */
unknown: boolean, };

/**
 * One item as the edit form loads it.
 */
export type Item = { id: number, input: ItemInput, approved_by: string, approved_at: string | null, posted_at: string | null, skip_reason: string, notes: string, };

/**
 * A group's posting pace; `None` everywhere means no limit.
 */
export type PostLimits = { group_id: number, max_per_day: number | null, 
/**
 * `HH:MM`; a span may cross midnight (22:00 → 08:00).
 */
quiet_from: string | null, quiet_to: string | null, };

export type PaceProblem = "too_many" | "quiet";

/**
 * One warning: a group's day over its most, or one post in its quiet hours.
 */
export type PaceWarning = { problem: PaceProblem, date: string, group_id: number, group: string, 
/**
 * Posts that day (too many), with the most allowed.
 */
count: number, max: number, 
/**
 * The quiet span (quiet), `HH:MM–HH:MM`.
 */
quiet: string, 
/**
 * The calendar ids (`item-5`, `slot-3-2026-12-02`) the warning is about.
 */
entries: Array<string>, };

/**
 * What "fill next week" did.
 */
export type FillReport = { week_start: string, 
/**
 * Draft posts created from open slot occurrences.
 */
filled: number, 
/**
 * Day themes carried over from the week before.
 */
themes: number, };

/**
 * A placeholder the app fills itself: its stored (Chinese) and English names.
 */
export type Builtin = "nickname" | "call_name" | "group" | "rules" | "announcement" | "name_format" | "inviter" | "days_in_group" | "birthday" | "today" | "owner" | "group_size";

/**
 * A placeholder the editor's picker offers.
 */
export type Placeholder = { 
/**
 * As stored and shown in the Chinese UI (`昵称`, or a custom field's name).
 */
name: string, 
/**
 * As shown in the English UI (`nickname`; a custom field keeps its name).
 */
english: string, builtin: Builtin | null, };

/**
 * Why a placeholder was refused.
 */
export type ProblemKind = "unknown" | "unclosed" | "empty";

/**
 * One refused placeholder: where it is (characters from the start) and what it says.
 */
export type Problem = { kind: ProblemKind, at: number, len: number, 
/**
 * The name as written (empty for an unclosed brace).
 */
name: string, };

/**
 * How a platform counts a message, and how long one may be.
 */
export type Limit = { 
/**
 * The longest message, in the platform's units; none for "other".
 */
max: number | null, 
/**
 * Telegram counts UTF-16 code units (an emoji outside the BMP is two); the others
 * count characters. None counts bytes.
 */
utf16: boolean, };

/**
 * One sensitive word found in a text: the word and its place (characters from the start).
 */
export type WordHit = { word: string, at: number, len: number, 
/**
 * 1-based line and column (characters), for the message.
 */
line: number, column: number, };

/**
 * One filled text.
 */
export type Filled = { 
/**
 * The member it was filled for (none for a batch message or a script without one).
 */
member_id: number | null, nickname: string, text: string, 
/**
 * Placeholders (stored names) that had no value and no fallback, so were left empty.
 */
missing: Array<string>, };

export type ScriptInput = { 
/**
 * One of [`BUILTIN_KINDS`] or the owner's own kind.
 */
kind: string, name: string, 
/**
 * None: shared by every group.
 */
group_id: number | null, 
/**
 * None: for any platform.
 */
platform: Platform | null, body: string, is_default: boolean, };

export type Script = { id: number, kind: string, name: string, group_id: number | null, group_name: string | null, platform: Platform | null, 
/**
 * As stored: placeholders under their Chinese names.
 */
body: string, is_default: boolean, deleted_at: string | null, created_at: string, updated_at: string, };

/**
 * What the library lists.
 */
export type ScriptQuery = { 
/**
 * Text, or pinyin (full or initials), of the name and body.
 */
query: string, kind: string | null, 
/**
 * Scripts of this group and the shared ones.
 */
group_id: number | null, trash: boolean, };

/**
 * The editor's live view of a text (saved or not): filled for a member and group, its
 * length against the platform's limit, the placeholders it refuses and the flagged words.
 */
export type Preview = { filled: Filled, problems: Array<Problem>, words: Array<WordHit>, 
/**
 * Of the filled text, as the platform counts.
 */
length: number, limit: number | null, platform: Platform | null, };

/**
 * What to fill: a script by id, or the best script of a kind for the group and platform.
 */
export type FillRequest = { script_id: number | null, 
/**
 * Used when `script_id` is none.
 */
kind: string, group_id: number | null, 
/**
 * None: the group's platform.
 */
platform: Platform | null, member_ids: number[], 
/**
 * One text naming everyone instead of one text each.
 */
together: boolean, };

/**
 * One filled text with its length as the platform counts it.
 */
export type CopyText = { length: number, 
/**
 * The member it was filled for (none for a batch message or a script without one).
 */
member_id: number | null, nickname: string, text: string, 
/**
 * Placeholders (stored names) that had no value and no fallback, so were left empty.
 */
missing: Array<string>, };

/**
 * The filled texts, ready for the clipboard, and what the owner should know first.
 */
export type Copy = { 
/**
 * None: the app's own welcome (the group has no welcome script yet).
 */
script_id: number | null, kind: string, platform: Platform | null, limit: number | null, texts: Array<CopyText>, 
/**
 * Flagged words in the script (the same in every text).
 */
words: Array<WordHit>, };

/**
 * A member of a group found by name.
 */
export type MemberMatch = { id: number, nickname: string, display_name: string, real_name: string, };

/**
 * One newcomer as Today lists them, with their filled welcome.
 */
export type Newcomer = { member_id: number, nickname: string, joined_at: string, welcome: Filled, };

/**
 * One group's welcome section.
 */
export type WelcomeGroup = { group_id: number, group_name: string, color: number, platform: Platform, 
/**
 * The welcome script used; none: the app's default (the group has none of its own).
 */
script_id: number | null, newcomers: Array<Newcomer>, total: number, 
/**
 * One message welcoming every listed newcomer, @-mentioned.
 */
together: Filled, };

/**
 * A group's follow-up rule: after a welcome, check the introduction in `days` days (none:
 * off), with this reason (a script text; empty: the app's).
 */
export type WelcomeRule = { group_id: number, follow_up_days: number | null, reason: string, };

/**
 * The library's settings: the sensitive-word list (one a line) and the name `{群主}` fills.
 */
export type ScriptSettings = { words: string, owner_name: string, };

/**
 * What kind of push it is.
 */
export type CampaignKind = "fission" | "guest_share" | "holiday" | "meetup" | "check_in" | "prize" | "red_packet" | "custom";

export type CampaignStatus = "planning" | "running" | "done" | "reviewed";

/**
 * What a goal counts: joins and posts the book knows; attendance and conversions are
 * entered by hand.
 */
export type Metric = "joins" | "conversions" | "attendance" | "posts";

export type CampaignGoalInput = { metric: Metric, target: number, };

/**
 * What the campaign form (and `campaign add`) gives.
 */
export type CampaignInput = { name: string, kind: CampaignKind, groups: number[], 
/**
 * `YYYY-MM-DD`; the end defaults to the event day, the event day to the start.
 */
start: string, end: string | null, event_date: string | null, 
/**
 * The owner's IANA zone (posts are planned on its wall clock).
 */
tz: string, 
/**
 * In fen (分).
 */
budget_fen: number | null, bait_fen: number | null, source: string, 
/**
 * A shipped playbook (`guest_share`, `fission`, `holiday`, `check_in`) or the owner's own.
 */
playbook: string | null, goals: Array<CampaignGoalInput>, };

export type CampaignStep = { id: number, title: string, due: string, done: boolean, done_at: string | null, notes: string, };

export type CampaignGoal = { metric: Metric, target: number, 
/**
 * Entered by hand (attendance, conversions); joins and posts are counted.
 */
actual: number | null, };

export type CampaignPost = { id: number, title: string, date: string, time: string | null, status: ContentStatus, };

export type Campaign = { id: number, name: string, kind: CampaignKind, status: CampaignStatus, start: string, end: string, event_date: string, tz: string, group_ids: number[], groups: Array<string>, budget_fen: number | null, bait_fen: number | null, spent_fen: number | null, source: string, playbook: string | null, notes: string, worked: string, failed: string, change_next: string, goals: Array<CampaignGoal>, checklist: Array<CampaignStep>, posts: Array<CampaignPost>, deleted_at: string | null, };

/**
 * One thing a date move moves.
 */
export type CampaignMove = { 
/**
 * `post` or `step`.
 */
what: string, id: number, title: string, from: string, to: string, };

export type DayJoins = { date: string, joins: number, };

export type Inviter = { member_id: number, nickname: string, invited: number, };

export type GoalProgress = { metric: Metric, target: number, 
/**
 * None: a figure the book cannot know and the owner has not entered.
 */
actual: number | null, };

/**
 * Another way members arrived over the same days.
 */
export type ChannelJoins = { 
/**
 * The members' source as written (empty: none recorded).
 */
source: string, joins: number, 
/**
 * When a campaign had this source as its code: its cost per member, in fen.
 */
cost_per_member_fen: number | null, };

export type Retention = { 
/**
 * Joined long enough ago to be counted at 7 (30) days, and of those, still in the group.
 */
eligible_7: number, stayed_7: number, eligible_30: number, stayed_30: number, };

export type CampaignResults = { joins: number, by_source: number, by_inviter: number, per_day: Array<DayJoins>, leaderboard: Array<Inviter>, goals: Array<GoalProgress>, 
/**
 * What was spent: as entered, else the budget (the plan), else the bait's cost.
 */
spent_fen: number | null, cost_per_member_fen: number | null, channels: Array<ChannelJoins>, retention: Retention, posts_posted: number, status: CampaignStatus, };

/**
 * The numbers the book cannot know.
 */
export type CampaignNumbers = { spent_fen: number | null, attendance: number | null, conversions: number | null, };

/**
 * The campaign page: the campaign and its results, read together (one round trip, one read
 * of the campaign).
 */
export type CampaignPage = { campaign: Campaign, results: CampaignResults, };

/**
 * A checklist step as Today lists it.
 */
export type DueStep = { step_id: number, campaign_id: number, campaign: string, title: string, due: string, overdue: boolean, };

export type Milestone = { 
/**
 * What identifies it (`group:3:200`, `campaign:5:joins`), for "announced".
 */
key: string, group_id: number, group_name: string, 
/**
 * The size passed, or the campaign's target reached.
 */
reached: number, campaign: string | null, 
/**
 * The milestone script filled for the group (or the app's words when the library has
 * none).
 */
text: string, };
