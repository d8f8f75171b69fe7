import { normalQuantile } from "../../src/engine/distributions/normal-quantile.js";
import { standardNormalCdf } from "./normal-cdf.js";

/**
 * A record-size distribution seen through its quantile function Q (level u ∈ (0, 1) → the
 * size at that level): what segment mode needs to draw a long run's sizes by level ranges
 * (its largest records one by one, the rest as a total) without drawing every record.
 */
export interface SizeQuantiles {
  /** Q(level): the smallest size whose cumulative probability reaches `level`. */
  quantile(level: number): number;
  /** P(size ≤ bytes). */
  cdf(bytes: number): number;
  /**
   * ∫₀^level Q(v) dv and ∫₀^level Q(v)² dv: the first and second moments of the records
   * below `level`, each weighted by its probability.
   */
  partialMoments(level: number): readonly [number, number];
  readonly minBytes: number;
}

/** Integers uniform on [minBytes, maxBytes] (exact: discrete levels). */
export function uniformQuantiles(minBytes: number, maxBytes: number): SizeQuantiles {
  const span = maxBytes - minBytes + 1;
  return {
    minBytes,
    quantile: (level) => minBytes + Math.min(span - 1, Math.floor(level * span)),
    cdf: (bytes) => Math.min(1, Math.max(0, (Math.floor(bytes) - minBytes + 1) / span)),
    partialMoments(level) {
      // k whole values below the level, then a fraction of value minBytes + k.
      const k = Math.min(span, Math.floor(level * span));
      const part = level * span - k;
      const a = minBytes;
      const first = k * a + (k * (k - 1)) / 2;
      const second = k * a * a + a * k * (k - 1) + ((k - 1) * k * (2 * k - 1)) / 6;
      const next = a + k;
      return [(first + part * next) / span, (second + part * next * next) / span];
    },
  };
}

/**
 * exp(Normal(mu, sigma)) rounded to whole bytes, at least 1 and at most `capBytes`
 * (Infinity: no cap). Moments use the continuous law; rounding moves them by under a byte.
 */
export function lognormalQuantiles(mu: number, sigma: number, capBytes: number): SizeQuantiles {
  const round = (bytes: number) => Math.max(1, Math.min(capBytes, Math.round(bytes)));
  const capLevel = Number.isFinite(capBytes)
    ? standardNormalCdf((Math.log(capBytes) - mu) / sigma)
    : 1;
  /** E[X^k; X ≤ Q(level)] for the uncapped law, level ≤ capLevel. */
  const uncapped = (level: number, k: number) =>
    level <= 0
      ? 0
      : Math.exp(k * mu + (k * k * sigma * sigma) / 2) *
        standardNormalCdf(normalQuantile(Math.min(1, level)) - k * sigma);
  return {
    minBytes: 1,
    quantile: (level) => round(Math.exp(mu + sigma * normalQuantile(level))),
    cdf: (bytes) =>
      bytes >= capBytes ? 1 : bytes <= 0 ? 0 : standardNormalCdf((Math.log(bytes) - mu) / sigma),
    partialMoments(level) {
      if (level <= capLevel) return [uncapped(level, 1), uncapped(level, 2)];
      const atCap = level - capLevel;
      return [
        uncapped(capLevel, 1) + atCap * capBytes,
        uncapped(capLevel, 2) + atCap * capBytes * capBytes,
      ];
    },
  };
}

/** The sizes of a trace: distinct `bytes` (ascending) with their `counts`. */
export function empiricalQuantiles(
  bytes: readonly number[],
  counts: readonly number[],
): SizeQuantiles {
  const n = bytes.length;
  const cumulative = new Float64Array(n);
  const cumulativeFirst = new Float64Array(n);
  const cumulativeSecond = new Float64Array(n);
  let total = 0;
  for (const count of counts) total += count;
  let level = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < n; i++) {
    const p = (counts[i] as number) / total;
    const size = bytes[i] as number;
    level += p;
    first += p * size;
    second += p * size * size;
    cumulative[i] = level;
    cumulativeFirst[i] = first;
    cumulativeSecond[i] = second;
  }
  /** Index of the first size whose cumulative level reaches `level`. */
  const indexAt = (target: number) => {
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) >= target) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  return {
    minBytes: bytes[0] as number,
    quantile: (target) => bytes[indexAt(target)] as number,
    cdf(size) {
      let low = 0;
      let high = n;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((bytes[middle] as number) <= size) low = middle + 1;
        else high = middle;
      }
      return low === 0 ? 0 : (cumulative[low - 1] as number);
    },
    partialMoments(target) {
      if (target <= 0) return [0, 0];
      const i = indexAt(Math.min(target, cumulative[n - 1] as number));
      const before = i === 0 ? 0 : (cumulative[i - 1] as number);
      const part = Math.max(0, Math.min(target, cumulative[i] as number) - before);
      const size = bytes[i] as number;
      return [
        (i === 0 ? 0 : (cumulativeFirst[i - 1] as number)) + part * size,
        (i === 0 ? 0 : (cumulativeSecond[i - 1] as number)) + part * size * size,
      ];
    },
  };
}
