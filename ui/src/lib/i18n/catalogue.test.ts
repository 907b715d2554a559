import { describe, expect, it } from "vitest";
import { zhCN } from "./zh-CN";
import { en } from "./en";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the two catalogues", () => {
  it("have exactly the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it("have no empty sentences", () => {
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it("keep Chinese out of the English UI", () => {
    for (const [key, text] of Object.entries(en)) {
      expect(/[\u4e00-\u9fff]/.test(text), `${key}: ${text}`).toBe(false);
    }
  });
});
