import type { Simulation } from "../../src/engine/simulation.js";
import { US_PER_SECOND } from "../../src/engine/time-units.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { KinesisStream } from "./kinesis-stream.js";
import type { StreamOperations } from "./stream-operations.js";

/** A target-utilization policy for a provisioned stream (`stream.autoscaling:`). */
export interface AutoscalingSettings {
  /** Scale so that write utilization comes back to this fraction. */
  readonly targetUtilization: number;
  /** Scale out when utilization stays above this for `scaleOutAfterUs`. */
  readonly scaleOutAbove: number;
  readonly scaleOutAfterUs: number;
  /** Scale in when utilization stays below this for `scaleInAfterUs`. */
  readonly scaleInBelow: number;
  readonly scaleInAfterUs: number;
  /** How often utilization is measured (like a CloudWatch alarm period). */
  readonly evaluationUs: number;
  readonly minShards: number;
  readonly maxShards: number;
  /** After a rejected request, wait this long before asking again. */
  readonly cooldownUs: number;
}

/**
 * The autoscaler users build for provisioned streams from CloudWatch alarms and a function
 * calling UpdateShardCount. Write utilization is the larger of IncomingBytes ÷ (open shards
 * × the byte limit) and IncomingRecords ÷ (open shards × the record limit) over the last
 * evaluation period — accepted writes only, as CloudWatch reports them, so a saturated
 * stream reads close to 100 %. Records are Kinesis records, as the limit counts them
 * (kinesis-facts.md §8): a KPL aggregate of many user records is one. When utilization stays past a threshold long enough, it asks
 * for ceil(open × utilization ÷ target) shards (within UpdateShardCount's ½×–2× and the
 * policy's bounds). Requests go through the stream's control plane, so they wait out
 * UPDATING, the 10-per-24-h cap and the scaling delay — and traffic throttles meanwhile.
 */
export class Autoscaler {
  private kinesisRecordsAtLastLook = 0;
  private bytesAtLastLook = 0;
  private highSinceUs: number | undefined;
  private lowSinceUs: number | undefined;
  private quietUntilUs = 0;

  constructor(
    private readonly simulation: Simulation,
    private readonly stream: KinesisStream,
    private readonly operations: StreamOperations,
    private readonly profile: LimitsProfile,
    private readonly settings: AutoscalingSettings,
  ) {}

  start(): void {
    this.simulation.schedule(this.settings.evaluationUs, () => this.evaluate());
  }

  private evaluate(): void {
    const s = this.settings;
    const now = this.simulation.nowUs;
    const utilization = this.measure();
    const periodStart = now - s.evaluationUs;
    if (utilization > s.scaleOutAbove) this.highSinceUs ??= periodStart;
    else this.highSinceUs = undefined;
    if (utilization < s.scaleInBelow) this.lowSinceUs ??= periodStart;
    else this.lowSinceUs = undefined;

    if (this.stream.status === "ACTIVE" && now >= this.quietUntilUs) {
      const open = this.stream.openShards.length;
      const wanted = Math.ceil((open * utilization) / s.targetUtilization);
      const p = this.profile;
      let target: number | undefined;
      if (this.highSinceUs !== undefined && now - this.highSinceUs >= s.scaleOutAfterUs) {
        target = Math.min(wanted, Math.floor(open * p.updateShardCountMaxFactor), s.maxShards);
      } else if (this.lowSinceUs !== undefined && now - this.lowSinceUs >= s.scaleInAfterUs) {
        target = Math.max(wanted, Math.ceil(open * p.updateShardCountMinFactor), s.minShards);
      }
      if (target !== undefined && target !== open) {
        const record = this.operations.request({ kind: "updateShardCount", target }, "autoscaling");
        if (record.outcome === "rejected") this.quietUntilUs = now + s.cooldownUs;
        this.highSinceUs = undefined;
        this.lowSinceUs = undefined;
      }
    }
    this.simulation.schedule(s.evaluationUs, () => this.evaluate());
  }

  /** Write utilization of the open shards over the last evaluation period. */
  private measure(): number {
    let kinesisRecords = 0;
    let bytes = 0;
    for (const shard of this.stream.shards) {
      kinesisRecords += shard.metrics.kinesisRecordsIn;
      bytes += shard.metrics.bytesIn;
    }
    const seconds = this.settings.evaluationUs / US_PER_SECOND;
    const open = this.stream.openShards.length;
    const recordUtilization =
      (kinesisRecords - this.kinesisRecordsAtLastLook) /
      seconds /
      (open * this.profile.shardWriteRecordsPerSecond);
    const byteUtilization =
      (bytes - this.bytesAtLastLook) / seconds / (open * this.profile.shardWriteBytesPerSecond);
    this.kinesisRecordsAtLastLook = kinesisRecords;
    this.bytesAtLastLook = bytes;
    return Math.max(recordUtilization, byteUtilization);
  }
}
