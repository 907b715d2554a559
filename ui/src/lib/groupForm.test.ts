import { describe, expect, it } from "vitest";
import { emptyDraft, parseWhole, toInput } from "./groupForm";

describe("typed numbers", () => {
  it("reads whole numbers the way people type them", () => {
    expect(parseWhole("")).toBeNull();
    expect(parseWhole(" 200 ")).toBe(200);
    expect(parseWhole("1,000")).toBe(1000);
    expect(parseWhole("1，000")).toBe(1000);
    expect(parseWhole("两百")).toBe("bad");
    expect(parseWhole("2.5")).toBe("bad");
    expect(parseWhole("-3")).toBe("bad");
  });

  it("flags unreadable numbers instead of sending them", () => {
    const d = emptyDraft();
    d.size_cap = "abc";
    d.goals.push({ horizon: "long", title: "会员", target: "x", due_date: "" });
    const { input, local } = toInput(d);
    expect(input.size_cap).toBeNull();
    expect(input.goals[0]?.due_date).toBeNull();
    expect(local.map((e) => e.field)).toEqual(["size_cap", "goals.0.target"]);
  });
});
