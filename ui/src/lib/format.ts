// Dates the way each language's readers expect: zh-CN “2026年11月22日 周日 20:00”,
// en “Sun, Nov 22, 2026, 8:00 PM”; relative times “3天前” / “3 days ago”.
import type { Language } from "./bindings";

const dateFmt = new Map<string, Intl.DateTimeFormat>();

function fmt(lang: Language, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(opts);
  let f = dateFmt.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, opts);
    dateFmt.set(key, f);
  }
  return f;
}

/** A calendar date `YYYY-MM-DD` (no time zone: it is a date, not an instant). */
export function formatDay(day: string, lang: Language): string {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return day;
  const date = new Date(Date.UTC(y, m - 1, d));
  return fmt(lang, {
    year: "numeric",
    month: lang === "en" ? "short" : "long",
    day: "numeric",
    weekday: "short",
    timeZone: "UTC",
  }).format(date);
}

/** An instant (RFC 3339, UTC) in the user's local time zone, with the time. */
export function formatInstant(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return fmt(lang, {
    year: "numeric",
    month: lang === "en" ? "short" : "long",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hour12: lang === "en",
  }).format(date);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relFmt = new Map<string, Intl.RelativeTimeFormat>();

// Building an Intl formatter loads locale data and costs milliseconds; a list of members
// formats dozens of relative times per frame, so each language's formatter is made once.
function relativeFmt(lang: Language): Intl.RelativeTimeFormat {
  let f = relFmt.get(lang);
  if (!f) {
    f = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    relFmt.set(lang, f);
  }
  return f;
}

/** “3天前”, “刚刚”, “in 2 days”: relative to `now` (passed in so it can be tested). */
export function formatRelative(iso: string, lang: Language, now: Date = new Date()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  const rtf = relativeFmt(lang);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return lang === "en" ? "just now" : "刚刚";
}

/** Bytes as “1.2 MB”. */
export function formatSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1 << 10) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${bytes} B`;
}
