// Column targets as the mapping step's select values: `nickname`, `handle:wechat`, `field:3`.
import type { CustomField, HandleKind, Target } from "./bindings";
import { HANDLE_KINDS } from "./members";

const SIMPLE = [
  "nickname",
  "display_name",
  "real_name",
  "region",
  "occupation",
  "phone",
  "source",
  "invited_by",
  "birthday",
  "joined_on",
  "tags",
  "note",
  "category",
  "status",
  "role",
] as const;

export type TargetOption = { value: string; key: string; field?: string };

export function targetValue(t: Target | null): string {
  if (!t) return "";
  if (t.kind === "handle") return `handle:${t.handle}`;
  if (t.kind === "field") return `field:${t.field_id}`;
  return t.kind;
}

export function targetOf(value: string): Target | null {
  if (!value) return null;
  const [kind, rest] = value.split(":");
  if (kind === "handle") return { kind: "handle", handle: rest as HandleKind };
  if (kind === "field") return { kind: "field", field_id: Number(rest) };
  return { kind } as Target;
}

/** Every choice, in form order: catalogue keys for the built-in fields, names for custom ones. */
export function targetOptions(fields: CustomField[]): TargetOption[] {
  const out: TargetOption[] = [];
  for (const s of SIMPLE) {
    out.push({ value: s, key: `target.${s}` });
    if (s === "phone") for (const h of HANDLE_KINDS) out.push({ value: `handle:${h}`, key: `handle.${h}` });
  }
  for (const f of fields) out.push({ value: `field:${f.id}`, key: "", field: f.name });
  return out;
}
