import { describe, expect, it } from "vitest";
import type { CalendarEvent } from "./bindings";
import { RangeCache, type RangeData } from "./calendarCache";
import { addDays } from "./calendar";

// A day's worth of data for every date in the range, and a log of what was asked.
function source() {
  const asked: string[] = [];
  const fetch = async (from: string, to: string): Promise<RangeData> => {
    asked.push(`${from}..${to}`);
    const events: CalendarEvent[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) events.push({ id: d, date: d } as CalendarEvent);
    return { events, warnings: [], years: [...new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))])], days: [] };
  };
  return { asked, fetch };
}

describe("the calendar's range cache", () => {
  it("cuts a range from a span it holds and fetches only what it lacks", async () => {
    const s = source();
    const cache = new RangeCache(s.fetch);
    const week = await cache.get("2026-11-30", "2026-12-06", null);
    expect(week.events.map((e) => e.date)).toEqual([
      "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06",
    ]);
    expect(week.years).toEqual([2026]);
    cache.prefetch("2026-11-30", "2026-12-06", null);
    // The week before with two weeks' margin, which holds the week after too.
    expect(s.asked).toEqual(["2026-11-30..2026-12-06", "2026-11-09..2026-12-13"]);
    await cache.get("2026-12-07", "2026-12-13", null);
    // The next week came from the span fetched ahead, without asking again.
    expect(s.asked.length).toBe(2);
    expect(cache.ready("2026-12-07", "2026-12-13", null)?.events.length).toBe(7);
    // Another group is another set of data.
    expect(cache.ready("2026-12-07", "2026-12-13", 4)).toBeNull();
  });

  it("forgets everything when cleared, and a failed fetch is not kept", async () => {
    const s = source();
    const cache = new RangeCache(s.fetch);
    await cache.get("2026-11-30", "2026-12-06", null);
    cache.clear();
    expect(cache.ready("2026-11-30", "2026-12-06", null)).toBeNull();
    const failing = new RangeCache(() => Promise.reject(new Error("no")));
    await expect(failing.get("2026-11-30", "2026-12-06", null)).rejects.toThrow("no");
    expect(failing.ready("2026-11-30", "2026-12-06", null)).toBeNull();
  });
});
