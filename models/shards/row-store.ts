/** Rows a store never shrinks below. */
const MIN_ROWS = 64;

/** Dropped rows before the first live one that a store keeps before moving the live ones down. */
const DEAD_PREFIX_ROWS = 32;

/**
 * Rows of `fields` numbers each, side by side in one array of doubles, live from row `head`
 * to row `end` (exclusive), appended at `end` and dropped at `head`: a row's field is
 * `rows[row * fields + FIELD]`. A shard log keeps its stored runs so (stored-runs.ts), and an
 * enhanced fan-out application the runs a shard accepted lately (efo/pending-appends.ts).
 *
 * Rows rather than an object per run: a retried run, and every record of a record-level run,
 * is a stored run of its own, so a shard at its limit appends and reads hundreds of them a
 * second. As objects they were reused from a pool to spare the garbage collector, yet each
 * append and read then reached a cold object somewhere in the old generation: writing a reused
 * object's fields was most of an overloaded thousand-shard run's appends. Rows lie in append
 * order, next to the ones read and written just before.
 */
export class RowStore {
  rows: Float64Array;
  head = 0;
  end = 0;

  constructor(readonly fields: number) {
    this.rows = new Float64Array(MIN_ROWS * fields);
  }

  /** Live rows. */
  get length(): number {
    return this.end - this.head;
  }

  /** Rows the store holds memory for, live or not. */
  get capacity(): number {
    return this.rows.length / this.fields;
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
    return this.end * this.fields;
  }

  /**
   * Drops the rows before `head`. Moves the live rows down once the dead prefix is longer than
   * {@link DEAD_PREFIX_ROWS} and than the live part (each row is moved O(1) times on average).
   * Gives memory back when neither the rows still live nor the rows just dropped would fill a
   * quarter of it: a burst of record-level runs read long ago would otherwise hold its rows
   * for the rest of the run, while a shard that fills and empties its store every second (a
   * reader's second of retried runs) keeps its rows rather than allocating them again. (A
   * store whose owner moves `head` itself neither moves nor shrinks until it next appends.)
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
    const { fields } = this;
    this.rows.copyWithin(0, this.head * fields, this.end * fields);
    this.end -= this.head;
    this.head = 0;
  }

  /** Moves the live rows to the start of a new array of `capacity` rows. */
  private resize(capacity: number): void {
    const { fields } = this;
    const rows = new Float64Array(capacity * fields);
    rows.set(this.rows.subarray(this.head * fields, this.end * fields));
    this.rows = rows;
    this.end -= this.head;
    this.head = 0;
  }
}
