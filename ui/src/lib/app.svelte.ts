// App-wide state: the workspace status, settings and which screen is showing.
import type { Settings, WorkspaceStatus } from "./bindings";
import { api } from "./api";
import { setLanguage } from "./i18n/index.svelte";

export type Screen = "today" | "calendar" | "members" | "groups" | "scripts" | "campaigns" | "settings";

export const app = $state({
  ready: false,
  screen: "today" as Screen,
  /** A member to open when the Members screen mounts (from Today's "open member"). */
  openMemberId: null as number | null,
  /** A post to open when the Calendar screen shows (a click on its desktop notification). */
  openItemId: null as number | null,
  /** A script kind to start writing when the Scripts screen mounts ("write the welcome"). */
  scriptKind: null as string | null,
  scriptGroup: null as number | null,
  /** A new workspace: Today shows the first-run welcome until the owner picks a way in. */
  firstRun: false,
  /** Set by the first-run screen for the Groups / Members screen it opens. */
  createGroup: false,
  openImport: false,
  /** When this is the sample workspace: the folder to go back to. */
  sampleHome: null as string | null,
  version: "",
  /** A benchmark scenario to play (see desktop/probe.rs); null in normal use. */
  probe: null as string | null,
  workspace: null as WorkspaceStatus | null,
  settings: {
    language: "zh-CN",
    theme: "system",
    backup_keep: 12,
    backup_weeks: 10,
    backup_months: 9,
    sidebar_collapsed: false,
    time_zone: "",
    morning_time: "09:00",
    evening_time: "20:00",
    birthday_lead_days: 3,
    winback_days: 30,
    keep_in_tray: false,
    start_at_login: false,
  } as Settings,
});

export function applySettings(s: Settings) {
  app.settings = s;
  setLanguage(s.language);
  const root = document.documentElement;
  if (s.theme === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", s.theme);
}

/** Saves a change to the settings; the saved value (clamped by Rust) becomes the state. */
export async function saveSettings(patch: Partial<Settings>) {
  const saved = await api.updateSettings({ ...app.settings, ...patch });
  applySettings(saved);
  return saved;
}

/** True when a key press should not trigger a single-key shortcut (typing in a field). */
export function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}
