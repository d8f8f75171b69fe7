import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadExperimentFile } from "../../../src/experiment/config/load-experiment.js";
import { MAX_SIMULATED_SHARDS } from "../../../src/experiment/config/magnitude-bounds.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { resolveProfile } from "../../../src/experiment/config/resolve-profile.js";
import { WORK_STEP_LIMIT, workTerms } from "../../../src/experiment/config/work-budget.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { repoRoot } from "../../helpers/cli.js";
import { userErrorOf } from "../../helpers/user-error.js";

/**
 * Hunting crashes with the fuzzers (issue 15): documents whose every value is within its own
 * bounds, yet whose run would take hours — a century of one shard, `pollInterval: 1us` with no
 * GetRecords response time, `kcl.renewalInterval: 1us`, record granularity at 1e5 records/s
 * for an hour — are refused by the loader with one line, and 10 million shards (which
 * exhausted the heap) are refused as a limit.
 */

function parse(text: string) {
  return parseExperimentText(text, { fileName: "x.yaml" });
}

function errorOf(text: string): string {
  return userErrorOf(() => parse(text), text);
}

const experiment = (top: string, consumer = "{name: c}", producer = "{name: p, rate: 10}") =>
  [top, `producers: [${producer}]`, `consumers: [${consumer}]`].join("\n");

describe("runs that would take hours are refused before they start", () => {
  it.each([
    [
      "a century of one shard",
      experiment("duration: 36500d\nstream: {shards: 1}"),
      "producer ticks (resolution)",
    ],
    [
      "an hour of 100 shards polled every microsecond with no response time",
      experiment(
        "duration: 1h\nstream: {shards: 100}\nlimits: {getRecordsResponseTimeUs: 0}",
        "{name: c, pollInterval: 1us}",
      ),
      "GetRecords calls of c on 100 shards (pollInterval)",
    ],
    [
      "an hour of KCL lease renewals every microsecond",
      experiment(
        "duration: 1h\nstream: {shards: 2}",
        "{name: c, kcl: {workers: 2, renewalInterval: 1us}}",
      ),
      "lease timers of c's 2 workers",
    ],
    [
      "an hour of EFO subscriptions lasting a microsecond",
      experiment(
        "duration: 1h\nstream: {shards: 4}\nlimits: {efoSubscriptionUs: 1us, efoResubscribeMinIntervalUs: 0}",
        "{name: c, mode: efo}",
      ),
      "subscriptions of c on 4 shards",
    ],
    [
      "an hour of records one by one at 100,000/s",
      experiment(
        "duration: 1h\ngranularity: record\nstream: {shards: 100}",
        "{name: c}",
        "{name: p, rate: 100000}",
      ),
      "records (granularity: record)",
    ],
    [
      // 6e7 records, fewer than the budget, but all but 60,000 throttled and each retried 3
      // times: 2.4e8 puts. The fuzzer's 3,000,000/s on 4 shards ran for minutes in 2.7 GB.
      "a minute of 1,000,000 records/s one by one into one shard, retried 3 times",
      experiment(
        "duration: 1m\ngranularity: record\nstream: {shards: 1}",
        "{name: c}",
        "{name: p, rate: 1000000, api: putRecord}",
      ),
      "retries of throttled records (granularity: record)",
    ],
  ])("%s", (_, text, culprit) => {
    const message = errorOf(text);
    expect(message).toMatch(/^duration: a run of .* simulation steps, most of them /);
    expect(message).toContain(culprit);
    expect(message).toContain("200,000,000");
  });

  it("the catalogue and the benchmarks' largest workload fit the budget", () => {
    for (const file of ["experiments/retention-loss.yaml", "bench/workloads/seven-days.yaml"]) {
      const config = loadExperimentFile(join(repoRoot, file));
      const total = workTerms(config, resolveProfile(config)).reduce((s, t) => s + t.steps, 0);
      expect(total).toBeLessThan(WORK_STEP_LIMIT);
    }
  });
});

describe("the estimate is an upper bound on what the engine does", () => {
  // Cheap runs dominated by one timer each: the engine's event count stays below the estimate
  // (each estimated step is at most one event), and not far below it for the timer that
  // dominates, so the budget is neither blind nor wildly pessimistic.
  it.each([
    [
      "KCL renewals every millisecond",
      experiment(
        "duration: 2s\nstream: {shards: 2}",
        "{name: c, kcl: {workers: 2, renewalInterval: 1ms}}",
      ),
    ],
    [
      "polling every millisecond with no response time",
      experiment(
        "duration: 2s\nstream: {shards: 2}\nlimits: {getRecordsResponseTimeUs: 0, shardReadCallsPerSecond: 1e9}",
        "{name: c, pollInterval: 1ms}",
      ),
    ],
    [
      "records one by one at 20,000/s into one shard, retried 3 times",
      experiment(
        "duration: 2s\ngranularity: record\nstream: {shards: 1}",
        "{name: c}",
        "{name: p, rate: 20000, api: putRecord}",
      ),
    ],
  ])("%s", (_, text) => {
    const config = parse(text);
    const estimate = workTerms(config, resolveProfile(config)).reduce((s, t) => s + t.steps, 0);
    const { result } = simulateWithSeries(config);
    expect(result.engine.events).toBeLessThanOrEqual(estimate * 1.05);
    expect(result.engine.events).toBeGreaterThan(estimate / 4);
  });
});

describe("limits.maxShardsPerStream is bounded by what kinesim can hold", () => {
  it("refuses ten million shards with the bound and the reason", () => {
    expect(
      errorOf(
        experiment("duration: 1s\nlimits: {maxShardsPerStream: 1e7}\nstream: {shards: 10000000}"),
      ),
    ).toBe(
      "limits.maxShardsPerStream: expected an integer between 1 and 50,000 (each simulated shard holds memory; AWS allows 10,000, kinesis-facts.md §5), got 10000000",
    );
  });

  it("accepts the bound itself", () => {
    const config = parse(
      experiment(
        `duration: 1s\nlimits: {maxShardsPerStream: ${MAX_SIMULATED_SHARDS}}\nstream: {shards: 12000}`,
      ),
    );
    expect(config.stream.shards).toBe(12_000);
  });
});
