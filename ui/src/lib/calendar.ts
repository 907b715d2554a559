// The content calendar's vocabulary on the UI side: the built-in content types (the owner's
// own show as typed; the keys match `src-tauri/calendar/types.rs`), the rhythms the slot form
// offers, as RFC 5545 rules, week arithmetic and how a pace warning reads.
import type { PaceWarning } from "./bindings";
import { t } from "./i18n/index.svelte";

export const CONTENT_TYPES = [
  "morning_brief",
  "evening_brief",
  "share",
  "topic",
  "check_in",
  "red_packet",
  "event_notice",
  "product",
  "digest",
  "holiday_greeting",
  "other",
] as const;

export type Rhythm = "workdays" | "weekly" | "daily" | "last_friday";

const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** The RRULE for a rhythm (`weekday`: 0 = Monday). */
export function rhythmRule(r: Rhythm, weekday: number): string {
  switch (r) {
    case "workdays":
      return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
    case "weekly":
      return `FREQ=WEEKLY;BYDAY=${DAYS[weekday] ?? "MO"}`;
    case "daily":
      return "FREQ=DAILY";
    case "last_friday":
      return "FREQ=MONTHLY;BYDAY=-1FR";
  }
}

/** `YYYY-MM-DD` plus `n` days (calendar arithmetic, no time zone involved). */
function ymd(date: string): [number, number, number] {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  return [y, m, d];
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The Monday of the week containing `date`. */
export function mondayOf(date: string): string {
  const [y, m, d] = ymd(date);
  const wd = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -wd);
}

/** What a posting-pace warning says, in the user's language. */
export function warningText(w: PaceWarning): string {
  return w.problem === "too_many"
    ? t("pace.too_many", { group: w.group, n: w.count, max: w.max })
    : t("pace.quiet", { group: w.group, span: w.quiet });
}
