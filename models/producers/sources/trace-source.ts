import type { ShardRouter } from "../../hashing/shard-router.js";
import type { Segment } from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import type { KeyObserver } from "../../skew/key-observer.js";
import type { KeySpace } from "../../workload/keys/key-space.js";
import { KeyShares } from "./key-shares.js";
import type { OversizeCounts, ProducerSource, SourceRecord } from "./producer-source.js";
import type { TraceCursor } from "./trace-cursor.js";
import { traceSegments } from "./trace-segments.js";

/** No record of a trace is ever too large: its sizes are checked when the trace is loaded. */
const NONE: OversizeCounts = [];

/**
 * A trace replayed: its records at their own times, keys and sizes, gathered per open shard
 * in segment mode (trace-segments.ts) and taken one at a time in record mode.
 */
export class TraceSource implements ProducerSource {
  readonly shares: KeyShares;
  // A trace's arrivals are always times of records, never delays or looks again.
  readonly relative = false;
  readonly arrives = true;

  /**
   * @param route position among a router's shards of a key's shard (the producer's routing).
   * @param listSizes whether segments list their records' sizes (not for KPL producers).
   * @param horizonUs the end of the run: no record after it is taken.
   */
  constructor(
    private readonly cursor: TraceCursor,
    private readonly keys: KeySpace,
    private readonly route: (router: ShardRouter<Shard>, keyIndex: number) => number,
    private readonly observer: KeyObserver,
    private readonly producer: number,
    private readonly listSizes: boolean,
    private readonly horizonUs: number,
  ) {
    this.shares = new KeyShares(keys);
  }

  segmentsBetween(router: ShardRouter<Shard>, fromUs: number, toUs: number): Segment[] {
    return traceSegments(
      this.cursor,
      fromUs,
      toUs,
      router,
      this.route,
      this.keys,
      this.observer,
      this.producer,
      this.listSizes,
    );
  }

  takeOversize(): OversizeCounts {
    return NONE;
  }

  nextArrival(nowUs: number): number {
    const atUs = this.cursor.peekUs();
    if (atUs === undefined || atUs > this.horizonUs) return -1;
    return Math.max(atUs, nowUs);
  }

  take(): SourceRecord {
    return this.cursor.next();
  }
}
