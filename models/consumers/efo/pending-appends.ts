import type { AppendListener } from "../../shards/append-listener.js";
import { RowStore } from "../../shards/row-store.js";

/**
 * The runs one shard accepted in the last `keepUs`, in sequence order, kept for one enhanced
 * fan-out application of a segment run. Its pushes carry these runs with their own acceptance
 * times and creation spans. The shard's log keeps neither once it merges consecutive runs into
 * one stored segment: it interpolates acceptance times across the merged runs, and creation
 * times across all but the last, which would smear a push's latencies over the merged span.
 * Older runs are forgotten, as are runs the application has read past: a reader that far
 * behind (a backlog, a replay from a checkpoint) reads the log, as polling does.
 *
 * Runs are indexed from `head` (the oldest kept) to `end` (one past the newest); their fields
 * are numbers in one array, a run's side by side, so that keeping one costs no allocation
 * and writes one place in memory (the shard's every append does).
 */
export class PendingAppends {
  /** The runs kept, a row each (row-store.ts), oldest at `head`. */
  private readonly store = new RowStore(RUN_FIELDS);
  /**
   * The store's rows, kept here as well (an append that grows the store replaces the array):
   * every accessor reads them, a push's loop many times, and going through the store for them
   * made 30 minutes of the daily curve with enhanced fan-out about 5 % slower.
   */
  private runs: Float64Array = this.store.rows;

  /** Index of the oldest run kept. */
  get head(): number {
    return this.store.head;
  }

  /** One past the newest run kept. */
  get end(): number {
    return this.store.end;
  }

  constructor(private readonly keepUs: number) {}

  /**
   * A run the shard accepted at `nowUs`: `count` records from `firstSeq` on, `bytes` in all.
   * The shard's append listener itself (Shard.onAppend), so no closure stands between them.
   */
  readonly add: AppendListener = (nowUs, firstSeq, count, bytes, firstCreatedUs, lastCreatedUs) => {
    const oldestUs = nowUs - this.keepUs;
    const store = this.store;
    while (store.head < store.end && this.acceptedAt(store.head) < oldestUs) store.head++;
    const at = store.appendAt();
    store.end++;
    const runs = store.rows;
    this.runs = runs;
    runs[at + FIRST_SEQ] = firstSeq;
    runs[at + COUNT] = count;
    runs[at + BYTES] = bytes;
    runs[at + FIRST_CREATED_US] = firstCreatedUs;
    runs[at + LAST_CREATED_US] = lastCreatedUs;
    runs[at + ACCEPTED_US] = nowUs;
  };

  /** Sequence index of the first record of run `i`. */
  firstSeqAt(i: number): number {
    return this.runs[i * RUN_FIELDS + FIRST_SEQ] as number;
  }

  countAt(i: number): number {
    return this.runs[i * RUN_FIELDS + COUNT] as number;
  }

  /** Bytes of run `i`, shared evenly by its records. */
  bytesAt(i: number): number {
    return this.runs[i * RUN_FIELDS + BYTES] as number;
  }

  /** The creation span of run `i`: record j was created at createdAt(first, last, j, count) (design.md §4). */
  firstCreatedAt(i: number): number {
    return this.runs[i * RUN_FIELDS + FIRST_CREATED_US] as number;
  }

  lastCreatedAt(i: number): number {
    return this.runs[i * RUN_FIELDS + LAST_CREATED_US] as number;
  }

  acceptedAt(i: number): number {
    return this.runs[i * RUN_FIELDS + ACCEPTED_US] as number;
  }

  /** Index of the run holding record `seq` (binary search), or −1 when it is not kept. */
  indexOf(seq: number): number {
    let low = this.head;
    let high = this.end - 1;
    if (high < low) return -1;
    if (seq < this.firstSeqAt(low)) return -1;
    if (seq >= this.firstSeqAt(high) + this.countAt(high)) return -1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.firstSeqAt(mid) <= seq) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Sequence index of the oldest record kept, or undefined when no run is. */
  get firstSeq(): number | undefined {
    return this.head < this.end ? this.firstSeqAt(this.head) : undefined;
  }

  /**
   * One past the last record accepted at or before `timeUs`, if the runs kept say (the oldest
   * was accepted at or before it); undefined when they cannot.
   */
  endAcceptedBy(timeUs: number): number | undefined {
    let low = this.head;
    let high = this.end - 1;
    if (high < low || this.acceptedAt(low) > timeUs) return undefined;
    // The last run accepted at or before timeUs: runs are in acceptance order.
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.acceptedAt(mid) <= timeUs) low = mid;
      else high = mid - 1;
    }
    return this.firstSeqAt(low) + this.countAt(low);
  }

  /** Forgets the runs that end at or before `seq` (read by the application). */
  forgetBefore(seq: number): void {
    const store = this.store;
    while (
      store.head < store.end &&
      this.firstSeqAt(store.head) + this.countAt(store.head) <= seq
    ) {
      store.head++;
    }
  }
}

// Where a run's fields lie among its RUN_FIELDS numbers.
const FIRST_SEQ = 0;
const COUNT = 1;
const BYTES = 2;
const FIRST_CREATED_US = 3;
const LAST_CREATED_US = 4;
const ACCEPTED_US = 5;
const RUN_FIELDS = 6;
