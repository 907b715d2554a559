// The group form's draft: what the user types (numbers still as text) and how it becomes the
// `GroupInput` Rust validates. Parsing typed numbers is the UI's job; every other rule is
// Rust's (`validate_group`), so the two can never disagree.
import type { FieldError, Group, GroupInput, Horizon } from "./bindings";
import { t } from "./i18n/index.svelte";

export type GoalDraft = { horizon: Horizon; title: string; target: string; due_date: string };
export type Draft = Omit<GroupInput, "size_cap" | "goals"> & { size_cap: string; goals: GoalDraft[] };

export function emptyDraft(): Draft {
  return {
    name: "",
    platform: "wechat",
    kind: "interest",
    theme: "",
    audience: "",
    purpose: "",
    rules: "",
    announcement: "",
    threshold: "none",
    threshold_note: "",
    size_cap: "",
    naming_convention: "",
    stage: "new",
    goals: [],
  };
}

export function draftOf(g: Group): Draft {
  return {
    name: g.name,
    platform: g.platform,
    kind: g.kind,
    theme: g.theme,
    audience: g.audience,
    purpose: g.purpose,
    rules: g.rules,
    announcement: g.announcement,
    threshold: g.threshold,
    threshold_note: g.threshold_note,
    size_cap: g.size_cap == null ? "" : String(g.size_cap),
    naming_convention: g.naming_convention,
    stage: g.stage,
    goals: g.goals.map((goal) => ({
      horizon: goal.horizon,
      title: goal.title,
      target: String(goal.target),
      due_date: goal.due_date ?? "",
    })),
  };
}

/** A typed whole number, `null` when empty, or `"bad"` when it is not a whole number. */
export function parseWhole(text: string): number | null | "bad" {
  const s = text.trim().replace(/[,，\s]/g, "");
  if (s === "") return null;
  if (!/^\d{1,12}$/.test(s)) return "bad";
  return Number(s);
}

/** The input to send, and the fields whose typed numbers could not be read. */
export type LocalError = { field: string; rule: "not_integer" };
type AnyError = FieldError | LocalError;

export function toInput(d: Draft): { input: GroupInput; local: LocalError[] } {
  const local: LocalError[] = [];
  const num = (field: string, text: string) => {
    const v = parseWhole(text);
    if (v === "bad") {
      local.push({ field, rule: "not_integer" });
      return null;
    }
    return v;
  };
  const input: GroupInput = {
    ...d,
    size_cap: num("size_cap", d.size_cap),
    goals: d.goals.map((g, i) => ({
      horizon: g.horizon,
      title: g.title,
      target: num(`goals.${i}.target`, g.target),
      due_date: g.due_date.trim() === "" ? null : g.due_date,
    })),
  };
  return { input, local };
}

/** The sentence for a refused field, in the user's language. */
export function ruleText(r: AnyError): string {
  switch (r.rule) {
    case "required":
      return t("rule.required");
    case "too_long":
      return t("rule.too_long", { max: r.max });
    case "out_of_range":
      return t("rule.out_of_range", { min: r.min, max: r.max });
    case "invalid_date":
      return t("rule.invalid_date");
    case "too_many":
      return t("rule.too_many", { max: r.max });
    case "taken":
      return t("rule.taken");
    case "invalid":
      return t("rule.invalid");
    case "unknown":
      return t("rule.unknown");
    case "not_integer":
      return t("rule.not_integer");
    case "control_chars":
      return t("rule.control_chars");
  }
}

/** Field → message, local parse errors first (a field shows one message). */
export function errorMap(local: LocalError[], server: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of [...local, ...server] as AnyError[]) {
    if (!(e.field in out)) out[e.field] = ruleText(e);
  }
  return out;
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
