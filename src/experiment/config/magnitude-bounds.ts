/**
 * The largest magnitudes an experiment may ask for, so that every count the engine keeps
 * stays exact. Counts are doubles: whole numbers are exact up to 2^53, and past that the
 * conservation check (offered = accepted + dropped + held) no longer adds up.
 */

/**
 * Most offered records per second, one producer's rate or all producers together at their
 * peaks: a million shards' worth at 1,000 records/s each, far beyond any stream Kinesis
 * allows, and small enough that a day of it (8.6e13 records) is counted exactly.
 */
export const MAX_OFFERED_RATE = 1e9;

/**
 * Most a rate may be multiplied by (bursts, spikes, volumeScale): a larger factor would pass
 * {@link MAX_OFFERED_RATE} from a rate of one record a second.
 */
export const MAX_RATE_FACTOR = 1e9;

/**
 * Most records a whole run may offer, 2^50: an eighth of 2^53, the margin keeping the sums
 * the result adds up (retried attempts, several producers, Poisson excess) exact.
 */
export const MAX_RUN_RECORDS = 2 ** 50;

/**
 * Largest sigma of log-normal record sizes. Segment mode draws a long run's total from the
 * second moment exp(2μ + 2σ²), which overflows a double above σ ≈ 18.4 for a 10 MiB median;
 * and σ = 16 already makes one standard deviation a factor of 9 million, the whole span of
 * Kinesis record sizes (1 B to 10 MiB).
 */
export const MAX_LOGNORMAL_SIGMA = 16;

/**
 * Most shards a stream may be given through `limits.maxShardsPerStream`: five times the
 * 10,000 AWS allows per stream (kinesis-facts.md §5). Each shard holds about 8 KB before a
 * single record flows (100,000 shards took 775 MB and 6.5 s of set-up for a 1 ms run), so the
 * bound keeps any stream within about 400 MB; ten million shards exhausted the heap instead.
 */
export const MAX_SIMULATED_SHARDS = 50_000;
