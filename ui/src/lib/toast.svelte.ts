// Toasts: short confirmations at the bottom of the window, optionally with Undo, so a
// destructive action can be taken back without a dialog in the way.
export type Toast = {
  id: number;
  /** Called at render time, so the text follows a language switch. */
  text: () => string;
  kind: "info" | "error";
  undo?: () => void | Promise<void>;
};

export const toasts = $state<Toast[]>([]);
let next = 1;

export function dismiss(id: number) {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}

export function toast(text: () => string, opts: { kind?: Toast["kind"]; undo?: Toast["undo"] } = {}) {
  const id = next++;
  toasts.push({ id, text, kind: opts.kind ?? "info", undo: opts.undo });
  if (toasts.length > 3) toasts.shift();
  setTimeout(() => dismiss(id), opts.undo ? 8000 : opts.kind === "error" ? 7000 : 3500);
}

export function toastError(text: () => string) {
  toast(text, { kind: "error" });
}
