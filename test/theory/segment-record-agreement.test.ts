import { describe, expect, it } from "vitest";
import { standardNormalCdf } from "../../models/workload/normal-cdf.js";
import { parseExperimentText } from "../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { studentTQuantile } from "../../src/stats/student-t.js";
import { itAgreesFigureByFigure } from "../helpers/agreement.js";
import { perRecordReference } from "../helpers/per-record-reference.js";
import { welch } from "../helpers/welch.js";

/**
 * Segment mode must be a faster way to get record mode's answers (issue 3): on the same
 * experiment — two shards pushed past their limits with Zipf keys, PutRecords batches,
 * retries with backoff, and a polling consumer — the throttle rate, data loss and latency
 * percentiles of the two granularities must not differ significantly. Each metric is
 * compared across seeds with Welch's two-sample t statistic, at the 99.9 % level.
 */
const EXPERIMENT = `
name: agreement
duration: 60s
stream: { shards: 2 }
producers:
  - name: p
    rate: 2100
    recordSize: 800B
    keys: { distribution: zipf, cardinality: 1000, exponent: 0.8 }
    batch: { linger: 100ms }
    retries: { max: 2, backoff: 100ms }
consumers:
  - { name: c, pollInterval: 500ms, startAt: TRIM_HORIZON }
`;

const SEEDS = [1, 2, 3, 4, 5, 6];

/** The throttle rate and data loss of experiment `text` at each of `seeds`, at `granularity`. */
function throttlingBySeed(
  text: string,
  granularity: "segment" | "record",
  seeds: readonly number[],
) {
  return seeds.map((seed) => {
    const config = parseExperimentText(text, {
      overrides: [`granularity=${granularity}`, `seed=${seed}`],
    });
    const { result } = simulateWithSeries(config);
    return { throttleRate: result.throttleRate, loss: result.dataLoss.fraction };
  });
}

function metrics(granularity: "segment" | "record") {
  return SEEDS.map((seed) => {
    const config = parseExperimentText(EXPERIMENT, {
      overrides: [`granularity=${granularity}`, `seed=${seed}`],
    });
    const { result } = simulateWithSeries(config);
    return {
      throttleRate: result.throttleRate,
      loss: result.dataLoss.fraction,
      p50: result.latencyMs.p50,
      p90: result.latencyMs.p90,
      p99: result.latencyMs.p99,
    };
  });
}

describe("segment and record granularity agree statistically", () => {
  const segment = metrics("segment");
  const record = metrics("record");
  for (const name of ["throttleRate", "loss", "p50", "p90", "p99"] as const) {
    it(`${name}: no significant difference across ${SEEDS.length} seeds each`, () => {
      const { t, df } = welch(
        segment.map((m) => m[name]),
        record.map((m) => m[name]),
      );
      expect(t).toBeLessThan(studentTQuantile(0.9995, df));
    });
  }

  it("the experiment really throttles and loses records (the comparison is not vacuous)", () => {
    for (const m of [...segment, ...record]) {
      expect(m.throttleRate).toBeGreaterThan(0.2);
      expect(m.loss).toBeGreaterThan(0.02);
    }
  });
});

/**
 * Heavy-tailed sizes (issue 11): log-normal sizes near the byte limit, in PutRecords batches.
 * Here what a shard refuses depends on each record's size — PutRecords decides record by
 * record, so a large record refused leaves room for the small ones behind it, and the
 * records refused are mostly the large ones — and a sum of a few log-normal sizes is far from
 * normal. Segment mode, record mode and an independent per-record reference
 * (test/helpers/per-record-reference.ts: a plain loop with its own random numbers) must agree
 * on the throttle rate and the data loss: Welch's t across seeds at the 99.9 % level, so the
 * tolerance is the run-to-run variance itself.
 *
 * Assumptions the three share (so a difference is the model's, not the setting's): Poisson
 * arrivals; partition keys `key-0 … key-999` counted in the byte limit; batches sent 100 ms
 * after their first record or at 500 records; both buckets full at the start; a record too
 * large for the stream (data plus key above 1 MiB, about 1 in 10,000 here) is never sent.
 * The issue quoted record mode at 0.74 % against 0.38 % for an independent simulator in the
 * first case; with these shared assumptions record mode and the reference agree (≈ 0.3 %).
 * What moves that figure is batching: the same records put one by one, each as it arrives,
 * throttle ≈ 0.19 % in the reference, since a batch of ≈ 9 records arrives at the shard at once.
 */
const MIB = 1_048_576;
/** Mean UTF-8 length of key-0 … key-999: 4 + (10·1 + 90·2 + 900·3) ÷ 1000. */
const MEAN_KEY_BYTES = 4 + 2.89;

/** Records per second that offer `share` of a shard's byte limit (data of records that fit plus keys). */
function rateForShare(share: number, medianBytes: number, sigma: number): number {
  // E[X | X ≤ L] for X log-normal: e^{μ+σ²/2}·Φ((ln L − μ − σ²)/σ) ÷ Φ((ln L − μ)/σ).
  const mu = Math.log(medianBytes);
  const limit = Math.log(MIB - MEAN_KEY_BYTES);
  const fits = standardNormalCdf((limit - mu) / sigma);
  const mean =
    (Math.exp(mu + (sigma * sigma) / 2) * standardNormalCdf((limit - mu - sigma * sigma) / sigma)) /
    fits;
  return (share * MIB) / (mean + MEAN_KEY_BYTES);
}

const HEAVY_CASES = [
  {
    label: "log-normal median 4 KB, σ 1.5, at 98 % of the byte limit, no retries",
    medianBytes: 4000,
    sigma: 1.5,
    retries: 0,
    seconds: 1800,
  },
  {
    // About 70 records a shard per batch: segments list their 32 largest records and carry
    // the others as a total (models/workload/run-sizes.ts).
    label: "log-normal median 200 B, σ 2, at 98 % of the byte limit, 2 retries",
    medianBytes: 200,
    sigma: 2,
    retries: 2,
    seconds: 600,
  },
] as const;

const HEAVY_SEEDS = [1, 2, 3, 4, 5, 6];

describe("heavy-tailed record sizes in batches: segment, record and a per-record reference agree", () => {
  for (const c of HEAVY_CASES) {
    const rate = rateForShare(0.98, c.medianBytes, c.sigma);
    const text = `
name: heavy-tail
duration: ${c.seconds}s
stream: { shards: 1 }
producers:
  - name: p
    rate: ${rate}
    recordSize: { distribution: lognormal, median: ${c.medianBytes}B, sigma: ${c.sigma} }
    keys: { distribution: uniform, cardinality: 1000 }
    batch: { linger: 100ms }
    retries: { max: ${c.retries}, backoff: 100ms, maxBackoff: 5s }
`;
    const segment = throttlingBySeed(text, "segment", HEAVY_SEEDS);
    const record = throttlingBySeed(text, "record", HEAVY_SEEDS);
    const reference = HEAVY_SEEDS.map((seed) =>
      perRecordReference({
        ratePerSecond: rate,
        seconds: c.seconds,
        medianBytes: c.medianBytes,
        sigma: c.sigma,
        keys: 1000,
        lingerSeconds: 0.1,
        maxRecords: 500,
        retries: c.retries,
        backoffSeconds: 0.1,
        maxBackoffSeconds: 5,
        seed: 1000 + seed,
      }),
    );
    for (const name of ["throttleRate", "loss"] as const) {
      const pick = (runs: readonly { throttleRate: number; loss: number }[]) =>
        runs.map((run) => run[name]);
      for (const [label, runs] of [
        ["segment mode", segment],
        ["record mode", record],
      ] as const) {
        it(`${c.label}: ${label} and the reference agree on ${name}`, () => {
          const { t, df } = welch(pick(runs), pick(reference));
          expect(t).toBeLessThan(studentTQuantile(0.9995, df));
        });
      }
    }
    it(`${c.label}: the comparison is not vacuous (the reference throttles)`, () => {
      for (const run of reference) expect(run.throttledAttempts).toBeGreaterThan(50);
    });
  }
});

/**
 * A finite key set does not load shards evenly: here 20,000 uniform keys over 10 shards give
 * each shard its MD5 count of keys, 2,000 give or take 44 (2.2 %), and a stream offered its
 * limit on average throttles the shards that drew more keys. Record mode routes every record
 * by its key's MD5, so it finds them; segment mode must too (its shard shares come from the
 * same keys, hashed one by one: tail-keys.ts). Spread by hash-range width instead, as segment
 * mode once spread any key set above 10,000 keys, every shard got exactly its limit and the
 * run throttled nothing, where record mode throttles about 5 % of attempts.
 */
const KEY_SET_SKEW = `
name: key-set-skew
duration: 60s
stream: { shards: 10 }
producers:
  - name: p
    rate: 10000
    recordSize: 1KB
    keys: { distribution: uniform, cardinality: 20000 }
`;

describe("segment and record granularity agree on the shards a key set loads most", () => {
  const segment = throttlingBySeed(KEY_SET_SKEW, "segment", SEEDS);
  const record = throttlingBySeed(KEY_SET_SKEW, "record", SEEDS);
  itAgreesFigureByFigure(segment, record, ["throttleRate", "loss"]);

  it("both throttle (the comparison is not vacuous)", () => {
    for (const m of [...segment, ...record]) expect(m.throttleRate).toBeGreaterThan(0.01);
  });
});
