// The script editor's text work, kept out of the component so it can be unit-tested:
// placeholders shown under their English names in the English UI (Rust stores the Chinese
// ones, whichever were typed), the highlight layer's pieces (refused placeholders and flagged
// words marked where they are), and the names of the shipped kinds.
import type { Placeholder, Problem, WordHit } from "./bindings";
import type { MessageKey } from "./i18n/index.svelte";

/** The shipped kinds, in the library's order (the owner's own kinds follow). */
export const BUILTIN_KINDS = [
  "welcome",
  "rules",
  "intro",
  "add_friend",
  "announcement",
  "red_packet",
  "farewell",
  "win_back",
  "birthday",
  "milestone",
] as const;

export function isBuiltinKind(kind: string): boolean {
  return (BUILTIN_KINDS as readonly string[]).includes(kind);
}

/** The catalogue key naming a shipped kind, or null for the owner's own. */
export function kindKey(kind: string): MessageKey | null {
  return isBuiltinKind(kind) ? (`script.kind.${kind}` as MessageKey) : null;
}

const PLACEHOLDER = /\{\{|\}\}|\{([^{}|\n]+)(\|[^{}\n]*)?\}/g;

/** `body` with each placeholder under its English name (`{昵称|朋友}` → `{nickname|朋友}`). */
export function toEnglishNames(body: string, placeholders: Placeholder[]): string {
  const english = new Map(placeholders.filter((p) => p.builtin).map((p) => [p.name, p.english]));
  return body.replace(PLACEHOLDER, (m, name: string | undefined, fallback: string | undefined) => {
    if (!name) return m;
    const en = english.get(name.trim());
    return en ? `{${en}${fallback ?? ""}}` : m;
  });
}

/** How the editor names a placeholder for insertion, in the UI's language. */
export function placeholderText(p: Placeholder, english: boolean): string {
  return `{${english ? p.english : p.name}}`;
}

export type Piece = { text: string; mark: "problem" | "word" | null };

/** `text` cut into pieces, the refused placeholders and flagged words marked (positions in
 *  characters, as Rust counts them; a word inside a marked placeholder stays in it). */
export function highlight(text: string, problems: Problem[], words: WordHit[]): Piece[] {
  const chars = Array.from(text);
  const marks: (Piece["mark"])[] = new Array(chars.length).fill(null);
  for (const w of words) for (let i = w.at; i < w.at + w.len && i < chars.length; i++) marks[i] = "word";
  for (const p of problems) for (let i = p.at; i < p.at + p.len && i < chars.length; i++) marks[i] = "problem";
  const pieces: Piece[] = [];
  chars.forEach((c, i) => {
    const mark = marks[i] ?? null;
    const last = pieces[pieces.length - 1];
    if (last && last.mark === mark) last.text += c;
    else pieces.push({ text: c, mark });
  });
  return pieces;
}

/** 1-based line and column (characters) of position `at` in `text`. */
export function lineColumn(text: string, at: number): { line: number; column: number } {
  const before = Array.from(text).slice(0, at);
  const line = before.filter((c) => c === "\n").length + 1;
  const lastBreak = before.lastIndexOf("\n");
  return { line, column: at - lastBreak };
}

/** The body with `insert` put at the caret (`start`–`end` replaced), and where the caret goes. */
export function insertAt(body: string, start: number, end: number, insert: string): { body: string; caret: number } {
  return { body: body.slice(0, start) + insert + body.slice(end), caret: start + insert.length };
}
