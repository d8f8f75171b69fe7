import { heaviestIndices } from "./heaviest-indices.js";
import { SpaceSaving } from "./space-saving.js";

/** Key spaces up to this many keys are counted exactly, in one array slot per key. */
const DENSE_KEY_LIMIT = 1_048_576;

/**
 * Larger key spaces go through a Space-Saving sketch, which costs a map lookup and a heap
 * update per offer: one record in this many is offered, with this weight. Keys are drawn
 * independently, so every 16th record is as good a sample as any.
 */
const SKETCH_SAMPLE_EVERY = 16;

/** Keys the sketch monitors: enough that any key above 0.1 % of traffic is kept. */
export const OBSERVED_KEY_CAPACITY = 1000;

/**
 * Counts one producer's records per partition key. Key spaces of at most 1,048,576 keys (8 MiB) are
 * counted exactly in an array; larger ones in bounded memory, by a Space-Saving sketch of
 * {@link OBSERVED_KEY_CAPACITY} keys fed one record in {@link SKETCH_SAMPLE_EVERY}. Segment
 * runs, which never draw individual keys, offer a few keys drawn per tick, each weighted by
 * the records it stands for. `exact` says whether the counts are exact.
 */
export class KeyObserver {
  private readonly dense: Float64Array | undefined;
  private readonly sketch: SpaceSaving<number> | undefined;
  private skipped = 0;
  exact = true;

  constructor(cardinality: number) {
    if (cardinality <= DENSE_KEY_LIMIT) {
      this.dense = new Float64Array(cardinality);
    } else {
      this.sketch = new SpaceSaving<number>(OBSERVED_KEY_CAPACITY);
      this.exact = false;
    }
  }

  /** One record of key `keyIndex`. */
  offerRecord(keyIndex: number): void {
    const dense = this.dense;
    if (dense !== undefined) {
      dense[keyIndex] = (dense[keyIndex] as number) + 1;
    } else if (++this.skipped === SKETCH_SAMPLE_EVERY) {
      this.skipped = 0;
      this.sketch?.offer(keyIndex, SKETCH_SAMPLE_EVERY);
    }
  }

  /** A drawn key standing for `records` records (segment mode): counts are estimates. */
  offerSample(keyIndex: number, records: number): void {
    this.exact = false;
    const dense = this.dense;
    if (dense !== undefined) dense[keyIndex] = (dense[keyIndex] as number) + records;
    else this.sketch?.offer(keyIndex, records);
  }

  /**
   * The heaviest keys (at most {@link OBSERVED_KEY_CAPACITY}) with their counted records and
   * the sketch's error bound (0 when counted in the array); equal counts by key index.
   */
  entries(): { keyIndex: number; estimate: number; error: number }[] {
    if (this.sketch !== undefined) {
      return this.sketch
        .top()
        .map(({ key, estimate, error }) => ({ keyIndex: key, estimate, error }));
    }
    const dense = this.dense as Float64Array;
    return heaviestIndices(dense, OBSERVED_KEY_CAPACITY).map((keyIndex) => ({
      keyIndex,
      estimate: dense[keyIndex] as number,
      error: 0,
    }));
  }
}
