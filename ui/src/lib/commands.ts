// Generated from the command list (src-tauri/api/mod.rs) and the command functions'
// signatures by tests/bindings.rs. Do not edit by hand: run
// `UPDATE_BINDINGS=1 cargo test --test bindings` after changing a command.
import { invoke } from "@tauri-apps/api/core";
import type {
  BackupInfo,
  Bootstrap,
  BulkAction,
  Cadence,
  CadenceInput,
  CalendarFormat,
  CalendarRange,
  Campaign,
  CampaignInput,
  CampaignMove,
  CampaignNumbers,
  CampaignPage,
  CampaignStatus,
  Category,
  Completed,
  ContentStatus,
  Copy,
  CustomField,
  DayNote,
  Delivery,
  DueStep,
  ExportFormat,
  FieldError,
  FillReport,
  FillRequest,
  Group,
  GroupCounts,
  GroupInput,
  GroupSummary,
  GroupView,
  ImportOptions,
  ImportPreview,
  ImportReport,
  Interaction,
  InteractionInput,
  Item,
  ItemInput,
  JoinInput,
  Level,
  LevelInput,
  Member,
  MemberDetail,
  MemberFilter,
  MemberInput,
  MemberMatch,
  MemberPage,
  MemberSort,
  MemberStatus,
  MembershipEdit,
  Milestone,
  Note,
  Placeholder,
  Platform,
  PointsEntry,
  PointsInput,
  PostLimits,
  Preview,
  Referral,
  Reminder,
  ReminderInput,
  RestoreOutcome,
  Script,
  ScriptInput,
  ScriptQuery,
  ScriptSettings,
  Segment,
  Selection,
  Settings,
  Slot,
  SlotInput,
  Snooze,
  TagRef,
  TagSummary,
  Target,
  TextEncoding,
  TodayView,
  Webhook,
  WebhookInput,
  WelcomeGroup,
  WelcomeRule,
  WorkspaceStatus,
} from "./bindings";

export const commands = {
  bootstrap: (): Promise<Bootstrap> =>
    invoke<Bootstrap>("bootstrap"),
  workspaceStatus: (): Promise<WorkspaceStatus> =>
    invoke<WorkspaceStatus>("workspace_status"),
  listBackups: (): Promise<BackupInfo[]> =>
    invoke<BackupInfo[]>("list_backups"),
  backupNow: (job: string): Promise<BackupInfo> =>
    invoke<BackupInfo>("backup_now", { job }),
  restoreBackup: (name: string): Promise<RestoreOutcome> =>
    invoke<RestoreOutcome>("restore_backup", { name }),
  recoverWorkspace: (backup: string | null): Promise<WorkspaceStatus> =>
    invoke<WorkspaceStatus>("recover_workspace", { backup }),
  openOtherWorkspace: (dir: string): Promise<null> =>
    invoke<null>("open_other_workspace", { dir }),
  openSampleWorkspace: (): Promise<null> =>
    invoke<null>("open_sample_workspace"),
  leaveSampleWorkspace: (): Promise<null> =>
    invoke<null>("leave_sample_workspace"),
  startupReady: (): Promise<null> =>
    invoke<null>("startup_ready"),
  probeTiming: (name: string, ms: number): Promise<null> =>
    invoke<null>("probe_timing", { name, ms }),
  todayView: (): Promise<TodayView> =>
    invoke<TodayView>("today_view"),
  memberReminders: (memberId: number): Promise<Reminder[]> =>
    invoke<Reminder[]>("member_reminders", { memberId }),
  validateReminder: (input: ReminderInput): Promise<FieldError[]> =>
    invoke<FieldError[]>("validate_reminder", { input }),
  createReminder: (input: ReminderInput): Promise<Reminder> =>
    invoke<Reminder>("create_reminder", { input }),
  updateReminder: (id: number, input: ReminderInput): Promise<Reminder> =>
    invoke<Reminder>("update_reminder", { id, input }),
  deleteReminder: (id: number): Promise<null> =>
    invoke<null>("delete_reminder", { id }),
  completeReminder: (id: number, note: string): Promise<Completed> =>
    invoke<Completed>("complete_reminder", { id, note }),
  snoozeReminder: (id: number, snooze: Snooze): Promise<Reminder> =>
    invoke<Reminder>("snooze_reminder", { id, snooze }),
  listCadences: (): Promise<Cadence[]> =>
    invoke<Cadence[]>("list_cadences"),
  createCadence: (input: CadenceInput): Promise<Cadence> =>
    invoke<Cadence>("create_cadence", { input }),
  deleteCadence: (id: number): Promise<null> =>
    invoke<null>("delete_cadence", { id }),
  snoozeCadence: (memberId: number, snooze: Snooze): Promise<null> =>
    invoke<null>("snooze_cadence", { memberId, snooze }),
  logContact: (memberId: number, summary: string): Promise<Interaction> =>
    invoke<Interaction>("log_contact", { memberId, summary }),
  removeQuietMembers: (memberIds: number[], reason: string): Promise<number> =>
    invoke<number>("remove_quiet_members", { memberIds, reason }),
  timeZones: (): Promise<[string[], string]> =>
    invoke<[string[], string]>("time_zones"),
  listWebhooks: (): Promise<Webhook[]> =>
    invoke<Webhook[]>("list_webhooks"),
  saveWebhook: (id: number | null, input: WebhookInput): Promise<Webhook> =>
    invoke<Webhook>("save_webhook", { id, input }),
  deleteWebhook: (id: number): Promise<null> =>
    invoke<null>("delete_webhook", { id }),
  webhookDeliveries: (id: number): Promise<Delivery[]> =>
    invoke<Delivery[]>("webhook_deliveries", { id }),
  testWebhook: (id: number): Promise<null> =>
    invoke<null>("test_webhook", { id }),
  listGroups: (view: GroupView): Promise<GroupSummary[]> =>
    invoke<GroupSummary[]>("list_groups", { view }),
  groupCounts: (): Promise<GroupCounts> =>
    invoke<GroupCounts>("group_counts"),
  getGroup: (id: number): Promise<Group> =>
    invoke<Group>("get_group", { id }),
  validateGroup: (input: GroupInput, id: number | null): Promise<FieldError[]> =>
    invoke<FieldError[]>("validate_group", { input, id }),
  createGroup: (input: GroupInput): Promise<Group> =>
    invoke<Group>("create_group", { input }),
  updateGroup: (id: number, input: GroupInput): Promise<Group> =>
    invoke<Group>("update_group", { id, input }),
  archiveGroup: (id: number, archived: boolean): Promise<Group> =>
    invoke<Group>("archive_group", { id, archived }),
  trashGroup: (id: number): Promise<null> =>
    invoke<null>("trash_group", { id }),
  restoreGroup: (id: number): Promise<Group> =>
    invoke<Group>("restore_group", { id }),
  purgeGroup: (id: number): Promise<null> =>
    invoke<null>("purge_group", { id }),
  emptyTrash: (): Promise<number> =>
    invoke<number>("empty_trash"),
  listMembers: (filter: MemberFilter, sort: MemberSort, offset: number, limit: number): Promise<MemberPage> =>
    invoke<MemberPage>("list_members", { filter, sort, offset, limit }),
  openMember: (id: number): Promise<MemberDetail> =>
    invoke<MemberDetail>("open_member", { id }),
  validateMember: (input: MemberInput, id: number | null): Promise<FieldError[]> =>
    invoke<FieldError[]>("validate_member", { input, id }),
  createMember: (input: MemberInput): Promise<Member> =>
    invoke<Member>("create_member", { input }),
  updateMember: (id: number, input: MemberInput): Promise<Member> =>
    invoke<Member>("update_member", { id, input }),
  bulkMembers: (selection: Selection, action: BulkAction): Promise<number> =>
    invoke<number>("bulk_members", { selection, action }),
  purgeMember: (id: number): Promise<null> =>
    invoke<null>("purge_member", { id }),
  emptyMemberTrash: (): Promise<number> =>
    invoke<number>("empty_member_trash"),
  joinGroup: (memberId: number, input: JoinInput): Promise<Member> =>
    invoke<Member>("join_group", { memberId, input }),
  setMemberStatus: (memberId: number, groupId: number, status: MemberStatus, reason: string): Promise<Member> =>
    invoke<Member>("set_member_status", { memberId, groupId, status, reason }),
  editMembership: (memberId: number, groupId: number, edit: MembershipEdit): Promise<Member> =>
    invoke<Member>("edit_membership", { memberId, groupId, edit }),
  addNote: (memberId: number, body: string): Promise<Note> =>
    invoke<Note>("add_note", { memberId, body }),
  editNote: (id: number, body: string): Promise<Note> =>
    invoke<Note>("edit_note", { id, body }),
  pinNote: (id: number, pinned: boolean): Promise<Note> =>
    invoke<Note>("pin_note", { id, pinned }),
  trashNote: (id: number): Promise<Note> =>
    invoke<Note>("trash_note", { id }),
  restoreNote: (id: number): Promise<Note> =>
    invoke<Note>("restore_note", { id }),
  listTrashedNotes: (memberId: number): Promise<Note[]> =>
    invoke<Note[]>("list_trashed_notes", { memberId }),
  logInteraction: (memberId: number, input: InteractionInput): Promise<Interaction> =>
    invoke<Interaction>("log_interaction", { memberId, input }),
  deleteInteraction: (id: number): Promise<null> =>
    invoke<null>("delete_interaction", { id }),
  addPoints: (memberId: number, input: PointsInput): Promise<PointsEntry> =>
    invoke<PointsEntry>("add_points", { memberId, input }),
  deletePoints: (id: number): Promise<null> =>
    invoke<null>("delete_points", { id }),
  listLevels: (groupId: number): Promise<Level[]> =>
    invoke<Level[]>("list_levels", { groupId }),
  setLevels: (groupId: number, levels: LevelInput[]): Promise<Level[]> =>
    invoke<Level[]>("set_levels", { groupId, levels }),
  listTags: (): Promise<TagSummary[]> =>
    invoke<TagSummary[]>("list_tags"),
  createTag: (name: string): Promise<TagRef> =>
    invoke<TagRef>("create_tag", { name }),
  renameTag: (id: number, name: string): Promise<TagRef> =>
    invoke<TagRef>("rename_tag", { id, name }),
  mergeTags: (from: number, into: number): Promise<TagRef> =>
    invoke<TagRef>("merge_tags", { from, into }),
  deleteTag: (id: number): Promise<null> =>
    invoke<null>("delete_tag", { id }),
  listFields: (): Promise<CustomField[]> =>
    invoke<CustomField[]>("list_fields"),
  createField: (name: string): Promise<CustomField> =>
    invoke<CustomField>("create_field", { name }),
  deleteField: (id: number): Promise<null> =>
    invoke<null>("delete_field", { id }),
  listSegments: (): Promise<Segment[]> =>
    invoke<Segment[]>("list_segments"),
  saveSegment: (name: string, filter: MemberFilter): Promise<Segment> =>
    invoke<Segment>("save_segment", { name, filter }),
  deleteSegment: (id: number): Promise<null> =>
    invoke<null>("delete_segment", { id }),
  referralTree: (memberId: number): Promise<Referral[]> =>
    invoke<Referral[]>("referral_tree", { memberId }),
  memberCategories: (): Promise<Category[]> =>
    invoke<Category[]>("member_categories"),
  calendarEvents: (from: string, to: string, group: number | null): Promise<CalendarRange> =>
    invoke<CalendarRange>("calendar_events", { from, to, group }),
  createContent: (input: ItemInput): Promise<number> =>
    invoke<number>("create_content", { input }),
  moveContent: (id: number, date: string, time: string | null): Promise<null> =>
    invoke<null>("move_content", { id, date, time }),
  setContentStatus: (id: number, status: ContentStatus, reason: string): Promise<null> =>
    invoke<null>("set_content_status", { id, status, reason }),
  fillSlot: (slotId: number, ruleDate: string): Promise<number> =>
    invoke<number>("fill_slot", { slotId, ruleDate }),
  createSlot: (input: SlotInput): Promise<Slot> =>
    invoke<Slot>("create_slot", { input }),
  skipOccurrence: (slotId: number, ruleDate: string): Promise<null> =>
    invoke<null>("skip_occurrence", { slotId, ruleDate }),
  changeSlotFrom: (slotId: number, from: string, input: SlotInput): Promise<Slot> =>
    invoke<Slot>("change_slot_from", { slotId, from, input }),
  moveOccurrence: (slotId: number, ruleDate: string, date: string, time: string, title: string | null): Promise<null> =>
    invoke<null>("move_occurrence", { slotId, ruleDate, date, time, title }),
  planningZone: (): Promise<string> =>
    invoke<string>("planning_zone"),
  unknownHolidayYears: (from: string, to: string): Promise<number[]> =>
    invoke<number[]>("unknown_holiday_years", { from, to }),
  calendarDays: (from: string, to: string): Promise<DayNote[]> =>
    invoke<DayNote[]>("calendar_days", { from, to }),
  calendarFeed: (): Promise<string | null> =>
    invoke<string | null>("calendar_feed"),
  setCalendarFeed: (path: string | null): Promise<number> =>
    invoke<number>("set_calendar_feed", { path }),
  exportCalendar: (from: string, to: string, format: CalendarFormat, path: string): Promise<number> =>
    invoke<number>("export_calendar", { from, to, format, path }),
  getContent: (id: number): Promise<Item> =>
    invoke<Item>("get_content", { id }),
  updateContent: (id: number, input: ItemInput): Promise<null> =>
    invoke<null>("update_content", { id, input }),
  setContentNotes: (id: number, notes: string): Promise<null> =>
    invoke<null>("set_content_notes", { id, notes }),
  trashContent: (id: number): Promise<null> =>
    invoke<null>("trash_content", { id }),
  restoreContent: (id: number): Promise<null> =>
    invoke<null>("restore_content", { id }),
  approveContent: (id: number, by: string): Promise<null> =>
    invoke<null>("approve_content", { id, by }),
  contentTypes: (): Promise<string[]> =>
    invoke<string[]>("content_types"),
  addContentType: (name: string): Promise<null> =>
    invoke<null>("add_content_type", { name }),
  forgetContentType: (name: string): Promise<null> =>
    invoke<null>("forget_content_type", { name }),
  weekThemes: (week: string): Promise<string[]> =>
    invoke<string[]>("week_themes", { week }),
  setWeekTheme: (week: string, weekday: number, theme: string): Promise<null> =>
    invoke<null>("set_week_theme", { week, weekday, theme }),
  fillWeek: (week: string): Promise<FillReport> =>
    invoke<FillReport>("fill_week", { week }),
  postLimits: (): Promise<PostLimits[]> =>
    invoke<PostLimits[]>("post_limits"),
  setPostLimits: (limits: PostLimits): Promise<null> =>
    invoke<null>("set_post_limits", { limits }),
  listScripts: (query: ScriptQuery): Promise<Script[]> =>
    invoke<Script[]>("list_scripts", { query }),
  createScript: (input: ScriptInput): Promise<Script> =>
    invoke<Script>("create_script", { input }),
  updateScript: (id: number, input: ScriptInput): Promise<Script> =>
    invoke<Script>("update_script", { id, input }),
  trashScript: (id: number): Promise<null> =>
    invoke<null>("trash_script", { id }),
  restoreScript: (id: number): Promise<null> =>
    invoke<null>("restore_script", { id }),
  previewScript: (body: string, groupId: number | null, memberId: number | null, platform: Platform | null): Promise<Preview> =>
    invoke<Preview>("preview_script", { body, groupId, memberId, platform }),
  scriptPlaceholders: (): Promise<Placeholder[]> =>
    invoke<Placeholder[]>("script_placeholders"),
  fillScript: (request: FillRequest): Promise<Copy> =>
    invoke<Copy>("fill_script", { request }),
  fillScriptForSelection: (request: FillRequest, selection: Selection): Promise<Copy> =>
    invoke<Copy>("fill_script_for_selection", { request, selection }),
  findGroupMembers: (groupId: number, name: string): Promise<MemberMatch[]> =>
    invoke<MemberMatch[]>("find_group_members", { groupId, name }),
  welcomeView: (): Promise<WelcomeGroup[]> =>
    invoke<WelcomeGroup[]>("welcome_view"),
  markWelcomed: (groupId: number, memberIds: number[]): Promise<number> =>
    invoke<number>("mark_welcomed", { groupId, memberIds }),
  welcomeRule: (groupId: number): Promise<WelcomeRule> =>
    invoke<WelcomeRule>("welcome_rule", { groupId }),
  setWelcomeRule: (rule: WelcomeRule): Promise<null> =>
    invoke<null>("set_welcome_rule", { rule }),
  scriptSettings: (): Promise<ScriptSettings> =>
    invoke<ScriptSettings>("script_settings"),
  setScriptSettings: (settings: ScriptSettings): Promise<null> =>
    invoke<null>("set_script_settings", { settings }),
  listCampaigns: (): Promise<Campaign[]> =>
    invoke<Campaign[]>("list_campaigns"),
  campaignStepsDue: (): Promise<DueStep[]> =>
    invoke<DueStep[]>("campaign_steps_due"),
  milestones: (): Promise<Milestone[]> =>
    invoke<Milestone[]>("milestones"),
  milestoneDone: (key: string): Promise<null> =>
    invoke<null>("milestone_done", { key }),
  openCampaign: (id: number): Promise<CampaignPage> =>
    invoke<CampaignPage>("open_campaign", { id }),
  createCampaign: (input: CampaignInput): Promise<Campaign> =>
    invoke<Campaign>("create_campaign", { input }),
  campaignMoves: (id: number, start: string): Promise<CampaignMove[]> =>
    invoke<CampaignMove[]>("campaign_moves", { id, start }),
  moveCampaign: (id: number, start: string): Promise<CampaignMove[]> =>
    invoke<CampaignMove[]>("move_campaign", { id, start }),
  setCampaignStatus: (id: number, status: CampaignStatus): Promise<null> =>
    invoke<null>("set_campaign_status", { id, status }),
  setCampaignStep: (step: number, done: boolean, notes: string): Promise<null> =>
    invoke<null>("set_campaign_step", { step, done, notes }),
  setCampaignNumbers: (id: number, numbers: CampaignNumbers): Promise<null> =>
    invoke<null>("set_campaign_numbers", { id, numbers }),
  setCampaignRetro: (id: number, worked: string, failed: string, changeNext: string): Promise<null> =>
    invoke<null>("set_campaign_retro", { id, worked, failed, changeNext }),
  trashCampaign: (id: number, keepPosts: boolean): Promise<number> =>
    invoke<number>("trash_campaign", { id, keepPosts }),
  restoreCampaign: (id: number): Promise<null> =>
    invoke<null>("restore_campaign", { id }),
  campaignPlaybooks: (): Promise<string[]> =>
    invoke<string[]>("campaign_playbooks"),
  saveCampaignPlaybook: (id: number, name: string): Promise<null> =>
    invoke<null>("save_campaign_playbook", { id, name }),
  exportCampaign: (id: number, path: string, format: string): Promise<null> =>
    invoke<null>("export_campaign", { id, path, format }),
  pickImportFile: (title: string): Promise<string | null> =>
    invoke<string | null>("pick_import_file", { title }),
  pickExportFile: (title: string, suggested: string): Promise<string | null> =>
    invoke<string | null>("pick_export_file", { title, suggested }),
  pickWorkspaceFolder: (title: string): Promise<string | null> =>
    invoke<string | null>("pick_workspace_folder", { title }),
  previewImport: (path: string, encoding: TextEncoding): Promise<ImportPreview> =>
    invoke<ImportPreview>("preview_import", { path, encoding }),
  runImport: (job: string, path: string, encoding: TextEncoding, mapping: (Target | null)[], options: ImportOptions): Promise<ImportReport> =>
    invoke<ImportReport>("run_import", { job, path, encoding, mapping, options }),
  importPaste: (text: string, options: ImportOptions): Promise<ImportReport> =>
    invoke<ImportReport>("import_paste", { text, options }),
  exportMembers: (job: string, filter: MemberFilter, sort: MemberSort, format: ExportFormat, path: string, overwrite: boolean): Promise<number> =>
    invoke<number>("export_members", { job, filter, sort, format, path, overwrite }),
  defaultExportPath: (format: ExportFormat): Promise<string> =>
    invoke<string>("default_export_path", { format }),
  cancelJob: (job: string): Promise<boolean> =>
    invoke<boolean>("cancel_job", { job }),
  getSettings: (): Promise<Settings> =>
    invoke<Settings>("get_settings"),
  updateSettings: (settings: Settings): Promise<Settings> =>
    invoke<Settings>("update_settings", { settings }),
};
