/**
 * A consumer that ends the run with records it is not reading shows in the result (per
 * consumer `unreadShards` with a reason, `unreadAtEnd` beside data loss) and in the summary
 * (an `unread` headline and the reasons under the consumer table); what a healthy reader
 * still has in flight at the end (records after its last fetch) does not.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Shard } from "../../../models/shards/shard.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { renderSummary } from "../../../src/experiment/text/render-summary.js";

function run(consumers: string, events = "", extra = "") {
  return simulateWithSeries(
    parseExperimentText(`
name: unread
seed: 5
duration: 3m
metricsResolution: 1s
${extra}
stream: { shards: 2 }
producers: [{ name: p, rate: 100, recordSize: 200B }]
consumers: [${consumers}]
events: [${events}]
`),
  );
}

const headlines = (text: string) => text.split("\n").filter((line) => line.startsWith("  unread"));

describe("records a consumer is not reading at the end", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("a healthy consumer's last poll's worth is in flight, not reported", () => {
    const { result, series } = run("{ name: live, startAt: TRIM_HORIZON }");
    const c = result.consumers[0];
    expect(c?.unread).toBeGreaterThan(0);
    expect(c?.unreadInFlight).toBe(c?.unread);
    expect(c?.unreadShards).toEqual([]);
    expect(result.unreadAtEnd).toEqual({ records: 0, applications: 0 });
    expect(headlines(renderSummary(result, series))).toEqual([]);
  });

  it("a stopped consumer: every unread record, 'consumer stopped', in the headline", () => {
    const { result, series } = run(
      "{ name: live, startAt: TRIM_HORIZON }, { name: gone, startAt: TRIM_HORIZON }",
      "{ at: 1m, stopConsumer: gone }",
    );
    const gone = result.consumers[1];
    expect(gone?.unreadInFlight).toBe(0);
    expect(gone?.unreadShards.map((s) => s.reason)).toEqual([
      "consumer stopped",
      "consumer stopped",
    ]);
    const notReading = gone?.unreadShards.reduce((sum, s) => sum + s.unread, 0);
    expect(notReading).toBe(gone?.unread);
    expect(result.unreadAtEnd).toEqual({ records: gone?.unread, applications: 1 });
    const text = renderSummary(result, series);
    expect(headlines(text)).toEqual([
      `  unread        ${(gone?.unread ?? 0).toLocaleString("en-US")} records gone was not reading at the end`,
    ]);
    expect(text).toContain("records, consumer stopped");
    for (const line of text.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it("a consumer that cannot keep up is behind by what it could have read at its last poll", () => {
    // It starts at 1 min from TRIM_HORIZON, Poisson(3,000) records behind on each shard, and
    // reads 50 records a poll, once a second: as fast as they come on average (50/s per
    // shard). What it could have read at its last poll but did not is the backlog then:
    // mean 2 × 3,000, variance 2 × (3,000 + 120 polls × 50) = 18,000 (sd 134); allowed: five
    // standard deviations, plus 100 for the partial second around the first and last polls.
    const { result } = run("{ name: slow, startAt: TRIM_HORIZON, launchAt: 1m, maxRecords: 50 }");
    const c = result.consumers[0];
    const behind = c?.unreadShards.reduce((sum, s) => sum + s.unread, 0) ?? 0;
    expect(Math.abs(behind - 6_000)).toBeLessThanOrEqual(5 * Math.sqrt(18_000) + 100);
    expect(behind + (c?.unreadInFlight ?? 0)).toBe(c?.unread);
    for (const shard of c?.unreadShards ?? []) {
      expect(shard.reason).toBe("behind: it had more to read than its last fetch returned");
    }
  });

  it("a KCL application whose only worker stopped: 'lease not held by a live worker'", () => {
    const { result } = run(
      "{ name: kcl, startAt: TRIM_HORIZON, kcl: { workers: 1 } }",
      "{ at: 2m, stopWorker: kcl/1 }",
    );
    const reasons = result.consumers[0]?.unreadShards.map((s) => s.reason);
    expect(reasons).toEqual(["lease not held by a live worker", "lease not held by a live worker"]);
  });

  it("children waiting for a parent never read to its end (the stall enhanced fan-out had)", () => {
    // Puts back the old behaviour: a closing shard tells nobody, and subscriptions are not
    // renewed within the run, so a parent whose reader had caught up is never finished. One
    // record every 10 s: the parent's reader has caught up when it closes (about 1.5 min).
    // Record-level, where pushes are events that a close must set off (a segment run also
    // settles its pushes every second, which would find the parent's end anyway).
    vi.spyOn(Shard.prototype, "onClose").mockImplementation(() => {});
    const { result, series } = simulateWithSeries(
      parseExperimentText(`
name: stall
seed: 3
duration: 5m
granularity: record
limits: { efoSubscriptionUs: 1h }
stream: { shards: 1 }
producers: [{ name: p, rate: 0.1, arrival: constant, recordSize: 1KB }]
consumers: [{ name: fan, mode: efo, startAt: TRIM_HORIZON }]
events: [{ at: 1m, split: shardId-000000000000 }]
`),
    );
    const fan = result.consumers[0];
    expect(fan?.unreadShards.map((shard) => [shard.shardId, shard.reason])).toEqual([
      [
        "shardId-000000000001",
        "waiting for parent shardId-000000000000, which was never read to its end",
      ],
      [
        "shardId-000000000002",
        "waiting for parent shardId-000000000000, which was never read to its end",
      ],
    ]);
    expect(result.unreadAtEnd.records).toBe(fan?.unread);
    expect(headlines(renderSummary(result, series))).toHaveLength(1);
  });
});
