import type { Random } from "../../../src/engine/random-streams.js";
import type { ShardRouter } from "../../hashing/shard-router.js";
import {
  densityOver,
  type ListedSizes,
  type RunSink,
  runSegment,
  type Segment,
} from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import type { KeyObserver } from "../../skew/key-observer.js";
import type { KeySpace } from "../../workload/keys/key-space.js";
import type { RateSource } from "../../workload/rate-source.js";
import type { RecordSizeModel } from "../../workload/record-size.js";
import type { RunSizes } from "../../workload/run-sizes.js";
import { KeyShares } from "./key-shares.js";

/** No oversize records this tick (shared, never changed). */
const NONE: readonly { shard: number; records: number }[] = [];

/** Segment mode: keys drawn per tick to stand for its records in the hottest-keys count. */
const KEY_SAMPLES_PER_TICK = 4;

/** The random streams segment mode draws from (named per producer, design.md §4). */
export interface SegmentRandom {
  readonly arrivals: Random;
  readonly sizes: Random;
  readonly keySample: Random;
}

/**
 * Segment mode's records for one producer: per tick, a count for each open shard (Poisson
 * splitting of Poisson arrivals, or a multinomial split of a constant rate's whole records,
 * design.md §5) and their sizes, without drawing a key per record. Records of varying size
 * carry their sizes (every record of a short run, the largest of a long one: run-sizes.ts)
 * so that shards decide on them record by record; partition keys count at their mean length.
 */
export class SegmentDraws {
  /** Where the keys' records go among the open shards. */
  readonly shares: KeyShares;
  /** Constant arrivals: the fraction of a record carried to the next tick. */
  private constantCarry = 0;
  /**
   * Records drawn too large for the stream since the last `takeOversize`, by shard index
   * (they are never sent).
   */
  private oversize: number[] = [];

  constructor(
    private readonly keys: KeySpace,
    private readonly sizes: RecordSizeModel,
    private readonly rate: RateSource,
    private readonly arrival: "poisson" | "constant",
    private readonly random: SegmentRandom,
    private readonly observer: KeyObserver,
    private readonly producer: number,
    /** Whether segments list their records' sizes (not for KPL producers, which aggregate). */
    private readonly listSizes: boolean,
  ) {
    this.shares = new KeyShares(keys);
  }

  /** Records drawn too large for the stream since the last call, per shard index; resets. */
  takeOversize(): readonly { shard: number; records: number }[] {
    if (this.oversize.length === 0) return NONE;
    const taken: { shard: number; records: number }[] = [];
    this.oversize.forEach((records, shard) => {
      if (records > 0) taken.push({ shard, records });
    });
    this.oversize = [];
    return taken;
  }

  /** The records created in [fromUs, toUs), one segment per open shard that gets any. */
  draw(router: ShardRouter<Shard>, fromUs: number, toUs: number): Segment[] {
    const segments: Segment[] = [];
    this.drawRuns(router, fromUs, toUs, {
      run(count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, density, listed) {
        segments.push(
          runSegment(count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, density, listed),
        );
      },
    });
    return segments;
  }

  /**
   * The records created in [fromUs, toUs), handed to `sink` shard by shard (in the open
   * shards' order) as {@link draw} would make them into segments; returns how many.
   */
  drawRuns(router: ShardRouter<Shard>, fromUs: number, toUs: number, sink: RunSink): number {
    const splitter = this.shares.splitterFor(router);
    const meanCount = this.rate.expectedCount(fromUs, toUs);
    let counts: Float64Array;
    if (this.arrival === "poisson") {
      counts = splitter.poissonCounts(this.random.arrivals, meanCount);
    } else {
      const exact = this.constantCarry + meanCount;
      const whole = Math.floor(exact + 1e-9);
      this.constantCarry = exact - whole;
      counts = splitter.fixedCounts(this.random.arrivals, whole);
    }
    const shards = router.shards;
    const keyBytes = this.keys.meanKeyBytes;
    const producer = this.producer;
    const density = densityOver(meanCount, fromUs, toUs);
    let total = 0;
    let created = 0;
    for (let i = 0; i < counts.length; i++) {
      const drawn = counts[i] as number;
      if (drawn === 0) continue;
      const shard = (shards[i] as Shard).index;
      const run = this.sizes.sampleRun(this.random.sizes, drawn);
      total += drawn;
      if (run.oversize > 0) this.oversize[shard] = (this.oversize[shard] ?? 0) + run.oversize;
      const count = drawn - run.oversize;
      if (count === 0) continue;
      const bytes = run.dataBytes + Math.round(count * keyBytes);
      const listed =
        this.listSizes && run.listed.length > 0 ? listedSizes(run, keyBytes) : undefined;
      created += count;
      sink.run(count, bytes, fromUs, toUs, producer, shard, density, listed);
    }
    if (total > 0) observeTickKeys(this.keys, this.observer, this.random.keySample, total, toUs);
    return created;
  }
}

/**
 * Segment mode draws no keys, so a few keys drawn from the key distribution stand for a
 * tick's `records` in the hottest-keys count, each weighted by the records it stands for.
 */
export function observeTickKeys(
  keys: KeySpace,
  observer: KeyObserver,
  keySample: Random,
  records: number,
  nowUs: number,
): void {
  const draws = Math.min(records, KEY_SAMPLES_PER_TICK);
  const weight = records / draws;
  for (let i = 0; i < draws; i++) {
    const keyIndex = keys.indexAt !== undefined ? keys.indexAt(nowUs) : keys.sampleIndex(keySample);
    observer.offerSample(keyIndex, weight);
  }
}

/** A run's listed sizes, data plus the mean key. */
function listedSizes(run: RunSizes, keyBytes: number): ListedSizes {
  const data = run.listed;
  const bytes = new Array<number>(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = (data[i] as number) + keyBytes;
  return run.listedAt === undefined ? { bytes } : { at: run.listedAt, bytes };
}
