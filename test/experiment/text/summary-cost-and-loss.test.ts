import { describe, expect, it } from "vitest";
import type { RunResult } from "../../../src/experiment/run/result-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { renderSummary } from "../../../src/experiment/text/render-summary.js";
import { experiment, producer } from "../../helpers/experiment.js";
import { checkWidth } from "../../helpers/summary-shape.js";

const S = 1_000_000;

describe("the summary's cost: the run's, then scaled to a 730-hour month", () => {
  const { result } = simulateWithSeries(
    experiment({ durationUs: 20 * S, stream: { shards: 2 }, producers: [producer({ rate: 500 })] }),
  );
  const text = renderSummary(result);

  it("prints the month under the run's cost and says it is the run scaled", () => {
    const lines = text.split("\n");
    const at = lines.findIndex((line) => line.startsWith("  cost          "));
    expect(lines[at]).toBe(`  cost          $${result.cost.usd.toFixed(4)} for the simulated 20 s`);
    const month = /^ {16}\$([\d,]+\.\d\d) a month: the run scaled to 730 h$/.exec(
      lines[at + 1] ?? "",
    );
    expect(month).not.toBeNull();
    // 20 s scaled to 730 h: × 131,400. Printed in cents, so within half a cent.
    const printed = Number((month?.[1] ?? "").replaceAll(",", ""));
    expect(Math.abs(printed - result.cost.usd * 131_400)).toBeLessThanOrEqual(0.005 + 1e-9);
    // Two shards for 730 h cost at least their shard-hours: 2 × 730 × $0.015 = $21.90.
    expect(printed).toBeGreaterThan(21.9);
    checkWidth(text);
  });
});

describe("dropped % per producer, where there is more than one", () => {
  // A gateway writing under one key overloads its shard; devices spread over both shards.
  const { result } = simulateWithSeries(
    experiment({
      durationUs: 20 * S,
      stream: { shards: 2 },
      producers: [
        producer({ name: "devices", rate: 400 }),
        producer({
          name: "gateway",
          rate: 1500,
          keys: { distribution: "uniform", cardinality: 1, prefix: "gw" },
        }),
      ],
    }),
  );
  const text = renderSummary(result);

  it("gives each producer its own share of records dropped, highest first", () => {
    const [devices, gateway] = result.producers;
    const share = (p: (typeof result.producers)[number] | undefined) =>
      (p?.dropped ?? 0) / (p?.offered ?? 1);
    // No retries: the gateway's 1,500 records/s to a shard taking 1,000 lose about a third
    // (the devices' share of that shard takes some of its capacity too).
    expect(share(gateway)).toBeGreaterThan(0.3);
    expect(share(devices)).toBeLessThan(0.3);
    const percent = (p: (typeof result.producers)[number] | undefined) =>
      `${(100 * share(p)).toFixed(2)} %`;
    expect(text).toContain(
      `  dropped of each producer's offered: gateway ${percent(gateway)}, devices ${percent(devices)}\n`,
    );
    // Under the producer table, before the shard table.
    expect(text.indexOf("dropped of each")).toBeGreaterThan(text.indexOf("  producer "));
    expect(text.indexOf("dropped of each")).toBeLessThan(text.indexOf("  shard "));
    checkWidth(text);
  });

  it("says that records expired in the stream are not attributed, when there are some", () => {
    expect(text).not.toContain("expired unread:");
    const expired: RunResult = { ...result, dataLoss: { ...result.dataLoss, expiredUnread: 1234 } };
    const withExpired = renderSummary(expired);
    expect(withExpired.replaceAll("\n    ", " ")).toContain(
      "(not counting the 1,234 records that expired unread: the stream does not say which producer wrote them)",
    );
    checkWidth(withExpired);
  });

  it("keeps each percentage with its number when the line wraps", () => {
    // Names of every length from 1 to 30: wherever the 80th column falls, it falls once
    // between a number and its "%" for one of them.
    for (let length = 1; length <= 30; length++) {
      const many: RunResult = {
        ...result,
        producers: Array.from({ length: 5 }, (_, i) => ({
          ...(result.producers[i % result.producers.length] as RunResult["producers"][number]),
          name: `${i}${"x".repeat(length - 1)}`,
        })),
      };
      const text = renderSummary(many);
      for (const line of text.split("\n")) {
        expect(line.trimStart().startsWith("%"), line).toBe(false);
      }
      expect(text.replaceAll("\n    ", " ")).toMatch(/dropped of each producer's offered: .*\d %/);
    }
  });

  it("has no such line with one producer", () => {
    const one: RunResult = { ...result, producers: result.producers.slice(0, 1) };
    expect(renderSummary(one)).not.toContain("dropped of each");
  });
});

describe("a note under the shard table when a peak is above the shard's limit", () => {
  // 1,500 records/s at one shard of 1,000/s, metrics per second. A bucket limiter starts full
  // (1 s deep): its first second can take up to 1,000 saved + 1,000 refilled. Fixed one-second
  // windows take at most 1,000 in each second.
  const overloaded = (limiter: "bucket" | "window") =>
    simulateWithSeries(
      experiment({
        durationUs: 10 * S,
        stream: { shards: 1, limiter },
        producers: [producer({ rate: 1500 })],
      }),
    ).result;

  it("explains a bucket's peak above 1,000 records/s", () => {
    const result = overloaded("bucket");
    const peak = result.shards[0]?.peakRecordsPerSecond ?? 0;
    expect(peak).toBeGreaterThan(1000);
    expect(peak).toBeLessThanOrEqual(2000);
    const text = renderSummary(result);
    expect(text).toContain("  peaks above 1,000 rec/s or 1,049 KB/s: a shard's write bucket");
    checkWidth(text);
  });

  it("prints no note when no peak passes the limit", () => {
    const result = overloaded("window");
    expect(result.shards[0]?.peakRecordsPerSecond).toBeLessThanOrEqual(1000);
    expect(renderSummary(result)).not.toContain("peaks above");
  });
});

describe("the shard table's width", () => {
  it("stays within 80 columns with seven-digit counts (on-demand-spike's hottest shard)", () => {
    const { result } = simulateWithSeries(experiment({ stream: { shards: 1 } }));
    const shard = result.shards[0];
    if (shard === undefined) throw new Error("no shard");
    const busy: RunResult = {
      ...result,
      shards: [{ ...shard, accepted: 1_498_002, throttledAttempts: 1_067_183 }],
    };
    const text = renderSummary(busy);
    expect(text).toContain("  shardId-000000000000  1,498,002  1,067,183");
    checkWidth(text);
  });
});
