// Where a stored run's fields lie in its row of a shard log's RowStore (row-store.ts). Every
// field is written when a row is appended, so a reused row keeps nothing of the run it held
// before.
/** Sequence index of the run's first record (per-shard counter from 0). */
export const FIRST_SEQ = 0;
export const COUNT = 1;
export const BYTES = 2;
/**
 * Kinesis records the records travel in: `COUNT`, or fewer when KPL aggregation packs several
 * user records into one (the read limit on records counts Kinesis records).
 */
export const KINESIS_RECORDS = 3;
/**
 * Creation span of the run: from the start of its first tick to the end of its last. The
 * last tick merged in is kept apart, [LAST_TICK_START_US, LAST_CREATED_US] with
 * `LAST_TICK_COUNT` records, because readers that keep up read records soon after their tick
 * arrives; the earlier ticks' records are taken as uniform over [FIRST_CREATED_US,
 * LAST_TICK_START_US] (Poisson arrivals, given their number, are). Within each part record j
 * of n lies at T·(j + 1)/(n + 1) (`createdAt`). A record-level run has all three times equal.
 */
export const FIRST_CREATED_US = 4;
export const LAST_TICK_START_US = 5;
export const LAST_CREATED_US = 6;
export const LAST_TICK_COUNT = 7;
export const FIRST_ACCEPTED_US = 8;
export const LAST_ACCEPTED_US = 9;
export const PRODUCER = 10;
/** The key's index for a record-level run; NaN for a run of many keys. */
export const KEY_INDEX = 11;
/** Numbers in a row. */
export const RUN_FIELDS = 12;
