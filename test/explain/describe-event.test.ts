import { describe, expect, it } from "vitest";
import { bytes, describeEvent, duration, secondsText } from "../../src/explain/describe-event.js";

describe("describeEvent: the wording", () => {
  it("writes numbers for people: thousands separators, 3-decimal seconds, readable sizes", () => {
    expect(secondsText(120_000)).toBe("0.120");
    expect(secondsText(1_999_999)).toBe("1.999"); // truncated, never rounded past the next event
    expect(secondsText(3_723_456_789)).toBe("3,723.456");
    expect(bytes(999)).toBe("999 B");
    expect(bytes(31_234)).toBe("31 KB");
    expect(bytes(1_450_000)).toBe("1.4 MB");
    expect(bytes(1_048_576, true)).toBe("1 MiB");
    expect(duration(230_000)).toBe("230 ms");
    expect(duration(32_268_000)).toBe("32.268 s");
    expect(duration(86_400_000_000)).toBe("24 h");
  });

  it("names the limit that refused a put, and says how much of a call one shard had", () => {
    const line = describeEvent({
      kind: "put",
      atUs: 120_000,
      producer: "clicks",
      api: "PutRecords",
      kpl: false,
      attempt: 1,
      records: 1_200,
      bytes: 1_250_000,
      shards: [
        {
          shardId: "shardId-000000000002",
          records: 1_037,
          bytes: 1_040_000,
          accepted: 1_030,
          throttled: 7,
          refusedBy: [{ limit: "bytes", shape: "bucket", perSecond: 1_048_576 }],
        },
      ],
    });
    expect(line).toBe(
      "clicks → PutRecords 1,037 of 1,200 records (1.0 MB) → shardId-000000000002 accepted 1,030, throttled 7: the bytes bucket is empty (1 MiB/s)",
    );
  });

  it("tells resharding and throttled reads with their reasons", () => {
    expect(
      describeEvent({
        kind: "reshard-requested",
        atUs: 510_000,
        request: { kind: "split", shardId: "shardId-000000000001" },
        origin: "events",
        updatingForUs: 30_000_000,
      }),
    ).toBe("split of shardId-000000000001 requested → stream UPDATING for 30 s");
    expect(
      describeEvent({
        kind: "reshard-rejected",
        atUs: 0,
        request: { kind: "updateShardCount", target: 64 },
        origin: "autoscaling",
        error: "LimitExceededException",
        reason: "target 64 is more than 2× the 8 open shards",
      }),
    ).toBe(
      "autoscaling: UpdateShardCount to 64 shards rejected with LimitExceededException: target 64 is more than 2× the 8 open shards",
    );
    expect(
      describeEvent({
        kind: "read-throttled",
        atUs: 2_000_000,
        consumer: "app",
        shardId: "shardId-000000000000",
        limit: "bytes",
        perSecond: 2_097_152,
        blockedUntilUs: 6_500_000,
        retryInUs: 740_000,
      }),
    ).toBe(
      "app GetRecords shardId-000000000000 throttled (ReadProvisionedThroughputExceeded): the shard's 2 MiB/s read limit is still paying for earlier reads until t=6.500 s, shared by every polling application; retry in 740 ms",
    );
  });

  it("tells the read path's other refusals and restarts", () => {
    expect(
      describeEvent({
        kind: "read-throttled",
        atUs: 2_000_000,
        consumer: "app",
        shardId: "shardId-000000000000",
        limit: "records",
        perSecond: 2000,
        blockedUntilUs: 6_000_000,
        retryInUs: 1_000_000,
      }),
    ).toBe(
      "app GetRecords shardId-000000000000 throttled (ReadProvisionedThroughputExceeded): the shard's 2,000 records/s read limit is still paying for earlier reads until t=6.000 s, shared by every polling application; retry in 1 s",
    );
    expect(
      describeEvent({
        kind: "shard-iterator",
        atUs: 0,
        consumer: "app",
        shardId: "shardId-000000000001",
        what: "throttled",
        perSecond: 5,
        retryInUs: 800_000,
      }),
    ).toBe(
      "app GetShardIterator shardId-000000000001 throttled: the shard's 5 calls/s are used up; retry in 800 ms",
    );
    expect(
      describeEvent({
        kind: "shard-iterator",
        atUs: 0,
        consumer: "app",
        shardId: "shardId-000000000001",
        what: "expired",
        lifetimeUs: 300_000_000,
      }),
    ).toBe(
      "app shardId-000000000001: its shard iterator expired (ExpiredIteratorException: unused for more than 5 min); it gets a new one with GetShardIterator",
    );
    expect(
      describeEvent({
        kind: "subscribe-rejected",
        atUs: 2_000_000,
        consumer: "fan",
        shardId: "shardId-000000000000",
        minIntervalUs: 5_000_000,
        retryInUs: 1_000_000,
      }),
    ).toBe(
      "fan SubscribeToShard shardId-000000000000 refused (ResourceInUseException): less than 5 s after its last successful call; retry in 1 s",
    );
    expect(
      describeEvent({
        kind: "consumer",
        atUs: 0,
        consumer: "app",
        action: "started",
        restartedFrom: "LATEST",
      }),
    ).toBe(
      "app starts again after its iterators expired: it goes on at LATEST (it keeps no position)",
    );
  });
});
