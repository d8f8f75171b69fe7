import { meanInterval } from "../../src/stats/mean-interval.js";

/**
 * Welch's two-sample t statistic (its absolute value) and its Welch–Satterthwaite degrees of
 * freedom.
 */
export function welch(a: readonly number[], b: readonly number[]): { t: number; df: number } {
  const x = meanInterval(a);
  const y = meanInterval(b);
  const va = (x.sd * x.sd) / a.length;
  const vb = (y.sd * y.sd) / b.length;
  const t = Math.abs(x.mean - y.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { t, df };
}
