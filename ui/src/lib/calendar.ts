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

/** The days a month view shows for the month of `date`: whole weeks from Monday. */
export function monthGrid(date: string): { from: string; to: string } {
  const [y, m] = ymd(date);
  const first = `${y}-${String(m).padStart(2, "0")}-01`;
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return { from: mondayOf(first), to: addDays(mondayOf(addDays(next, 6)), -1) };
}

/** The range the calendar will show after "previous" (-1), "next" (1) or "today" (0), from
 * the range it shows now: a month grid in the month view, else weeks of the same length. */
export function stepRange(
  now: { from: string; to: string },
  month: boolean,
  step: -1 | 0 | 1,
  today: string,
): { from: string; to: string } {
  if (month) {
    // The grid's seventh day is always in its month.
    const [y, m] = ymd(addDays(now.from, 6));
    const target = step === 0 ? today : new Date(Date.UTC(y, m - 1 + step, 1)).toISOString().slice(0, 10);
    return monthGrid(target);
  }
  const n = Math.round((Date.parse(now.to) - Date.parse(now.from)) / 86400000) + 1;
  if (step !== 0) return { from: addDays(now.from, step * n), to: addDays(now.to, step * n) };
  const from = mondayOf(today);
  return { from, to: addDays(from, n - 1) };
}

/** What a posting-pace warning says, in the user's language. */
export function warningText(w: PaceWarning): string {
  return w.problem === "too_many"
    ? t("pace.too_many", { group: w.group, n: w.count, max: w.max })
    : t("pace.quiet", { group: w.group, span: w.quiet });
}
