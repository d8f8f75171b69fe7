// Where a stored run's fields lie in its row (see StoredRuns). Every field is written when a
// row is appended, so a reused row keeps nothing of the run it held before.
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

/** Rows a store never shrinks below. */
const MIN_ROWS = 64;

/** Dropped rows before the first live one that a store keeps before moving the live ones down. */
const DEAD_PREFIX_ROWS = 32;

/**
 * A shard log's stored runs, one row of {@link RUN_FIELDS} numbers each, side by side in one
 * array of doubles, live from row `head` to row `end` (exclusive). A row's field is
 * `rows[row * RUN_FIELDS + FIELD]`.
 *
 * Rows rather than an object per run: a retried run, and every record of a record-level run,
 * is a stored run of its own, so a shard at its limit appends and reads hundreds of them a
 * second. As objects they were reused from a pool to spare the garbage collector, yet each
 * append and read then reached a cold object somewhere in the old generation: writing a reused
 * object's fields was most of an overloaded thousand-shard run's appends. Rows lie in append
 * order, next to the ones read and written just before.
 */
export class StoredRuns {
  rows: Float64Array = new Float64Array(MIN_ROWS * RUN_FIELDS);
  head = 0;
  end = 0;

  /** Live rows. */
  get length(): number {
    return this.end - this.head;
  }

  /** Rows the store holds memory for, live or not. */
  get capacity(): number {
    return this.rows.length / RUN_FIELDS;
  }

  /**
   * Makes room for a row at `end` and returns where it starts in {@link rows} (which a call
   * may replace: read `rows` again after it). The caller writes every field and moves `end`.
   */
  appendAt(): number {
    if (this.end === this.capacity) {
      // Dropped rows make room first; a store at least half live doubles.
      if (2 * this.head >= this.capacity) this.moveLiveDown();
      else this.resize(2 * this.capacity);
    }
    return this.end * RUN_FIELDS;
  }

  /**
   * Drops the rows before `head`. Moves the live rows down once the dead prefix is longer than
   * {@link DEAD_PREFIX_ROWS} and than the live part (each row is moved O(1) times on average).
   * Gives memory back when neither the rows still live nor the rows just dropped would fill a
   * quarter of it: a burst of record-level runs read long ago would otherwise hold its rows
   * for the rest of the run, while a shard that fills and empties its store every second (a
   * reader's second of retried runs) keeps its rows rather than allocating them again.
   */
  dropBefore(head: number): void {
    const dropped = head - this.head;
    if (dropped === 0) return;
    this.head = head;
    const needed = Math.max(this.end - head, dropped);
    if (this.capacity > MIN_ROWS && 4 * needed <= this.capacity) {
      this.resize(Math.max(MIN_ROWS, 2 * needed));
    } else if (head > DEAD_PREFIX_ROWS && head * 2 > this.end) {
      this.moveLiveDown();
    }
  }

  private moveLiveDown(): void {
    this.rows.copyWithin(0, this.head * RUN_FIELDS, this.end * RUN_FIELDS);
    this.end -= this.head;
    this.head = 0;
  }

  /** Moves the live rows to the start of a new array of `capacity` rows. */
  private resize(capacity: number): void {
    const rows = new Float64Array(capacity * RUN_FIELDS);
    rows.set(this.rows.subarray(this.head * RUN_FIELDS, this.end * RUN_FIELDS));
    this.rows = rows;
    this.end -= this.head;
    this.head = 0;
  }
}
