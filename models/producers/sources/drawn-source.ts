import type { Random } from "../../../src/engine/random-streams.js";
import type { ShardRouter } from "../../hashing/shard-router.js";
import type { RunSink, Segment } from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import type { KeyObserver } from "../../skew/key-observer.js";
import type { KeySpace } from "../../workload/keys/key-space.js";
import type { RateSource } from "../../workload/rate-source.js";
import type { RecordSizeModel } from "../../workload/record-size.js";
import type { KeyShares } from "./key-shares.js";
import type { OversizeCounts, ProducerSource, SourceRecord } from "./producer-source.js";
import { RecordArrivals } from "./record-arrivals.js";
import { SegmentDraws } from "./segment-draws.js";

/** The random streams a drawn source uses (named per producer, design.md §4). */
export interface DrawnSourceRandom {
  readonly arrivals: Random;
  readonly keys: Random;
  readonly sizes: Random;
  readonly keySample: Random;
}

/** What a drawn source draws from. */
export interface DrawnSourceSetup {
  readonly keys: KeySpace;
  readonly sizes: RecordSizeModel;
  readonly rate: RateSource;
  readonly arrival: "poisson" | "constant";
  /** The rate when it never changes (the common case gets the simplest arrival draw). */
  readonly constantRate: number | undefined;
  readonly random: DrawnSourceRandom;
  /** Counts the records per key (segment mode counts a few keys drawn per tick). */
  readonly observer: KeyObserver;
  readonly producer: number;
  /** Whether segments list their records' sizes (not for KPL producers, which aggregate). */
  readonly listSizes: boolean;
  /** Record mode: how long to wait before looking again at a rate of zero. */
  readonly resolutionUs: number;
  /** The end of the run: nothing arrives after it. */
  readonly horizonUs: number;
}

/**
 * Records drawn from the producer's rate, key distribution and record sizes: in segment
 * mode a count per open shard each tick (segment-draws.ts), in record mode one arrival at a
 * time (record-arrivals.ts) with its own key and size.
 */
export class DrawnSource implements ProducerSource {
  private readonly draws: SegmentDraws;
  private readonly arrivals: RecordArrivals;
  private readonly keys: KeySpace;
  private readonly sizes: RecordSizeModel;
  private readonly random: DrawnSourceRandom;
  /** Reused by `take` (no allocation per record). */
  private readonly record: SourceRecord = { keyIndex: 0, sizeBytes: 0 };

  constructor(setup: DrawnSourceSetup) {
    const { keys, sizes, rate, arrival, random } = setup;
    this.keys = keys;
    this.sizes = sizes;
    this.random = random;
    this.draws = new SegmentDraws(
      keys,
      sizes,
      rate,
      arrival,
      { arrivals: random.arrivals, sizes: random.sizes, keySample: random.keySample },
      setup.observer,
      setup.producer,
      setup.listSizes,
    );
    this.arrivals = new RecordArrivals(
      rate,
      arrival,
      setup.constantRate,
      random.arrivals,
      setup.resolutionUs,
      setup.horizonUs,
    );
  }

  get shares(): KeyShares {
    return this.draws.shares;
  }

  segmentsBetween(router: ShardRouter<Shard>, fromUs: number, toUs: number): Segment[] {
    return this.draws.draw(router, fromUs, toUs);
  }

  runsBetween(router: ShardRouter<Shard>, fromUs: number, toUs: number, sink: RunSink): number {
    return this.draws.drawRuns(router, fromUs, toUs, sink);
  }

  takeOversize(): OversizeCounts {
    return this.draws.takeOversize();
  }

  nextArrival(nowUs: number): number {
    return this.arrivals.next(nowUs);
  }

  get relative(): boolean {
    return this.arrivals.relative;
  }

  get arrives(): boolean {
    return this.arrivals.arrives;
  }

  take(nowUs: number): SourceRecord {
    const keys = this.keys;
    const record = this.record;
    // A key that follows a schedule (keys.indexAt) is the one of this instant; others are drawn.
    record.keyIndex =
      keys.indexAt !== undefined ? keys.indexAt(nowUs) : keys.sampleIndex(this.random.keys);
    record.sizeBytes = this.sizes.sample(this.random.sizes);
    return record;
  }
}
