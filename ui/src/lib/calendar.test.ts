import { describe, expect, it } from "vitest";
import { addDays, mondayOf, rhythmRule, monthGrid, stepRange } from "./calendar";

describe("rhythmRule", () => {
  it("writes the RFC 5545 rule of each rhythm", () => {
    expect(rhythmRule("workdays", 0)).toBe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    expect(rhythmRule("weekly", 2)).toBe("FREQ=WEEKLY;BYDAY=WE");
    expect(rhythmRule("last_friday", 0)).toBe("FREQ=MONTHLY;BYDAY=-1FR");
  });
});

describe("week arithmetic", () => {
  it("finds the Monday and steps across months and years", () => {
    expect(mondayOf("2026-12-03")).toBe("2026-11-30");
    expect(mondayOf("2026-11-30")).toBe("2026-11-30");
    expect(mondayOf("2027-01-03")).toBe("2026-12-28");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });
});

describe("the range a step leads to", () => {
  it("gives a month's whole weeks from Monday", () => {
    // December 2026 starts on a Tuesday and ends on a Thursday.
    expect(monthGrid("2026-12-15")).toEqual({ from: "2026-11-30", to: "2027-01-03" });
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(monthGrid("2027-02-10")).toEqual({ from: "2027-02-01", to: "2027-02-28" });
  });

  it("steps a month view by months and a week view by weeks", () => {
    const dec = monthGrid("2026-12-01");
    expect(stepRange(dec, true, -1, "2026-12-03")).toEqual(monthGrid("2026-11-01"));
    expect(stepRange(dec, true, 1, "2026-12-03")).toEqual({ from: "2026-12-28", to: "2027-01-31" });
    expect(stepRange(monthGrid("2027-03-01"), true, 0, "2026-12-03")).toEqual(dec);
    const week = { from: "2026-11-30", to: "2026-12-06" };
    expect(stepRange(week, false, -1, "2026-12-03")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(stepRange({ from: "2027-01-04", to: "2027-01-10" }, false, 0, "2026-12-03")).toEqual(week);
  });
});
