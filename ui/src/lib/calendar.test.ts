import { describe, expect, it } from "vitest";
import { addDays, mondayOf, rhythmRule } from "./calendar";

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
