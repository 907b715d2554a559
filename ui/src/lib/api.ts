// Typed wrappers over the Rust commands. The types come from bindings.ts, generated from Rust,
// so a change on either side that breaks the other fails the type check.
import { invoke } from "@tauri-apps/api/core";
import type {
  BackupInfo,
  Bootstrap,
  FieldError,
  Group,
  GroupCounts,
  GroupInput,
  GroupSummary,
  GroupView,
  RestoreOutcome,
  Settings,
  WorkspaceStatus,
} from "./bindings";

export const api = {
  bootstrap: () => invoke<Bootstrap>("bootstrap"),
  workspaceStatus: () => invoke<WorkspaceStatus>("workspace_status"),
  startupReady: () => invoke<void>("startup_ready"),

  listGroups: (view: GroupView) => invoke<GroupSummary[]>("list_groups", { view }),
  groupCounts: () => invoke<GroupCounts>("group_counts"),
  getGroup: (id: number) => invoke<Group>("get_group", { id }),
  validateGroup: (input: GroupInput, id: number | null) =>
    invoke<FieldError[]>("validate_group", { input, id }),
  createGroup: (input: GroupInput) => invoke<Group>("create_group", { input }),
  updateGroup: (id: number, input: GroupInput) => invoke<Group>("update_group", { id, input }),
  archiveGroup: (id: number, archived: boolean) =>
    invoke<Group>("archive_group", { id, archived }),
  trashGroup: (id: number) => invoke<void>("trash_group", { id }),
  restoreGroup: (id: number) => invoke<Group>("restore_group", { id }),
  purgeGroup: (id: number) => invoke<void>("purge_group", { id }),
  emptyTrash: () => invoke<number>("empty_trash"),

  getSettings: () => invoke<Settings>("get_settings"),
  updateSettings: (settings: Settings) => invoke<Settings>("update_settings", { settings }),

  listBackups: () => invoke<BackupInfo[]>("list_backups"),
  backupNow: () => invoke<BackupInfo>("backup_now"),
  restoreBackup: (name: string) => invoke<RestoreOutcome>("restore_backup", { name }),
  recoverWorkspace: (backup: string | null) =>
    invoke<WorkspaceStatus>("recover_workspace", { backup }),
  openOtherWorkspace: (dir: string) => invoke<void>("open_other_workspace", { dir }),
};
