import { createAliasTable } from "../../src/engine/distributions/alias-table.js";
import { lognormal } from "../../src/engine/distributions/lognormal.js";
import { uniformInt } from "../../src/engine/distributions/uniform.js";
import type { Random } from "../../src/engine/random-streams.js";
import { standardNormalCdf } from "./normal-cdf.js";
import { drawRunSizes, type RunSizes } from "./run-sizes.js";
import {
  empiricalQuantiles,
  lognormalQuantiles,
  type SizeQuantiles,
  uniformQuantiles,
} from "./size-quantiles.js";

export { standardNormalCdf };

/** A producer's `recordSize:` setting, normalized: data-blob bytes per record. */
export type RecordSizeConfig =
  | { readonly distribution: "fixed"; readonly bytes: number }
  | { readonly distribution: "uniform"; readonly minBytes: number; readonly maxBytes: number }
  | {
      readonly distribution: "lognormal";
      readonly medianBytes: number;
      readonly sigma: number;
      /**
       * The producer caps its records at this size. Absent: no cap; a drawn record too large
       * for the stream is never sent (it is dropped as oversize).
       */
      readonly maxBytes?: number;
    }
  | {
      /** The sizes of a trace file, each as often as it occurs there. */
      readonly distribution: "empirical";
      /** Distinct sizes, ascending. */
      readonly bytes: readonly number[];
      readonly counts: readonly number[];
    }
  | {
      /** A size per period (a CloudWatch export's IncomingBytes ÷ IncomingRecords). */
      readonly distribution: "perPeriod";
      readonly periodUs: number;
      /** Per period, data-blob bytes per record; the last one holds after the end. */
      readonly bytes: readonly number[];
    };

/** Draws data-blob sizes, one at a time or for a whole run of records (segment mode). */
export interface RecordSizeModel {
  /** Mean data bytes of the records small enough for the stream (those that are sent). */
  readonly meanBytes: number;
  /**
   * Share of the records larger than the data limit (0 for every bounded distribution: the
   * loader refuses those that could exceed the stream's max record size).
   */
  readonly oversizeShare: number;
  /** One record's data size (above the data limit for an oversize record). */
  sample(random: Random): number;
  /** The sizes of `count` records in a run (read it before the next call: it may be reused). */
  sampleRun(random: Random, count: number): RunSizes;
}

/**
 * @param clock the simulated time, for sizes that change over time (`perPeriod`).
 * @param dataLimitBytes data bytes above which a record is too large for the stream (the
 *   stream's max record size less the partition key); only unbounded log-normal sizes reach it.
 */
export function createRecordSizeModel(
  config: RecordSizeConfig,
  clock: () => number = () => 0,
  dataLimitBytes = Number.POSITIVE_INFINITY,
): RecordSizeModel {
  switch (config.distribution) {
    case "fixed":
      return sameSize(config.bytes, () => config.bytes);
    case "perPeriod":
      return periodSizes(config.periodUs, config.bytes, clock);
    case "uniform": {
      const { minBytes, maxBytes } = config;
      const span = maxBytes - minBytes + 1;
      const sample = (random: Random) => minBytes + uniformInt(random, span);
      return varyingSizes(sample, uniformQuantiles(minBytes, maxBytes), dataLimitBytes);
    }
    case "lognormal": {
      const { medianBytes, sigma } = config;
      const cap = config.maxBytes ?? Number.POSITIVE_INFINITY;
      const mu = Math.log(medianBytes);
      const sample = (random: Random) =>
        Math.max(1, Math.min(cap, Math.round(lognormal(random, mu, sigma))));
      return varyingSizes(sample, lognormalQuantiles(mu, sigma, cap), dataLimitBytes);
    }
    case "empirical": {
      const table = createAliasTable(config.counts);
      const sample = (random: Random) => config.bytes[table.sample(random)] as number;
      return varyingSizes(sample, empiricalQuantiles(config.bytes, config.counts), dataLimitBytes);
    }
  }
}

/** Sizes that vary: drawn one by one, or for a run by levels (run-sizes.ts). */
function varyingSizes(
  sample: (random: Random) => number,
  quantiles: SizeQuantiles,
  dataLimitBytes: number,
): RecordSizeModel {
  const fitLevel = Number.isFinite(dataLimitBytes) ? quantiles.cdf(dataLimitBytes) : 1;
  const [first] = quantiles.partialMoments(fitLevel);
  return {
    meanBytes: fitLevel > 0 ? first / fitLevel : 0,
    oversizeShare: 1 - fitLevel,
    sample,
    sampleRun: (random, count) => drawRunSizes(random, count, sample, quantiles, dataLimitBytes),
  };
}

/**
 * Every record of a run has the same size, `bytesNow()`. Its runs list no sizes, and one
 * result object serves every call (it is read before the next draw): segment mode asks for a
 * run per shard and tick, and a fresh object each time showed as garbage-collection time.
 */
function sameSize(meanBytes: number, bytesNow: () => number): RecordSizeModel {
  const run = { oversize: 0, dataBytes: 0, listed: NOTHING_LISTED };
  return {
    meanBytes,
    oversizeShare: 0,
    sample: () => bytesNow(),
    sampleRun: (_random, count) => {
      run.dataBytes = count * bytesNow();
      return run;
    },
  };
}

const NOTHING_LISTED: readonly number[] = [];

/**
 * A fixed size per period, read at the current simulated time; `meanBytes` (used for sizing
 * figures) is the mean over periods weighted equally.
 */
function periodSizes(
  periodUs: number,
  bytes: readonly number[],
  clock: () => number,
): RecordSizeModel {
  const at = () => bytes[Math.min(bytes.length - 1, Math.floor(clock() / periodUs))] as number;
  let sum = 0;
  for (const size of bytes) sum += size;
  return sameSize(sum / bytes.length, at);
}

/** Mean and variance of min(X, cap) for X ~ lognormal(mu, sigma). */
export function clippedLognormalMoments(mu: number, sigma: number, cap: number): [number, number] {
  const c = Math.log(cap);
  const aboveCap = 1 - standardNormalCdf((c - mu) / sigma);
  const first =
    Math.exp(mu + (sigma * sigma) / 2) * standardNormalCdf((c - mu - sigma * sigma) / sigma) +
    cap * aboveCap;
  const second =
    Math.exp(2 * mu + 2 * sigma * sigma) * standardNormalCdf((c - mu - 2 * sigma * sigma) / sigma) +
    cap * cap * aboveCap;
  return [first, Math.max(0, second - first * first)];
}
