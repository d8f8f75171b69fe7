import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../src/experiment/parse-experiment.js";
import { runExperiment } from "../../src/experiment/simulate.js";
import { meanInterval } from "../../src/stats/mean-interval.js";
import { studentTQuantile } from "../../src/stats/student-t.js";

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

function metrics(granularity: "segment" | "record") {
  return SEEDS.map((seed) => {
    const config = parseExperimentText(EXPERIMENT, {
      overrides: [`granularity=${granularity}`, `seed=${seed}`],
    });
    const { result } = runExperiment(config);
    return {
      throttleRate: result.throttleRate,
      loss: result.dataLoss.fraction,
      p50: result.latencyMs.p50,
      p90: result.latencyMs.p90,
      p99: result.latencyMs.p99,
    };
  });
}

/** Welch's t statistic and its Welch–Satterthwaite degrees of freedom. */
function welch(a: number[], b: number[]): { t: number; df: number } {
  const x = meanInterval(a);
  const y = meanInterval(b);
  const va = (x.sd * x.sd) / a.length;
  const vb = (y.sd * y.sd) / b.length;
  const t = Math.abs(x.mean - y.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { t, df };
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
