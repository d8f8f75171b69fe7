import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runSuggestion } from "../../../src/experiment/skew/run-suggestion.js";

describe("runSuggestion", () => {
  it("a run for one count, a sweep for several, nothing for none", () => {
    expect(runSuggestion("experiments/hot-key.yaml", [], [8])).toBe(
      "kinesim run experiments/hot-key.yaml --set stream.shards=8",
    );
    expect(runSuggestion("experiments/hot-key.yaml", [], [8, 16])).toBe(
      "kinesim sweep experiments/hot-key.yaml --vary stream.shards=8,16",
    );
    expect(runSuggestion("experiments/hot-key.yaml", [], [])).toBeUndefined();
  });

  it("keeps the user's --sets except one that sets the shard count", () => {
    expect(
      runSuggestion("x.yaml", ["producers[0].rate=3000", " stream.shards =5", "seed=2"], [12]),
    ).toBe(
      // Brackets quoted: a shell would read them as a file pattern.
      "kinesim run x.yaml --set 'producers[0].rate=3000' --set seed=2 --set stream.shards=12",
    );
  });

  it("quotes what a shell would split or expand, so that it reads back the same words", () => {
    const path = "my exp's/file $HOME.yaml";
    const line = runSuggestion(path, ["name=a b"], [4]) ?? "";
    // The shell's own reading of the suggestion, word by word.
    const words = execFileSync("sh", ["-c", `printf '%s\\n' ${line}`], { encoding: "utf8" })
      .trimEnd()
      .split("\n");
    expect(words).toEqual([
      "kinesim",
      "run",
      path,
      "--set",
      "name=a b",
      "--set",
      "stream.shards=4",
    ]);
  });
});
