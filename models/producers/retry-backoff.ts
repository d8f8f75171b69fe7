import { uniform } from "../../src/engine/distributions/uniform.js";
import type { Random } from "../../src/engine/random-streams.js";

/** How a producer retries throttled records, normalized (`retries:` in an experiment). */
export interface RetrySettings {
  /** Retries after the first attempt; 0 means a throttled record is dropped at once. */
  readonly max: number;
  readonly backoffUs: number;
  readonly maxBackoffUs: number;
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential backoff with "full
 * jitter", a uniform draw in [0, min(maxBackoff, backoff·2^(retry−1))], the AWS SDKs'
 * default retry strategy. At least 1 µs, so a retry never lands in the same instant.
 */
export function retryDelayUs(settings: RetrySettings, retry: number, random: Random): number {
  const ceiling = Math.min(settings.maxBackoffUs, settings.backoffUs * 2 ** (retry - 1));
  if (ceiling <= 1) return 1;
  return Math.max(1, Math.round(uniform(random, 0, ceiling)));
}
