import { describe, expect, it } from "vitest";
import { lessonFromHash } from "../../src/playground/lesson-from-hash.js";

describe("the lesson a page address names", () => {
  it("is the fragment, percent-decoded", () => {
    expect(lessonFromHash("#hot-key")).toBe("hot-key");
    expect(lessonFromHash("#hot%2Dkey")).toBe("hot-key");
    expect(lessonFromHash("")).toBe("");
  });

  it("is the fragment as written when it is not valid percent-encoding (decodeURIComponent throws)", () => {
    expect(lessonFromHash("#%")).toBe("%");
    expect(lessonFromHash("#%E0%A4%A")).toBe("%E0%A4%A");
  });
});
