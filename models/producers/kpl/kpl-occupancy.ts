import { poissonLogPmf } from "../../../src/engine/distributions/poisson.js";

/** What the KPL's aggregation rule makes of one shard's Poisson stream, on average. */
export interface AggregateOccupancy {
  /** E[X]: user records per Kinesis record. */
  readonly userRecordsPerKinesisRecord: number;
  /** P(X = 1): the share of Kinesis records that carry one user record, sent raw. */
  readonly rawShare: number;
  /** E[overhead(X)]: bytes of aggregation framing per Kinesis record (0 for a raw one). */
  readonly overheadBytesPerKinesisRecord: number;
  /** P(X = K): the share of Kinesis records flushed because they were full, not by their deadline. */
  readonly fullShare: number;
  /** The share of user records that travel in full Kinesis records: K·P(X = K) / E[X]. */
  readonly fullUserShare: number;
}

/** Poisson tails beyond this many standard deviations (plus a margin) hold < 1e-20. */
const TAIL_SIGMAS = 10;
const TAIL_MARGIN = 10;

/**
 * The occupancy of the KPL's aggregates for a shard receiving Poisson arrivals
 * (kinesis-facts.md §8; KPL `aws/kinesis/core/reducer.h`, `aggregator.h`).
 *
 * The rule: every user record gets the deadline arrival + RecordMaxBufferedTime (T); the
 * shard's aggregator flushes its Kinesis record when the earliest deadline in it arrives, or
 * at once when it reaches AggregationMaxSize/AggregationMaxCount (then it keeps what does not
 * fit for the next one). A Kinesis record therefore opens with one user record and collects
 * every arrival of the next T, up to its capacity K: with `meanArrivals` μ = λT expected
 * arrivals per T, its occupancy is X = min(1 + N, K), N ~ Poisson(μ) — Poisson arrivals have
 * no memory, so what came before the opening record does not matter. Hence
 * E[X] = 1 + μ when K is far above μ (2 at 10 records/s per shard with T = 100 ms), and K
 * when μ is far above K. (After a flush at K, the records kept over open the next aggregate
 * with deadlines slightly earlier than a fresh record's; that shortens it by a fraction of a
 * record in the narrow band where μ ≈ K.)
 *
 * `overheadBytes(x)` gives the framing bytes of an aggregate of x user records (0 for x = 1).
 * The expectation sums the Poisson probabilities over the window where they matter
 * (μ ± 10√μ + 10, the rest < 1e-20), cut at K − 1 with the tail's mass on X = K: at most
 * min(K, 20√μ + 20) terms. Two cases need no sum (segment mode meets them at most rates):
 * every aggregate full (the window above K − 1), and none (the window below K − 1) while the
 * framing grows linearly over the window, a + b·x (the key index's varint does not change
 * size there): then E[X] = 1 + μ, P(X = 1) = e^−μ and the framing is a(1 − e^−μ) +
 * b(1 + μ − e^−μ).
 */
export function aggregateOccupancy(
  meanArrivals: number,
  capacity: number,
  overheadBytes: (count: number) => number,
): AggregateOccupancy {
  const mu = Math.max(0, meanArrivals);
  if (capacity < 2) {
    return {
      userRecordsPerKinesisRecord: 1,
      rawShare: 1,
      overheadBytesPerKinesisRecord: 0,
      fullShare: 0,
      fullUserShare: 0,
    };
  }
  const spread = TAIL_SIGMAS * Math.sqrt(mu) + TAIL_MARGIN;
  const low = Math.max(0, Math.floor(mu - spread));
  const high = Math.ceil(mu + spread);
  const full = overheadBytes(capacity);
  // Every container full: the common case at high rates, without a sum.
  if (low >= capacity - 1) {
    return {
      userRecordsPerKinesisRecord: capacity,
      rawShare: 0,
      overheadBytesPerKinesisRecord: full,
      fullShare: 1,
      fullUserShare: 1,
    };
  }
  const first = Math.max(2, low + 1);
  const lastX = high + 1;
  if (lastX < capacity && lastX > first) {
    const slope = overheadBytes(lastX) - overheadBytes(lastX - 1);
    const intercept = overheadBytes(first) - slope * first;
    if (intercept + slope * lastX === overheadBytes(lastX)) {
      const raw = Math.exp(-mu);
      return {
        userRecordsPerKinesisRecord: 1 + mu,
        rawShare: raw,
        overheadBytesPerKinesisRecord: intercept * (1 - raw) + slope * (1 + mu - raw),
        fullShare: 0,
        fullUserShare: 0,
      };
    }
  }
  let belowMass = 0;
  let meanX = 0;
  let meanOverhead = 0;
  let rawShare = 0;
  const last = Math.min(high, capacity - 2);
  for (let n = low; n <= last; n++) {
    const p = Math.exp(poissonLogPmf(n, mu));
    const x = n + 1;
    belowMass += p;
    meanX += p * x;
    if (x === 1) rawShare = p;
    else meanOverhead += p * overheadBytes(x);
  }
  const fullMass = last === capacity - 2 ? Math.max(0, 1 - belowMass) : 0;
  // Renormalize by the mass summed (1 up to ~1e-20), so that the result is a mean.
  const total = belowMass + fullMass;
  const userRecordsPerKinesisRecord = (meanX + fullMass * capacity) / total;
  return {
    userRecordsPerKinesisRecord,
    rawShare: rawShare / total,
    overheadBytesPerKinesisRecord: (meanOverhead + fullMass * full) / total,
    fullShare: fullMass / total,
    fullUserShare: (fullMass * capacity) / total / userRecordsPerKinesisRecord,
  };
}
