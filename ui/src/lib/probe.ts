// Benchmark scenarios, loaded only when a benchmark launches the app with
// GROUPDESK_STARTUP_PROBE set: `members` (bench/members.rs) scrolls the whole book, searches
// three times and opens a member; `calendar` (bench/calendar.rs) steps the month view back
// through a year of posts and times each month from the click to its painted frame.
import { tick } from "svelte";
import { api } from "./api";

export interface MembersProbe {
  scrollEl: () => HTMLElement | undefined;
  search: (query: string) => Promise<void>;
  first: () => number | undefined;
  open: (id: number) => Promise<void>;
}

export async function playMembers(p: MembersProbe): Promise<void> {
  for (let i = 1; i <= 10; i++) {
    const el = p.scrollEl();
    el?.scrollTo({ top: (el.scrollHeight * i) / 10 });
    await pause(150);
  }
  for (const q of ["张", "zs", "数学辅导"]) await p.search(q);
  const first = p.first();
  if (first != null) await p.open(first);
  await pause(300);
  await api.startupReady();
}

export interface CalendarProbe {
  /** Resolves after the calendar's next load (events, notes, warnings) has been applied. */
  nextLoad: () => Promise<void>;
  button: (css: string) => HTMLElement | null;
  range: () => { from: string; to: string } | null;
  /** Drops what the calendar has fetched ahead, so the next step asks Rust (a cold load). */
  forget: () => void;
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits, at least `ms`, until the start's background work is over: the workspace check and
 *  the first backup of the day begin 5 s after the start (src-tauri/desktop/backups.rs) and
 *  would otherwise share the two cores with the steps being timed. The figures are the page
 *  in use, not the page during the start. */
const settled = (ms: number) => pause(Math.max(ms, 8000 - performance.now()));

/** One click on "previous" or "next", timed to the frame after the month is painted. */
async function step(p: CalendarProbe, css: ".ec-prev" | ".ec-next"): Promise<Split> {
  const loaded = p.nextLoad();
  const t0 = performance.now();
  p.button(css)?.click();
  await loaded;
  const data = performance.now() - t0;
  const { frame: f1, painted } = await paint(t0);
  // The frame after the one that painted the month: the month is on screen.
  await frame();
  return { total: performance.now() - t0, data, frame: f1, painted };
}

/** Where a step's time went: its data in place, the frame that draws it begun (script, style
 *  and layout done), that frame painted, and the frame after it (the step's figure). */
interface Split {
  total: number;
  data: number;
  frame: number;
  painted: number;
}

/** The next frame's callback, then a task queued from it, which runs once that frame has
 *  been rendered: milliseconds since `t0` of each. */
function paint(t0: number): Promise<{ frame: number; painted: number }> {
  return new Promise((done) =>
    requestAnimationFrame(() => {
      const f = performance.now() - t0;
      setTimeout(() => done({ frame: f, painted: performance.now() - t0 }), 0);
    }),
  );
}

async function reportSplit(name: string, s: Split): Promise<void> {
  await api.probeTiming(name, s.total);
  await api.probeTiming(`${name}-split-data`, s.data);
  await api.probeTiming(`${name}-split-frame`, s.frame);
  await api.probeTiming(`${name}-split-painted`, s.painted);
}

export async function playCalendar(p: CalendarProbe): Promise<void> {
  await settled(0);
  // Month view first (its first paint is not counted).
  const loaded = p.nextLoad();
  p.button(".ec-dayGridMonth")?.click();
  await loaded;
  await tick();
  await frame();
  await frame();
  // Timings are reported after each step, never inside it (a report is an IPC round trip).
  // Eleven months back through the year of posts and eleven forward again.
  for (let i = 0; i < 22; i++) {
    // The owner looks at a month before going on; meanwhile the months beside it arrive.
    await pause(400);
    const cold = i % 2 === 1;
    if (cold) p.forget();
    const split = await step(p, i < 11 ? ".ec-prev" : ".ec-next");
    await reportSplit(cold ? "calendar-month-cold" : "calendar-month", split);
    await api.probeTiming("calendar-month-events", document.querySelectorAll(".ec-event").length);
    const r = p.range();
    if (r) {
      // The same month's data alone over IPC, without drawing it.
      const t1 = performance.now();
      await api.calendarEvents(r.from, r.to, null);
      await api.probeTiming("calendar-month-ipc", performance.now() - t1);
    }
  }
  await api.startupReady();
}

export interface CampaignProbe {
  ids: () => number[];
  open: (id: number) => Promise<void>;
  close: () => void;
}

/** The campaign scenario (bench/campaigns.rs): the results page of the biggest campaign opened
 *  ten times from nothing, timed from the click to the frame after it is painted. */
export async function playCampaign(p: CampaignProbe): Promise<void> {
  await settled(300);
  const id = p.ids()[0];
  if (id != null) {
    for (let i = 0; i < 11; i++) {
      p.close();
      await tick();
      await frame();
      await pause(200);
      const t0 = performance.now();
      await p.open(id);
      const data = performance.now() - t0;
      await tick();
      const { frame: f1, painted } = await paint(t0);
      await frame();
      const total = performance.now() - t0;
      // The first opening warms the page's code; it is not counted.
      if (i > 0) await reportSplit("campaign-results", { total, data, frame: f1, painted });
      const t1 = performance.now();
      await api.openCampaign(id);
      if (i > 0) await api.probeTiming("campaign-results-ipc", performance.now() - t1);
    }
  }
  await api.startupReady();
}
