import { describe, expect, it } from "vitest";
import {
  batchProcessingUs,
  type DurationDistribution,
} from "../../../models/consumers/processing-time.js";
import { randomStream } from "../../../src/engine/random-streams.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

const none: DurationDistribution = { distribution: "fixed", us: 0 };

describe("batchProcessingUs", () => {
  it("is per-batch plus per-record for fixed times", () => {
    const random = randomStream(1, "p");
    expect(
      batchProcessingUs(
        random,
        10,
        { distribution: "fixed", us: 2000 },
        { distribution: "fixed", us: 500 },
      ),
    ).toBe(20_500);
    expect(
      batchProcessingUs(
        random,
        0,
        { distribution: "fixed", us: 2000 },
        { distribution: "fixed", us: 500 },
      ),
    ).toBe(0);
  });

  // For each distribution, the batch total's sample mean over 4,000 batches must lie within
  // 5 standard errors of n·mean: the standard error of the mean of the totals is
  // √(n·variance ÷ 4000) — exact for small n (sums of draws), and by construction for the
  // normal approximation above 32 records.
  const cases: [string, DurationDistribution, number, number][] = [
    ["uniform", { distribution: "uniform", minUs: 1000, maxUs: 3000 }, 2000, 2000 ** 2 / 12],
    ["exponential", { distribution: "exponential", meanUs: 1500 }, 1500, 1500 ** 2],
    [
      "lognormal",
      { distribution: "lognormal", medianUs: 1000, sigma: 0.5 },
      1000 * Math.exp(0.125),
      (1000 * Math.exp(0.125)) ** 2 * (Math.exp(0.25) - 1),
    ],
  ];
  for (const [name, distribution, mean, variance] of cases) {
    for (const n of [5, 200]) {
      it(`${name}: the mean total of ${n}-record batches is n × the mean`, () => {
        const random = randomStream(3, `${name}-${n}`);
        const batches = 4000;
        let sum = 0;
        for (let i = 0; i < batches; i++) sum += batchProcessingUs(random, n, distribution, none);
        const standardError = Math.sqrt((n * variance) / batches);
        expect(Math.abs(sum / batches - n * mean)).toBeLessThan(5 * standardError);
      });
    }
  }
});

describe("consumer capacity", () => {
  /** 1,000 records/s on one shard; the consumer can process at most 1 ÷ perRecord per second. */
  function run(processing: string, duration = "5m") {
    const text = `
duration: ${duration}
limits: { retentionMinUs: 1s }
stream: { shards: 1, retention: 2m }
producers: [{ name: p, rate: 1000, recordSize: 200B }]
consumers: [{ name: c, startAt: TRIM_HORIZON, ${processing} }]
`;
    return simulateWithSeries(parseExperimentText(text)).result;
  }

  it("a consumer that keeps up loses nothing", () => {
    const result = run("processingTime: 0.5ms");
    expect(result.dataLoss.records).toBe(0);
    expect(result.consumers[0]?.maxMillisBehindLatest).toBeLessThan(2000);
  });

  it("a consumer slower than the stream builds lag that ends in retention loss", () => {
    // 2 ms per record: 500 records/s against 1,000 written, so the backlog's age grows by
    // half a second per second and passes the 2-minute retention at about 4 minutes; from
    // then on about 500 records/s expire unread — over 8 minutes, about a quarter.
    const result = run(
      "processingTime: { distribution: exponential, mean: 2ms }, maxInFlight: 500",
      "8m",
    );
    const c = result.consumers[0];
    expect(c?.expiredUnread).toBeGreaterThan(0.2 * result.records.accepted);
    expect(c?.expiredUnread).toBeLessThan(0.3 * result.records.accepted);
    expect(result.dataLoss.expiredUnread).toBe(c?.expiredUnread);
    expect(c?.maxMillisBehindLatest).toBeGreaterThan(60_000);
  });

  it("per-batch time slows a consumer that fetches small batches", () => {
    const quick = run("pollInterval: 250ms, maxInFlight: 500");
    const slow = run("pollInterval: 250ms, maxInFlight: 500, batchProcessingTime: 1s");
    // 500 records per fetch: every 250 ms that is 2,000 records/s; with a second of work per
    // batch, 500 records/s — less than the 1,000 written.
    expect(quick.consumers[0]?.expiredUnread).toBe(0);
    expect(slow.consumers[0]?.expiredUnread).toBeGreaterThan(0);
  });
});
