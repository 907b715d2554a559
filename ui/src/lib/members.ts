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

/** A birthday as typed back into the form: `1990-03-05` or `03-05`. */
export function birthdayText(m: { birth_md: string | null; birth_year: number | null }): string {
  if (!m.birth_md) return "";
  return m.birth_year ? `${m.birth_year}-${m.birth_md}` : m.birth_md;
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
