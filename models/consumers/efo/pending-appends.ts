import type { Segment } from "../../shards/segment.js";

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
 * are columns of numbers, so that keeping one costs no allocation.
 */
export class PendingAppends {
  private capacity = 64;
  private firstSeqs: Float64Array = new Float64Array(this.capacity);
  private counts: Float64Array = new Float64Array(this.capacity);
  private sizes: Float64Array = new Float64Array(this.capacity);
  private firstCreated: Float64Array = new Float64Array(this.capacity);
  private lastCreated: Float64Array = new Float64Array(this.capacity);
  private accepted: Float64Array = new Float64Array(this.capacity);
  /** Index of the oldest run kept. */
  head = 0;
  /** One past the newest run kept. */
  end = 0;

  constructor(private readonly keepUs: number) {}

  add(nowUs: number, segment: Segment, firstSeq: number): void {
    const oldestUs = nowUs - this.keepUs;
    while (this.head < this.end && (this.accepted[this.head] as number) < oldestUs) this.head++;
    if (this.end === this.capacity) this.makeRoom();
    const i = this.end++;
    this.firstSeqs[i] = firstSeq;
    this.counts[i] = segment.count;
    this.sizes[i] = segment.bytes;
    this.firstCreated[i] = segment.firstCreatedUs;
    this.lastCreated[i] = segment.lastCreatedUs;
    this.accepted[i] = nowUs;
  }

  /** Sequence index of the first record of run `i`. */
  firstSeqAt(i: number): number {
    return this.firstSeqs[i] as number;
  }

  countAt(i: number): number {
    return this.counts[i] as number;
  }

  /** Bytes of run `i`, shared evenly by its records. */
  bytesAt(i: number): number {
    return this.sizes[i] as number;
  }

  /** The creation span of run `i`: record j was created at createdAt(first, last, j, count) (design.md §4). */
  firstCreatedAt(i: number): number {
    return this.firstCreated[i] as number;
  }

  lastCreatedAt(i: number): number {
    return this.lastCreated[i] as number;
  }

  acceptedAt(i: number): number {
    return this.accepted[i] as number;
  }

  /** Index of the run holding record `seq` (binary search), or −1 when it is not kept. */
  indexOf(seq: number): number {
    let low = this.head;
    let high = this.end - 1;
    if (high < low) return -1;
    const firstSeqs = this.firstSeqs;
    if (seq < (firstSeqs[low] as number)) return -1;
    if (seq >= (firstSeqs[high] as number) + (this.counts[high] as number)) return -1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((firstSeqs[mid] as number) <= seq) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Sequence index of the oldest record kept, or undefined when no run is. */
  get firstSeq(): number | undefined {
    return this.head < this.end ? (this.firstSeqs[this.head] as number) : undefined;
  }

  /**
   * One past the last record accepted at or before `timeUs`, if the runs kept say (the oldest
   * was accepted at or before it); undefined when they cannot.
   */
  endAcceptedBy(timeUs: number): number | undefined {
    let low = this.head;
    let high = this.end - 1;
    if (high < low || (this.accepted[low] as number) > timeUs) return undefined;
    // The last run accepted at or before timeUs: runs are in acceptance order.
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.accepted[mid] as number) <= timeUs) low = mid;
      else high = mid - 1;
    }
    return (this.firstSeqs[low] as number) + (this.counts[low] as number);
  }

  /** Forgets the runs that end at or before `seq` (read by the application). */
  forgetBefore(seq: number): void {
    while (
      this.head < this.end &&
      (this.firstSeqs[this.head] as number) + (this.counts[this.head] as number) <= seq
    ) {
      this.head++;
    }
  }

  /** Moves the runs kept to the front, or doubles the columns when more than half are kept. */
  private makeRoom(): void {
    const { head, end } = this;
    const kept = end - head;
    if (kept * 2 > this.capacity) this.capacity *= 2;
    const move = (column: Float64Array): Float64Array => {
      if (column.length === this.capacity) return column.copyWithin(0, head, end);
      const larger = new Float64Array(this.capacity);
      larger.set(column.subarray(head, end));
      return larger;
    };
    this.firstSeqs = move(this.firstSeqs);
    this.counts = move(this.counts);
    this.sizes = move(this.sizes);
    this.firstCreated = move(this.firstCreated);
    this.lastCreated = move(this.lastCreated);
    this.accepted = move(this.accepted);
    this.end = kept;
    this.head = 0;
  }
}
