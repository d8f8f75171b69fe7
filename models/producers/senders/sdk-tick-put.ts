import {
  type ListedSizes,
  type RunSink,
  runSegment,
  runTail,
  type Segment,
} from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import { callsForRecords, retryOrDrop } from "./sdk-send.js";
import type { SendPath } from "./send-path.js";

/**
 * A segment-mode tick's first attempt through the plain SDK, taking the tick's runs as the
 * producer's source draws them: what {@link sendSdk} does with the tick's segments, shard by
 * shard, without a segment object for a run its shard accepts whole (most runs, on every
 * shard, on every tick). Used when no narrator listens; the shards a tick draws for are the
 * open ones, so nothing needs rerouting.
 */
export class SdkTickPut implements RunSink {
  private nowUs = 0;
  private records = 0;
  private bytes = 0;
  private accepted = 0;
  private failed: Segment[] | undefined;
  private failedCount = 0;

  constructor(private readonly path: SendPath) {}

  /** Starts a tick at `nowUs`. */
  begin(nowUs: number): void {
    this.nowUs = nowUs;
    this.records = 0;
    this.bytes = 0;
    this.accepted = 0;
    this.failed = undefined;
    this.failedCount = 0;
  }

  run(
    count: number,
    bytes: number,
    firstCreatedUs: number,
    lastCreatedUs: number,
    producer: number,
    shardIndex: number,
    density: number,
    listed: ListedSizes | undefined,
  ): void {
    this.records += count;
    this.bytes += bytes;
    const shard = this.path.context.stream.shards[shardIndex] as Shard;
    let refused: Segment | undefined;
    if (listed === undefined) {
      const accepted = shard.putRun(
        count,
        bytes,
        firstCreatedUs,
        lastCreatedUs,
        producer,
        density,
        this.nowUs,
      );
      this.accepted += accepted;
      if (accepted === count) return;
      refused = runTail(
        count,
        bytes,
        firstCreatedUs,
        lastCreatedUs,
        producer,
        shardIndex,
        density,
        accepted,
      );
    } else {
      const segment = runSegment(
        count,
        bytes,
        firstCreatedUs,
        lastCreatedUs,
        producer,
        shardIndex,
        density,
        listed,
      );
      refused = shard.offer(segment, this.nowUs);
      this.accepted += count - (refused?.count ?? 0);
      if (refused === undefined) return;
    }
    if (this.failed === undefined) this.failed = [refused];
    else this.failed.push(refused);
    this.failedCount += refused.count;
  }

  /**
   * Ends the tick: counts its calls (unless `countCalls` is false: a window of ticks counts
   * them from the producer's whole tick) and acceptances, and retries or drops what was refused.
   */
  finish(countCalls = true): void {
    const { settings, stats } = this.path;
    if (countCalls) stats.putCalls += callsForRecords(settings, this.records, this.bytes);
    stats.accepted += this.accepted;
    stats.pending -= this.accepted;
    if (this.failed !== undefined) retryOrDrop(this.path, this.failed, this.failedCount, 0);
    this.failed = undefined;
  }
}
