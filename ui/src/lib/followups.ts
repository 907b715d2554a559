// Follow-up helpers shared by Today and the member page: how a repeat reads, when a
// follow-up is due (in the workspace's time zone), and the snooze presets.
import type { Language, Reminder, Repeat, Snooze } from "./bindings";
import { t } from "./i18n/index.svelte";

const fmts = new Map<string, Intl.DateTimeFormat>();

function fmt(lang: Language, tz: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${tz}|${JSON.stringify(opts)}`;
  let f = fmts.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(lang, { ...opts, timeZone: tz || undefined });
    } catch {
      f = new Intl.DateTimeFormat(lang, opts);
    }
    fmts.set(key, f);
  }
  return f;
}

/** An instant in the plan's zone: “11月24日 周二 10:00” / “Tue, Nov 24, 10:00 AM”. */
export function formatAt(iso: string, lang: Language, tz: string, withTime = true): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return fmt(lang, tz, {
    month: lang === "en" ? "short" : "long",
    day: "numeric",
    weekday: "short",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: lang === "en" } : {}),
  }).format(d);
}

/** When a follow-up is due, the way its row shows it. */
export function dueText(r: Reminder, lang: Language, tz: string): string {
  const timed = r.due_time != null || r.snoozed;
  const when = formatAt(r.fire_at, lang, tz, timed);
  return timed ? when : `${when} · ${t("fu.all_day")}`;
}

export function repeatLabel(r: Repeat | null): string | null {
  if (!r) return null;
  switch (r.kind) {
    case "days":
      return t("fu.label.days", { n: r.every });
    case "weeks":
      if (r.weekdays.length === 0) return t("fu.label.weeks", { n: r.every });
      return t("fu.label.weekdays", {
        days: r.weekdays.map((d) => t(`fu.weekday.${d}` as "fu.weekday.0")).join(t("fu.weekday_sep")),
      });
    case "months":
      return r.every === 1 ? t("fu.label.months", { day: r.day }) : t("fu.label.months_n", { n: r.every, day: r.day });
  }
}

export const SNOOZES: { key: "hour" | "evening" | "tomorrow" | "next_week"; snooze: Snooze }[] = [
  { key: "hour", snooze: { kind: "hour" } },
  { key: "evening", snooze: { kind: "evening" } },
  { key: "tomorrow", snooze: { kind: "tomorrow" } },
  { key: "next_week", snooze: { kind: "next_week" } },
];

/** Today's date in a zone, `YYYY-MM-DD`. */
export function todayIn(tz: string): string {
  const parts = fmt("en", tz, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** The current time in a zone plus `minutes`, as `HH:MM` and its date. */
export function soonIn(tz: string, minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = fmt("en", tz, {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const hour = get("hour") === "24" ? "00" : get("hour");
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${hour}:${get("minute")}` };
}
