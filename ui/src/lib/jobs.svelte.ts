// Long work in Rust (import, export, backup) runs as a job named by an id the UI makes up
// front: progress arrives as `job-progress` events for that id, and `cancelJob(id)` asks Rust
// to stop (the command then fails with code `cancelled` and nothing was changed or written).
import { listen } from "@tauri-apps/api/event";
import type { JobProgress, Step } from "./bindings";
import { api } from "./api";

const watchers = new Map<string, (p: JobProgress) => void>();
let listening: Promise<unknown> | null = null;

/** A fresh opaque job id (random; `crypto.randomUUID` needs a secure context). */
function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return "job-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** One running job, reactive for a progress bar. */
export class Job {
  id = newId();
  step: Step | null = $state(null);
  done = $state(0);
  total = $state(0);
  running = $state(false);
  cancelling = $state(false);

  /** Runs `start(id)` (the command), following its progress until it settles. */
  async run<T>(start: (id: string) => Promise<T>): Promise<T> {
    listening ??= listen<JobProgress>("job-progress", (e) => watchers.get(e.payload.job)?.(e.payload));
    await listening;
    this.id = newId();
    this.running = true;
    this.cancelling = false;
    this.step = null;
    this.done = 0;
    this.total = 0;
    watchers.set(this.id, (p) => {
      this.step = p.step;
      this.done = p.done;
      this.total = p.total;
    });
    try {
      return await start(this.id);
    } finally {
      watchers.delete(this.id);
      this.running = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelling = true;
    await api.cancelJob(this.id);
  }

  /** 0…1, or null while the size is unknown. */
  get fraction(): number | null {
    return this.total > 0 ? Math.min(1, this.done / this.total) : null;
  }
}

/** Whether an error from a job's command means the user cancelled it. */
export function wasCancelled(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "cancelled";
}
