import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE, type LimitsProfile } from "../../../models/limits/profile.js";
import { Autoscaler, type AutoscalingSettings } from "../../../models/stream/autoscaler.js";
import { KinesisStream } from "../../../models/stream/kinesis-stream.js";
import { StreamOperations } from "../../../models/stream/stream-operations.js";
import { randomStream } from "../../../src/engine/random-streams.js";
import { Simulation } from "../../../src/engine/simulation.js";
import { SteadyLoad } from "./steady-load.js";

const S = 1_000_000;
const MINUTE = 60 * S;
const HOUR = 60 * MINUTE;

/**
 * Kinesis's limits, with 10-second-deep ingress buckets so that the test load writes once
 * every 10 s (steady-load.ts): the autoscaler measures accepted writes per minute, which a
 * steady load within a shard's limits makes the same with any depth.
 */
const PROFILE: LimitsProfile = { ...DEFAULT_PROFILE, ingressBucketDepthSeconds: 10 };

/** The schema's defaults (`stream.autoscaling: {}`). */
const DEFAULTS: AutoscalingSettings = {
  targetUtilization: 0.6,
  scaleOutAbove: 0.8,
  scaleOutAfterUs: 3 * MINUTE,
  scaleInBelow: 0.3,
  scaleInAfterUs: 30 * MINUTE,
  evaluationUs: MINUTE,
  minShards: 1,
  maxShards: 10_000,
  cooldownUs: HOUR,
};

/**
 * A provisioned stream of `shards`, its control plane, an autoscaler and a steady load. The
 * tests write 100-byte records unless they say otherwise, so that utilization is the records
 * limit's: 1,000 of them a second are under 10 % of a shard's bytes.
 */
function setup(
  shards: number,
  settings: Partial<AutoscalingSettings> = {},
  profile: LimitsProfile = PROFILE,
  durationUs = 6 * HOUR,
) {
  const simulation = new Simulation();
  const stream = new KinesisStream({
    shardCount: shards,
    profile,
    limiter: "bucket",
    retentionUs: HOUR,
    coalesceUs: S,
    metricsResolutionUs: MINUTE,
    durationUs,
  });
  const operations = new StreamOperations(
    simulation,
    stream,
    profile,
    randomStream(1, "stream:operations"),
    "provisioned",
  );
  new Autoscaler(simulation, stream, operations, profile, { ...DEFAULTS, ...settings }).start();
  const load = new SteadyLoad(simulation, stream);
  /** The autoscaler's requests: when (s), the target, and how each ended. */
  const scalings = () =>
    operations.records
      .filter((record) => record.origin === "autoscaling")
      .map((record) => ({
        atSeconds: record.requestedAtUs / S,
        target: record.request.kind === "updateShardCount" ? record.request.target : undefined,
        outcome: record.outcome,
        ...(record.error === undefined ? {} : { error: record.error }),
      }));
  return { simulation, stream, operations, load, scalings };
}

describe("scaling out", () => {
  /**
   * 3,400 records/s on 4 shards is a utilization of 3,400 ÷ 4,000 = 0.85 > 0.8, measured at
   * every whole minute from 60 s on for the minute before, so it has been high since 0 s and
   * the rule's 3 minutes are up at the look at 180 s (not before). The policy asks for
   * ceil(4 × 0.85 ÷ 0.6) = ceil(5.67) = 6; on 6 shards the utilization is 0.57, inside the
   * band, so nothing more happens. No shard is ever offered more than its 1,000 records/s.
   */
  it("asks for ceil(open × utilization ÷ target) once utilization has stayed high long enough", () => {
    const { simulation, stream, load, scalings } = setup(4);
    load.setAt(0, 3400, 100);
    simulation.run(2 * HOUR);
    expect(scalings()).toEqual([{ atSeconds: 180, target: 6, outcome: "completed" }]);
    expect(stream.openShards).toHaveLength(6);
    expect(load.throttled).toBe(0);
  });

  /**
   * Utilization is the larger of the bytes and the records measure: 100 records/s of
   * 36,000 bytes use 2.5 % of 4 shards' records but 3,600,000 ÷ (4 × 1,048,576) = 0.858 of
   * their bytes: ceil(4 × 0.858 ÷ 0.6) = ceil(5.72) = 6, as above.
   */
  it("measures bytes as well as records", () => {
    const { simulation, load, scalings } = setup(4);
    load.setAt(0, 100, 36_000);
    simulation.run(HOUR);
    expect(scalings()).toEqual([{ atSeconds: 180, target: 6, outcome: "completed" }]);
  });

  /**
   * The records limit counts Kinesis records (kinesis-facts.md §8), and so does utilization.
   * 1,800 user records/s of 100 B on 1 shard, 181 to a KPL aggregate (kpl-small-records.yaml):
   * about 10 Kinesis records/s, 1 % of the records limit, and 180,000 ÷ 1,048,576 = 0.17 of the
   * bytes: nothing to do (counting user records would read 1.8). 3,600 user records/s on 2
   * shards, 2 to an aggregate, are 1,800 Kinesis records/s: 0.9 of 2,000, so ceil(2 × 0.9 ÷
   * 0.6) = 3 (user records would read 1.8 and ask for 4, twice the open shards).
   */
  it("counts Kinesis records, not the user records aggregated in them", () => {
    const aggregated = setup(1);
    aggregated.load.setAt(0, 1800, 100, 181);
    aggregated.simulation.run(HOUR);
    expect(aggregated.operations.records).toEqual([]);
    expect(aggregated.load.throttled).toBe(0);

    const pairs = setup(2);
    pairs.load.setAt(0, 3600, 100, 2);
    pairs.simulation.run(HOUR);
    expect(pairs.scalings()).toEqual([{ atSeconds: 180, target: 3, outcome: "completed" }]);
    expect(pairs.load.throttled).toBe(0);
  });

  it("does nothing while utilization stays inside the band, however close to its edges", () => {
    // 0.775 (just under 0.8) and 0.325 (just over 0.3) on 4 shards, for 6 hours.
    for (const rate of [3100, 1300]) {
      const { simulation, operations, load } = setup(4);
      load.setAt(0, rate, 100);
      simulation.run(6 * HOUR);
      expect(operations.records).toEqual([]);
    }
  });

  /**
   * 0.85 during the first 150 s, then 0.5: the looks at 60 and 120 s see 0.85, the one at
   * 180 s sees (30 × 3,400 + 30 × 2,000) ÷ 60 ÷ 4,000 = 0.675, which ends the high stretch
   * before its 3 minutes are up.
   */
  it("ignores a burst shorter than scaleOutAfter", () => {
    const { simulation, operations, load } = setup(4);
    load.setAt(0, 3400, 100);
    load.setAt(150 * S, 2000, 100);
    simulation.run(2 * HOUR);
    expect(operations.records).toEqual([]);
  });

  /**
   * UpdateShardCount takes at most twice the open shards (kinesis-facts.md §5): with a target
   * of 0.3 the rule wants ceil(4 × 0.85 ÷ 0.3) = 12 and asks for 8; with `maxShards: 5` it
   * asks for 5. Either way the stream ends inside the band (0.43 and 0.68) and stays there.
   */
  it("asks for at most twice the open shards, and never more than maxShards", () => {
    const cases: [Partial<AutoscalingSettings>, number][] = [
      [{ targetUtilization: 0.3 }, 8],
      [{ targetUtilization: 0.3, maxShards: 5 }, 5],
    ];
    for (const [settings, target] of cases) {
      const { simulation, stream, load, scalings } = setup(4, settings);
      load.setAt(0, 3400, 100);
      simulation.run(2 * HOUR);
      expect(scalings()).toEqual([{ atSeconds: 180, target, outcome: "completed" }]);
      expect(stream.openShards).toHaveLength(target);
    }
  });
});

describe("scaling in", () => {
  /**
   * 1,000 records/s on 8 shards is 0.125 < 0.3 from the start, so the first request is at
   * 30 min: ceil(8 × 0.125 ÷ 0.6) = 2 wanted, but UpdateShardCount takes at least half the
   * open shards, so 4. On 4 shards (0.25) the low stretch starts again at the request: 30 min
   * later it asks for ceil(4 × 0.25 ÷ 0.6) = 2, which is half of 4. On 2 shards (0.5) it stops.
   * With `minShards: 6` it asks for 6 and then, at 0.167, wants 3 but may not go below 6.
   */
  it("asks for at least half the open shards and never fewer than minShards", () => {
    const cases: [Partial<AutoscalingSettings>, [number, number][], number][] = [
      [
        {},
        [
          [1800, 4],
          [3600, 2],
        ],
        2,
      ],
      [{ minShards: 6 }, [[1800, 6]], 6],
    ];
    for (const [settings, requests, finalShards] of cases) {
      const { simulation, stream, load, scalings } = setup(8, settings);
      load.setAt(0, 1000, 100);
      simulation.run(4 * HOUR);
      expect(scalings()).toEqual(
        requests.map(([atSeconds, target]) => ({ atSeconds, target, outcome: "completed" })),
      );
      expect(stream.openShards).toHaveLength(finalShards);
    }
  });
});

describe("the control plane", () => {
  /**
   * A split requested at 170 s keeps the stream UPDATING for 20 to 40 s, over the look at
   * 180 s when the rule is due: the autoscaler waits rather than call into a
   * ResourceInUseException. 3,800 records/s make 0.95 on 4 shards and 0.76 on the 5 after
   * the split (above `scaleOutAbove: 0.7`), so the stretch goes on and the look at 240 s asks
   * for ceil(5 × 0.76 ÷ 0.6) = ceil(6.33) = 7.
   */
  it("waits while the stream is UPDATING and asks once it is ACTIVE", () => {
    const { simulation, operations, load, scalings } = setup(4, { scaleOutAbove: 0.7 });
    load.setAt(0, 3800, 100);
    simulation.scheduleAt(170 * S, () =>
      operations.request({ kind: "split", shardId: "shardId-000000000000" }),
    );
    simulation.run(HOUR);
    const split = operations.records[0];
    expect(split?.origin).toBe("events");
    expect(split?.completedAtUs).toBeGreaterThan(180 * S);
    expect(split?.completedAtUs).toBeLessThan(240 * S);
    expect(scalings()).toEqual([{ atSeconds: 240, target: 7, outcome: "completed" }]);
  });

  /**
   * A stream may have at most `maxShardsPerStream` shards: with 5, the request for 6 at
   * 180 s is rejected. The autoscaler then keeps quiet for its 10-minute cooldown and, the
   * high stretch having started over at the request, asks again at the first look after
   * both: 180 + 600 = 780 s, then every 600 s. Without the cooldown it would ask every
   * 180 s.
   */
  it("after a rejected request, waits its cooldown before asking again", () => {
    const profile = { ...PROFILE, maxShardsPerStream: 5 };
    const { simulation, load, scalings } = setup(4, { cooldownUs: 10 * MINUTE }, profile);
    load.setAt(0, 3400, 100);
    simulation.run(HOUR);
    expect(scalings()).toEqual(
      [180, 780, 1380, 1980, 2580, 3180].map((atSeconds) => ({
        atSeconds,
        target: 6,
        outcome: "rejected",
        error: "LimitExceededException",
      })),
    );
  });

  /**
   * Traffic that swings every hour between 0.85 and 0.15 of 4 shards makes the policy scale
   * out and in again and again (4 or 5 calls every 2 hours), more often than
   * UpdateShardCount's 10 calls in a rolling 24 h allow (kinesis-facts.md §5): within 12 hours
   * the tenth call has gone through. The calls past the tenth are rejected with
   * LimitExceededException, and the autoscaler waits its hour of cooldown after each.
   */
  it("lives within UpdateShardCount's 10 calls in 24 hours", () => {
    const durationUs = 12 * HOUR;
    const { simulation, load, scalings } = setup(4, {}, PROFILE, durationUs);
    for (let hour = 0; hour < 12; hour++) load.setAt(hour * HOUR, hour % 2 === 0 ? 3400 : 600, 100);
    simulation.run(durationUs);
    const requests = scalings();
    const accepted = requests.filter((request) => request.outcome !== "rejected");
    const rejected = requests.filter((request) => request.outcome === "rejected");
    // All 12 hours lie within 24 h of the first call: exactly 10 go through.
    expect(accepted).toHaveLength(10);
    expect(rejected.length).toBeGreaterThan(0);
    for (const request of rejected) expect(request.error).toBe("LimitExceededException");
    for (const [i, request] of requests.entries()) {
      const next = requests[i + 1];
      if (request.outcome === "rejected" && next !== undefined) {
        expect(next.atSeconds - request.atSeconds).toBeGreaterThanOrEqual(3600);
      }
    }
  });
});
