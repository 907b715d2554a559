import { describe, expect, it } from "vitest";
import type { Placeholder } from "./bindings";
import { highlight, insertAt, kindKey, lineColumn, toEnglishNames } from "./scripts";

const placeholders: Placeholder[] = [
  { name: "昵称", english: "nickname", builtin: "nickname" },
  { name: "群名", english: "group", builtin: "group" },
  { name: "会员卡号", english: "会员卡号", builtin: null },
];

describe("the script editor's text", () => {
  it("shows placeholders under their English names, fallbacks and literal braces untouched", () => {
    expect(toEnglishNames("欢迎{昵称|朋友}来{群名}，卡号{会员卡号} {{不是}}", placeholders)).toBe(
      "欢迎{nickname|朋友}来{group}，卡号{会员卡号} {{不是}}",
    );
  });

  it("marks problems and words by character, emoji counted once", () => {
    const pieces = highlight("🎉加微信{群明}", [{ kind: "unknown", at: 4, len: 4, name: "群明" }], [
      { word: "加微信", at: 1, len: 3, line: 1, column: 2 },
    ]);
    expect(pieces).toEqual([
      { text: "🎉", mark: null },
      { text: "加微信", mark: "word" },
      { text: "{群明}", mark: "problem" },
    ]);
  });

  it("places a position on its line and column", () => {
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn("ab", 0)).toEqual({ line: 1, column: 1 });
  });

  it("inserts a placeholder at the caret", () => {
    expect(insertAt("欢迎加入", 2, 2, "{昵称}")).toEqual({ body: "欢迎{昵称}加入", caret: 6 });
  });

  it("names the shipped kinds and leaves the owner's own alone", () => {
    expect(kindKey("welcome")).toBe("script.kind.welcome");
    expect(kindKey("直播预告")).toBeNull();
  });
});
