import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { renderSummary } from "../../../src/experiment/text/render-summary.js";

function summaryOf(granularity: string): string {
  const config = parseExperimentText(
    [
      "duration: 10s",
      `granularity: ${granularity}`,
      "stream: {shards: 4}",
      "producers: [{name: p, rate: 2000, keys: {distribution: hotShare, share: 0.4, hotKeys: 1, cardinality: 500}}]",
    ].join("\n"),
  );
  return renderSummary(simulateWithSeries(config).result);
}

describe("the summary's skew lines", () => {
  it("name the hot key, its share and its shard; say whether keys were counted", () => {
    const record = summaryOf("record");
    expect(record).toMatch(
      /skew index \(max ÷ mean shard\) {2}\d\.\d\d accepted, \d\.\d\d expected/,
    );
    expect(record).toMatch(
      /hottest keys \(counted\):\n {4}key-0 +(39|40|41)\.\d\d % of records {2}→ shardId-/,
    );
    expect(summaryOf("segment")).toContain("hottest keys (estimated):");
  });

  it("leave out keys under 1 % of the records after the first", () => {
    // 500 keys: key-0 at 40 %, each of the others ≈ 0.12 %.
    const lines = summaryOf("record").split("\n");
    const first = lines.findIndex((line) => line.includes("hottest keys"));
    expect(lines[first + 1]).toContain("key-0");
    expect(lines[first + 2]).not.toMatch(/^ {4}key-/);
  });
});
