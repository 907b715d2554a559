// Member-book helpers shared by the list, the detail view and the dialogs: the closed sets in
// display order, an empty filter, and how a birthday and a display line read.
import type { Category, Channel, HandleKind, Member, MemberFilter, MemberInput, MemberStatus } from "./bindings";

export const CATEGORIES: Category[] = ["active", "silent", "contributor", "paying", "admin", "core"];
export const STATUSES: MemberStatus[] = ["in_group", "left", "removed", "blacklisted"];
export const HANDLE_KINDS: HandleKind[] = ["wechat", "wecom", "qq", "telegram", "discord", "email", "other"];
export const CHANNELS: Channel[] = ["private_chat", "group_chat", "call", "meeting", "other"];

export function emptyFilter(): MemberFilter {
  return {
    query: "",
    group_id: null,
    statuses: [],
    categories: [],
    tag_ids: [],
    any_tag_ids: [],
    none_tag_ids: [],
    level_id: null,
    source: null,
    joined_from: null,
    joined_to: null,
    birthday_this_month: false,
    not_contacted_days: null,
    trash: false,
  };
}

/** How many conditions besides the search text and the group narrow the list. */
export function activeConditions(f: MemberFilter): number {
  return (
    (f.statuses.length > 0 ? 1 : 0) +
    (f.categories.length > 0 ? 1 : 0) +
    (f.tag_ids.length > 0 ? 1 : 0) +
    (f.any_tag_ids.length > 0 ? 1 : 0) +
    (f.none_tag_ids.length > 0 ? 1 : 0) +
    (f.level_id != null ? 1 : 0) +
    (f.source ? 1 : 0) +
    (f.joined_from || f.joined_to ? 1 : 0) +
    (f.birthday_this_month ? 1 : 0) +
    (f.not_contacted_days != null ? 1 : 0)
  );
}

export function emptyMemberInput(): MemberInput {
  return {
    nickname: "",
    display_name: "",
    real_name: "",
    region: "",
    occupation: "",
    phone: "",
    source: "",
    invited_by: null,
    birthday: "",
    handles: [],
    fields: [],
    tags: [],
  };
}

/** A birthday as typed back into the form: `1990-03-05`, `03-05`, `农历1990-03-05`, `农历闰04-08`. */
export function birthdayText(m: { birth_md: string | null; birth_year: number | null; birth_lunar?: number }): string {
  if (!m.birth_md) return "";
  const prefix = m.birth_lunar === 2 ? "农历闰" : m.birth_lunar === 1 ? "农历" : "";
  return prefix + (m.birth_year ? `${m.birth_year}-${m.birth_md}` : m.birth_md);
}

const LUNAR_MONTHS = ["正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月"];
const LUNAR_DAYS = [
  "初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
  "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
  "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十",
];

/** A lunar month-day as calendars print it (`闰四月初八`), or `lunar 4/8 (leap)` in English. */
export function lunarName(md: string, leap: boolean, lang: string): string {
  const [m = 1, d = 1] = md.split("-").map(Number);
  if (lang !== "zh-CN") return `lunar ${m}/${d}${leap ? " (leap month)" : ""}`;
  return `农历${leap ? "闰" : ""}${LUNAR_MONTHS[m - 1] ?? ""}${LUNAR_DAYS[d - 1] ?? ""}`;
}

/** Whether a typed birthday is marked as lunar (农历/阴历/lunar). */
export function isLunarText(s: string): boolean {
  return /^\s*(农历|阴历|旧历|lunar)/i.test(s);
}

/** The typed birthday with its lunar mark put on or taken off. */
export function withLunar(s: string, lunar: boolean, lang: string): string {
  const bare = s.replace(/^\s*(农历|阴历|旧历|lunar)[:： ]*/i, "");
  return lunar ? `${lang === "zh-CN" ? "农历" : "lunar "}${bare}` : bare;
}

export function inputOf(m: Member): MemberInput {
  return {
    nickname: m.nickname,
    display_name: m.display_name,
    real_name: m.real_name,
    region: m.region,
    occupation: m.occupation,
    phone: m.phone,
    source: m.source,
    invited_by: m.invited_by?.id ?? null,
    birthday: birthdayText(m),
    handles: m.handles.map((h) => ({ ...h })),
    fields: m.fields.map((f) => ({ ...f })),
    tags: m.tags.map((t) => t.name),
  };
}

/** The first character of a name, for the round avatar. */
export function initial(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? "?";
}

/** A stable palette index for a name (the avatar colour). */
export function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h % 10;
}

/** `MM-DD` as the user reads it: “3月5日” / “Mar 5”. */
export function formatMonthDay(md: string, lang: "zh-CN" | "en"): string {
  const [m, d] = md.split("-").map(Number);
  if (!m || !d) return md;
  if (lang === "zh-CN") return `${m}月${d}日`;
  return new Date(Date.UTC(2000, m - 1, d)).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
}
