import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { DEFAULT_PROFILE, type LimitsProfile } from "../../../models/limits/profile.js";
import { KinesisStream } from "../../../models/stream/kinesis-stream.js";
import type { OperationRequest } from "../../../models/stream/operation-request.js";
import { StreamOperations } from "../../../models/stream/stream-operations.js";
import { randomStream } from "../../../src/engine/random-streams.js";
import { Simulation } from "../../../src/engine/simulation.js";

const S = 1_000_000;
const HOUR = 3600 * S;

function setup(
  shards = 4,
  mode: "provisioned" | "on-demand" = "provisioned",
  profile: LimitsProfile = DEFAULT_PROFILE,
) {
  const simulation = new Simulation();
  const stream = new KinesisStream({
    shardCount: shards,
    profile,
    limiter: "bucket",
    retentionUs: 24 * HOUR,
    coalesceUs: S,
    metricsResolutionUs: S,
    durationUs: 48 * HOUR,
  });
  const operations = new StreamOperations(
    simulation,
    stream,
    profile,
    randomStream(1, "ops"),
    mode,
  );
  /** Requests now, then runs until the stream is ACTIVE again. */
  const request = (op: OperationRequest) => {
    const record = operations.request(op);
    simulation.run(simulation.nowUs + HOUR);
    return record;
  };
  return { simulation, stream, operations, request };
}

describe("SplitShard", () => {
  it("closes the parent and opens two children that partition its range exactly", () => {
    const { stream, request } = setup(4);
    const parent = stream.shards[1];
    const record = request({ kind: "split", shardId: "shardId-000000000001" });
    expect(record.outcome).toBe("completed");
    expect(parent?.status).toBe("CLOSED");
    const [a, b] = [stream.shards[4], stream.shards[5]];
    expect([a?.shardId, b?.shardId]).toEqual(["shardId-000000000004", "shardId-000000000005"]);
    expect(a?.parentShardIds).toEqual(["shardId-000000000001"]);
    expect(a?.startingHashKey).toBe(parent?.startingHashKey);
    expect(b?.endingHashKey).toBe(parent?.endingHashKey);
    expect((a?.endingHashKey ?? 0n) + 1n).toBe(b?.startingHashKey);
    // The open shards still cover the whole hash key space, in order.
    expect(stream.openShards.map((shard) => shard.shardId)).toEqual([
      "shardId-000000000000",
      "shardId-000000000004",
      "shardId-000000000005",
      "shardId-000000000002",
      "shardId-000000000003",
    ]);
    // The stream was UPDATING for a delay from the profile's range.
    const took = (record.completedAtUs ?? 0) - record.requestedAtUs;
    expect(took).toBeGreaterThanOrEqual(DEFAULT_PROFILE.splitMergeMinDelayUs);
    expect(took).toBeLessThanOrEqual(DEFAULT_PROFILE.splitMergeMaxDelayUs + 1);
  });

  it("splits at newStartingHashKey when given", () => {
    const { stream, request } = setup(1);
    request({ kind: "split", shardId: "shardId-000000000000", newStartingHashKey: 1000n });
    expect(stream.shards[1]?.endingHashKey).toBe(999n);
    expect(stream.shards[2]?.startingHashKey).toBe(1000n);
  });
});

describe("MergeShards", () => {
  it("merges two adjacent shards into one covering their union, with both as parents", () => {
    const { stream, request } = setup(4);
    request({ kind: "merge", shardIds: ["shardId-000000000002", "shardId-000000000001"] });
    const child = stream.shards[4];
    expect(child?.parentShardIds).toEqual(["shardId-000000000001", "shardId-000000000002"]);
    expect(child?.startingHashKey).toBe(evenSplit(4)[1]?.startingHashKey);
    expect(child?.endingHashKey).toBe(evenSplit(4)[2]?.endingHashKey);
    expect(stream.openShards).toHaveLength(3);
  });
});

describe("UpdateShardCount", () => {
  it("reaches the even split through splits and merges, counting every short-lived shard", () => {
    const { stream, request } = setup(4);
    const record = request({ kind: "updateShardCount", target: 6 });
    expect(record.outcome).toBe("completed");
    expect(stream.openShards.map((shard) => [shard.startingHashKey, shard.endingHashKey])).toEqual(
      evenSplit(6).map((range) => [range.startingHashKey, range.endingHashKey]),
    );
    // More shards were opened than remain: short-lived pieces were merged again.
    expect(record.opened.length).toBeGreaterThan(6);
    expect(stream.status).toBe("ACTIVE");
  });
});

describe("every rule rejects what Kinesis rejects", () => {
  const cases: [string, (s: ReturnType<typeof setup>) => OperationRequest, string][] = [
    [
      "an unknown shard",
      () => ({ kind: "split", shardId: "shardId-000000000042" }),
      "ResourceNotFoundException",
    ],
    [
      "a closed shard",
      (s) => {
        s.request({ kind: "split", shardId: "shardId-000000000000" });
        return { kind: "split", shardId: "shardId-000000000000" };
      },
      "InvalidArgumentException",
    ],
    [
      "a split key outside (start + 1, end)",
      () => ({ kind: "split", shardId: "shardId-000000000001", newStartingHashKey: 5n }),
      "InvalidArgumentException",
    ],
    [
      "a merge of shards that are not adjacent",
      () => ({ kind: "merge", shardIds: ["shardId-000000000000", "shardId-000000000002"] }),
      "InvalidArgumentException",
    ],
    [
      "more than double the open shards",
      () => ({ kind: "updateShardCount", target: 9 }),
      "LimitExceededException",
    ],
    [
      "less than half the open shards",
      () => ({ kind: "updateShardCount", target: 1 }),
      "LimitExceededException",
    ],
  ];
  for (const [what, make, error] of cases) {
    it(`rejects ${what} with ${error}`, () => {
      const s = setup(4);
      const request = make(s);
      const before = s.stream.openShards.length;
      const record = s.operations.request(request);
      expect(record.outcome).toBe("rejected");
      expect(record.error).toBe(error);
      expect(record.reason).toBeTruthy();
      expect(s.stream.status).toBe("ACTIVE");
      expect(s.stream.openShards.length).toBe(before);
    });
  }

  it("rejects any request while the stream is UPDATING with ResourceInUseException", () => {
    const { operations, stream } = setup(4);
    expect(operations.request({ kind: "split", shardId: "shardId-000000000000" }).outcome).toBe(
      "in progress",
    );
    expect(stream.status).toBe("UPDATING");
    const second = operations.request({
      kind: "merge",
      shardIds: ["shardId-000000000002", "shardId-000000000003"],
    });
    expect(second.error).toBe("ResourceInUseException");
  });

  it("allows 10 UpdateShardCount calls in a rolling 24 h and refuses the 11th", () => {
    const { request, simulation } = setup(4);
    for (let i = 0; i < 10; i++) {
      expect(request({ kind: "updateShardCount", target: i % 2 === 0 ? 8 : 4 }).outcome).toBe(
        "completed",
      );
    }
    const eleventh = request({ kind: "updateShardCount", target: 8 });
    expect(eleventh.error).toBe("LimitExceededException");
    // A day after the first call, the window has room again.
    simulation.run(25 * HOUR);
    expect(request({ kind: "updateShardCount", target: 8 }).outcome).toBe("completed");
  });

  it("refuses more than the per-stream shard limit", () => {
    const { request } = setup(4, "provisioned", { ...DEFAULT_PROFILE, maxShardsPerStream: 6 });
    expect(request({ kind: "updateShardCount", target: 8 }).error).toBe("LimitExceededException");
  });

  it("refuses resharding calls on an on-demand stream", () => {
    const { request } = setup(4, "on-demand");
    expect(request({ kind: "updateShardCount", target: 8 }).error).toBe("InvalidArgumentException");
  });
});
