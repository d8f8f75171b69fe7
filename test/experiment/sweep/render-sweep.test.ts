import { describe, expect, it } from "vitest";
import { renderSweepTable } from "../../../src/experiment/sweep/render-sweep.js";
import { SWEEP_METRICS } from "../../../src/experiment/sweep/run-metrics.js";
import type { SweepOutput } from "../../../src/experiment/sweep/sweep-output.js";
import type { MeanInterval } from "../../../src/stats/mean-interval.js";

/** A point whose every metric is 0.5 except the two cost metrics. */
function point(mode: string, usd: number, monthly: number): SweepOutput["points"][number] {
  const single = (mean: number): MeanInterval => ({ n: 1, mean, sd: 0, ci95: null });
  const metrics: Record<string, MeanInterval> = {};
  for (const metric of SWEEP_METRICS) metrics[metric] = single(0.5);
  metrics["cost.usd"] = single(usd);
  metrics["cost.monthlyUsdScaled"] = single(monthly);
  return { values: { "stream.mode": mode }, runs: 1, metrics };
}

describe("renderSweepTable's cost columns", () => {
  const output: SweepOutput = {
    kind: "kinesim-sweep",
    name: "modes",
    experimentHash: "x",
    masterSeed: 1,
    replications: 1,
    vary: [{ path: "stream.mode", values: ["provisioned", "on-demand"] }],
    metrics: [...SWEEP_METRICS],
    points: [point("provisioned", 0.1406, 51.3276), point("on-demand", 0.7359, 268.6035)],
  };
  const lines = renderSweepTable(output).split("\n");

  it("tells apart two points that differ only in cost", () => {
    expect(lines[3]).toMatch(/ {2}cost \$ {2}\$\/month$/);
    expect(lines[4]).toMatch(/ 0\.1406 {4}51\.33$/);
    expect(lines[5]).toMatch(/ 0\.7359 {3}268\.60$/);
    expect(lines[4]?.replace(/\s+\S+\s+\S+$/, "").replace("provisioned", "")).toBe(
      lines[5]?.replace(/\s+\S+\s+\S+$/, "").replace("  on-demand", ""),
    );
  });

  it("says that $/month is each run's cost scaled to the profile's month", () => {
    expect(lines).toContain(
      "$/month is each run's cost scaled to a month of limits.hoursPerMonth (730 h unless set)",
    );
  });
});
