import { describe, expect, it } from "vitest";
import { parseYuan, percent, yuan } from "./campaigns";

describe("campaign money and shares", () => {
  it("reads yuan as owners type them, refusing negatives and fractions of a fen", () => {
    expect(parseYuan("1200")).toBe(120000);
    expect(parseYuan("1,200.5")).toBe(120050);
    expect(parseYuan("¥300元")).toBe(30000);
    expect(parseYuan("-5")).toBeUndefined();
    expect(parseYuan("1.234")).toBeUndefined();
    expect(parseYuan("abc")).toBeUndefined();
  });

  it("writes fen back as yuan", () => {
    expect(yuan(120000)).toBe("¥1,200");
    expect(yuan(120050)).toBe("¥1,200.50");
    expect(yuan(null)).toBe("—");
  });

  it("counts a share only when there is something to count", () => {
    expect(percent(5, 6)).toBe(83);
    expect(percent(0, 0)).toBeNull();
  });
});
