import { uniform } from "../../src/engine/distributions/uniform.js";
import type { Random } from "../../src/engine/random-streams.js";
import type { Simulation } from "../../src/engine/simulation.js";
import { US_PER_DAY } from "../../src/engine/time-units.js";
import { evenSplitPoint, isSplitShardKeyAllowed } from "../hashing/hash-range.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { Narrator } from "../narration/narrator.js";
import type { Shard } from "../shards/shard.js";
import { type CapacityMode, isOnDemand } from "./capacity-mode.js";
import type { KinesisStream } from "./kinesis-stream.js";
import type { OperationError, OperationRequest } from "./operation-request.js";
import { type ScalingStep, uniformScalingPlan } from "./uniform-scaling-plan.js";

/** What happened to one request: reported in the result's `operations`. */
export interface OperationRecord {
  readonly request: OperationRequest;
  /** Who asked: "events" or an automatic policy ("autoscaling", "on-demand"). */
  readonly origin: string;
  readonly requestedAtUs: number;
  outcome: "in progress" | "completed" | "rejected";
  error?: OperationError;
  reason?: string;
  completedAtUs?: number;
  readonly opened: string[];
  readonly closed: string[];
}

/**
 * The stream's control plane for resharding (kinesis-facts.md §5). One operation at a time: a
 * request while the stream is UPDATING is rejected with ResourceInUseException; a request
 * that breaks a rule is rejected the way Kinesis rejects it; an accepted one keeps the
 * stream UPDATING for a delay drawn from the profile, then takes effect. Nothing is dropped
 * silently: every request is recorded with its outcome.
 */
export class StreamOperations {
  readonly records: OperationRecord[] = [];
  private readonly updateShardCountTimes: number[] = [];

  constructor(
    private readonly simulation: Simulation,
    private readonly stream: KinesisStream,
    private readonly profile: LimitsProfile,
    private readonly random: Random,
    private readonly mode: CapacityMode,
    /** Told about every request, step and completion (`kinesim explain`). */
    private readonly narrator?: Narrator,
  ) {}

  /** Validates and starts (or rejects) a request now; returns its record. */
  request(request: OperationRequest, origin = "events"): OperationRecord {
    const record: OperationRecord = {
      request,
      origin,
      requestedAtUs: this.simulation.nowUs,
      outcome: "in progress",
      opened: [],
      closed: [],
    };
    this.records.push(record);
    const rejection = this.validate(request);
    if (rejection !== undefined) {
      record.outcome = "rejected";
      record.error = rejection[0];
      record.reason = rejection[1];
      this.narrator?.note({
        kind: "reshard-rejected",
        atUs: record.requestedAtUs,
        request,
        origin,
        error: rejection[0],
        reason: rejection[1],
      });
      return record;
    }
    this.stream.status = "UPDATING";
    const updatingForUs =
      request.kind === "updateShardCount"
        ? this.startUpdateShardCount(record, request.target)
        : this.startPairwise(record, request);
    this.narrator?.note({
      kind: "reshard-requested",
      atUs: record.requestedAtUs,
      request,
      origin,
      updatingForUs,
    });
    return record;
  }

  /**
   * A split or merge the service makes itself (on-demand scaling): it takes effect now,
   * bypasses the API's rules and does not make the stream UPDATING; it is recorded like any
   * other operation.
   */
  performInternal(
    request: Exclude<OperationRequest, { kind: "updateShardCount" }>,
    origin: string,
  ): OperationRecord {
    const now = this.simulation.nowUs;
    const record: OperationRecord = {
      request,
      origin,
      requestedAtUs: now,
      outcome: "in progress",
      opened: [],
      closed: [],
    };
    this.records.push(record);
    this.apply(record, request);
    record.outcome = "completed";
    record.completedAtUs = now;
    this.narrateCompleted(record);
    return record;
  }

  /** Splits or merges now, noting the shards closed and opened. */
  private apply(
    record: OperationRecord,
    request: Exclude<OperationRequest, { kind: "updateShardCount" }>,
  ): void {
    const now = this.simulation.nowUs;
    if (request.kind === "split") {
      const parent = this.stream.findShard(request.shardId) as Shard;
      const children = this.stream.splitShard(
        parent,
        request.newStartingHashKey ?? evenSplitPoint(parent.range),
        now,
      );
      record.closed.push(parent.shardId);
      record.opened.push(...children.map((child) => child.shardId));
    } else {
      const [a, b] = request.shardIds.map((id) => this.stream.findShard(id) as Shard) as [
        Shard,
        Shard,
      ];
      const child = this.stream.mergeShards(a, b, now);
      record.closed.push(a.shardId, b.shardId);
      record.opened.push(child.shardId);
    }
  }

  private validate(request: OperationRequest): [OperationError, string] | undefined {
    if (isOnDemand(this.mode)) {
      return [
        "InvalidArgumentException",
        "on-demand streams scale themselves; resharding calls are for provisioned streams",
      ];
    }
    if (this.stream.status === "UPDATING") {
      return [
        "ResourceInUseException",
        "the stream is UPDATING: one resharding operation at a time",
      ];
    }
    const open = this.stream.openShards.length;
    switch (request.kind) {
      case "split": {
        const shard = this.stream.findShard(request.shardId);
        if (shard === undefined)
          return ["ResourceNotFoundException", `no shard ${request.shardId}`];
        if (shard.status !== "OPEN")
          return ["InvalidArgumentException", `${request.shardId} is closed`];
        const key = request.newStartingHashKey ?? evenSplitPoint(shard.range);
        if (!isSplitShardKeyAllowed(shard.range, key)) {
          return [
            "InvalidArgumentException",
            `NewStartingHashKey ${key} is not inside ${request.shardId}'s range (start + 1, end)`,
          ];
        }
        if (open + 1 > this.profile.maxShardsPerStream) {
          return [
            "LimitExceededException",
            `a split would exceed ${this.profile.maxShardsPerStream} shards`,
          ];
        }
        return undefined;
      }
      case "merge": {
        const [a, b] = request.shardIds.map((id) => this.stream.findShard(id));
        if (a === undefined || b === undefined) {
          return [
            "ResourceNotFoundException",
            `no shard ${a === undefined ? request.shardIds[0] : request.shardIds[1]}`,
          ];
        }
        if (a === b) return ["InvalidArgumentException", "a shard cannot be merged with itself"];
        if (a.status !== "OPEN" || b.status !== "OPEN") {
          return [
            "InvalidArgumentException",
            `${a.status !== "OPEN" ? a.shardId : b.shardId} is closed`,
          ];
        }
        const adjacent =
          a.endingHashKey + 1n === b.startingHashKey || b.endingHashKey + 1n === a.startingHashKey;
        if (!adjacent)
          return ["InvalidArgumentException", `${a.shardId} and ${b.shardId} are not adjacent`];
        return undefined;
      }
      case "updateShardCount": {
        const { target } = request;
        const p = this.profile;
        if (target > p.maxShardsPerStream) {
          return [
            "LimitExceededException",
            `target ${target} is above ${p.maxShardsPerStream} shards per stream`,
          ];
        }
        if (target > open * p.updateShardCountMaxFactor) {
          return [
            "LimitExceededException",
            `target ${target} is more than ${p.updateShardCountMaxFactor}× the ${open} open shards`,
          ];
        }
        if (target < open * p.updateShardCountMinFactor) {
          return [
            "LimitExceededException",
            `target ${target} is less than ${p.updateShardCountMinFactor}× the ${open} open shards`,
          ];
        }
        const since = this.simulation.nowUs - US_PER_DAY;
        const recent = this.updateShardCountTimes.filter((time) => time > since).length;
        if (recent >= p.updateShardCountPer24h) {
          return [
            "LimitExceededException",
            `already ${recent} UpdateShardCount calls in the last 24 h (limit ${p.updateShardCountPer24h})`,
          ];
        }
        return undefined;
      }
    }
  }

  /** Schedules a split or merge; returns how long the stream stays UPDATING. */
  private startPairwise(
    record: OperationRecord,
    request: Exclude<OperationRequest, { kind: "updateShardCount" }>,
  ): number {
    const delayUs = uniform(
      this.random,
      this.profile.splitMergeMinDelayUs,
      this.profile.splitMergeMaxDelayUs + 1,
    );
    this.simulation.schedule(delayUs, () => {
      this.apply(record, request);
      this.finish(record);
    });
    return delayUs;
  }

  /**
   * UpdateShardCount: the pairwise steps to the even split, spread evenly over the drawn
   * delay; the stream is ACTIVE again when the last one is done. Returns the delay.
   */
  private startUpdateShardCount(record: OperationRecord, target: number): number {
    this.updateShardCountTimes.push(this.simulation.nowUs);
    const open = this.stream.openShards;
    const steps = uniformScalingPlan(open, target);
    const p = this.profile;
    let delayUs = uniform(
      this.random,
      p.updateShardCountMinDelayUs,
      p.updateShardCountMaxDelayUs + 1,
    );
    // AWS: a target that is not a multiple of 25 % of the shards "might take longer".
    if ((target * 4) % open.length !== 0) delayUs *= p.updateShardCountUnevenDelayFactor;
    const startUs = this.simulation.nowUs;
    steps.forEach((step, i) => {
      const atUs = startUs + Math.round((delayUs * (i + 1)) / (steps.length + 1));
      this.simulation.scheduleAt(atUs, () => this.applyStep(record, step));
    });
    this.simulation.scheduleAt(startUs + Math.round(delayUs), () => this.finish(record));
    return Math.round(delayUs);
  }

  private applyStep(record: OperationRecord, step: ScalingStep): void {
    const now = this.simulation.nowUs;
    const byStart = (start: bigint) =>
      this.stream.openShards.find((shard) => shard.startingHashKey === start) as Shard;
    if (step.kind === "split") {
      const parent = byStart(step.shardStart);
      const children = this.stream.splitShard(parent, step.newStartingHashKey, now);
      record.closed.push(parent.shardId);
      record.opened.push(...children.map((child) => child.shardId));
      this.narrator?.note({
        kind: "reshard-step",
        atUs: now,
        closed: [parent.shardId],
        opened: children.map((child) => child.shardId),
      });
    } else {
      const left = byStart(step.leftStart);
      const right = byStart(step.rightStart);
      const child = this.stream.mergeShards(left, right, now);
      record.closed.push(left.shardId, right.shardId);
      record.opened.push(child.shardId);
      this.narrator?.note({
        kind: "reshard-step",
        atUs: now,
        closed: [left.shardId, right.shardId],
        opened: [child.shardId],
      });
    }
  }

  private finish(record: OperationRecord): void {
    record.outcome = "completed";
    record.completedAtUs = this.simulation.nowUs;
    this.stream.status = "ACTIVE";
    this.narrateCompleted(record);
  }

  private narrateCompleted(record: OperationRecord): void {
    this.narrator?.note({
      kind: "reshard-completed",
      atUs: this.simulation.nowUs,
      request: record.request,
      origin: record.origin,
      requestedAtUs: record.requestedAtUs,
      closed: [...record.closed],
      opened: [...record.opened],
    });
  }
}
