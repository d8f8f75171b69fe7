import { expect, it } from "vitest";
import { parseExperimentText } from "../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { studentTQuantile } from "../../src/stats/student-t.js";
import { welch } from "./welch.js";

/**
 * Expects two granularities' values of one figure, seed by seed, to show no significant
 * difference: Welch's t below its 99.9 % quantile. Where both are the same histogram bucket at
 * every seed there is no variance to compare, so their means may differ by no more than the
 * latency histogram resolves (0.1 %, design.md §9) on each side.
 */
export function expectNoSignificantDifference(a: readonly number[], b: readonly number[]): void {
  const { t, df } = welch(a, b);
  if (Number.isFinite(t)) {
    expect(t).toBeLessThan(studentTQuantile(0.9995, df));
    return;
  }
  const mean = (values: readonly number[]) =>
    values.reduce((sum, value) => sum + value, 0) / values.length;
  // The same value everywhere (0, say) is agreement; a ratio to 0 would be NaN.
  if (mean(a) === mean(b)) return;
  expect(Math.abs(mean(a) / mean(b) - 1)).toBeLessThanOrEqual(0.002);
}

/**
 * One test per figure: the figure across seeds in two runs, `a` and `b` (one object of
 * figures per seed), shows no significant difference ({@link expectNoSignificantDifference}).
 */
export function itAgreesFigureByFigure<Figures extends object>(
  a: readonly Figures[],
  b: readonly Figures[],
  names: readonly (keyof Figures)[],
): void {
  for (const name of names) {
    it(`${String(name)}: no significant difference across ${a.length} seeds each`, () => {
      expectNoSignificantDifference(
        a.map((m) => Number(m[name])),
        b.map((m) => Number(m[name])),
      );
    });
  }
}

/** The result of the experiment `text` at each seed, its writes in windows as `windows` says. */
export function resultsBySeed(
  text: string,
  seeds: readonly number[],
  windows: "auto" | "always" | "never",
) {
  return seeds.map((seed) => {
    const config = parseExperimentText(text, { overrides: [`seed=${seed}`] });
    return simulateWithSeries(config, { windows }).result;
  });
}
