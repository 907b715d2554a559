import { describe, expect, it } from "vitest";
import { rhythmRule } from "./calendar";

describe("rhythmRule", () => {
  it("writes the RFC 5545 rule of each rhythm", () => {
    expect(rhythmRule("workdays", 0)).toBe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    expect(rhythmRule("weekly", 2)).toBe("FREQ=WEEKLY;BYDAY=WE");
    expect(rhythmRule("last_friday", 0)).toBe("FREQ=MONTHLY;BYDAY=-1FR");
  });
});
