import { studentTQuantile } from "./student-t.js";

/** A sample mean with its Student-t 95 % confidence interval. */
export interface MeanInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for one observation. */
  sd: number;
  /** [low, high], or null with fewer than two observations. */
  ci95: [number, number] | null;
}

/**
 * Mean and two-sided 95 % interval mean ± t(0.975, n−1)·sd/√n of independent replications
 * (the replications of a sweep point use independent seeds).
 */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, sd: 0, ci95: null };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: 0, ci95: null };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, ci95: [mean - half, mean + half] };
}
