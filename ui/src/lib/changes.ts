// What the workspace says changed: every committed write in Rust announces its areas and ids
// (event `workspace-changed`, a ChangeSet), whoever made it — this window, the scheduler, an
// import. Screens subscribe to the areas they show and refresh from these events instead of
// refetching by hand after each of their own actions. Bursts (an import announces once, but a
// series of clicks may announce several) are coalesced per subscriber into one call.
import { listen } from "@tauri-apps/api/event";
import type { Area, ChangeSet } from "./bindings";

type Handler = (changes: ChangeSet) => void;
interface Subscriber {
  areas: Set<Area>;
  handler: Handler;
  pending: ChangeSet | null;
}

const subscribers = new Set<Subscriber>();
let listening: Promise<unknown> | null = null;
const COALESCE_MS = 30;

function deliver(set: ChangeSet) {
  for (const s of subscribers) {
    const relevant = set.changes.filter((c) => c.area === "workspace" || s.areas.has(c.area));
    if (relevant.length === 0) continue;
    if (s.pending) {
      s.pending.changes.push(...relevant);
      continue;
    }
    s.pending = { changes: [...relevant] };
    setTimeout(() => {
      const batch = s.pending;
      s.pending = null;
      if (batch && subscribers.has(s)) s.handler(batch);
    }, COALESCE_MS);
  }
}

/** Calls `handler` after each committed change to one of `areas`; returns the unsubscribe. */
export function onChanges(areas: Area[], handler: Handler): () => void {
  listening ??= listen<ChangeSet>("workspace-changed", (e) => deliver(e.payload));
  const s: Subscriber = { areas: new Set(areas), handler, pending: null };
  subscribers.add(s);
  return () => subscribers.delete(s);
}

/** The ids a change set names in `area` (empty when it names the area as a whole). */
export function idsIn(set: ChangeSet, area: Area): { all: boolean; ids: Set<number> } {
  const ids = new Set<number>();
  let all = false;
  for (const c of set.changes) {
    if (c.area === "workspace" || (c.area === area && c.ids.length === 0)) all = true;
    if (c.area === area) c.ids.forEach((id) => ids.add(id));
  }
  return { all, ids };
}

/** Whether `set` touches `area` (or replaced the whole workspace). */
export function touches(set: ChangeSet, area: Area): boolean {
  return set.changes.some((c) => c.area === area || c.area === "workspace");
}
