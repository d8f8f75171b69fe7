import { describe, expect, it } from "vitest";
import { runText as run } from "../../helpers/experiment.js";

describe("KCL application", () => {
  it("after a worker stops, every one of its shards is owned again within failover + one taking pass", () => {
    for (const seed of [1, 2, 3]) {
      const result = run(`
seed: ${seed}
duration: 4m
stream: { shards: 8 }
producers: [{ name: p, rate: 2000, recordSize: 200B }]
consumers:
  - { name: app, startAt: TRIM_HORIZON, kcl: { workers: 4 } }
events: [{ at: 3m, stopWorker: app/2 }]
`);
      const kcl = result.consumers[0]?.kcl;
      expect(kcl?.failovers).toHaveLength(1);
      const failover = kcl?.failovers[0];
      expect(failover?.leases).toBeGreaterThan(0);
      // Expired failoverTime (10 s) after the last renewal — at most 10 s before the stop —
      // and taken at the next taking pass of some worker (every 2 × (10 s + 25 ms)).
      expect(failover?.recoverySeconds).toBeGreaterThan(10 - 10 / 3);
      expect(failover?.recoverySeconds).toBeLessThanOrEqual(10 + 20.05);
      // Nothing of the dead worker's is left unowned at the end.
      const takenAfter = kcl?.leaseTimeline.filter((change) => change.atSeconds >= 180) ?? [];
      expect(takenAfter.map((change) => change.how)).toEqual(Array(failover?.leases).fill("taken"));
    }
  });

  it("redelivers exactly what the stopped worker had received since its last checkpoint", () => {
    // One shard, two workers: worker 1 takes the only lease at t = 0 and worker 2 never
    // steals it (its target, ceil(1 ÷ 2) = 1, is not above the owner's count). Worker 1
    // checkpoints every 1,000 records and dies at 95 s; worker 2 resumes from the checkpoint.
    const result = run(`
duration: 3m
stream: { shards: 1 }
producers: [{ name: p, rate: 100, arrival: constant, recordSize: 100B }]
consumers:
  - { name: app, startAt: TRIM_HORIZON, kcl: { workers: 2, checkpoint: { everyRecords: 1000 } } }
events: [{ at: 95s, stopWorker: app/1 }]
`);
    const c = result.consumers[0];
    const taken = c?.kcl?.leaseTimeline.filter((change) => change.atSeconds > 0) ?? [];
    expect(taken.map((change) => [change.worker, change.how])).toEqual([[2, "taken"]]);
    // Polls every second read ~100 records; by 95 s about 9,400–9,500 were received and the
    // last checkpoint was taken at the first batch past 9,000: redelivered ≈ 400–500.
    expect(c?.redelivered).toBeGreaterThan(300);
    expect(c?.redelivered).toBeLessThan(1000);
    // Conservation with duplicates: each record counts once.
    expect((c?.delivered ?? 0) - (c?.redelivered ?? 0) + (c?.unread ?? 0)).toBe(
      result.records.accepted,
    );
  });

  it("a joining worker takes leases one per taking pass from the most-loaded worker", () => {
    const result = run(`
duration: 4m
stream: { shards: 8 }
producers: [{ name: p, rate: 1000, recordSize: 200B }]
consumers:
  - { name: app, startAt: TRIM_HORIZON, kcl: { workers: 2 } }
events: [{ at: 0s, stopWorker: app/2 }, { at: 60s, startWorker: app/2 }]
`);
    const steals =
      result.consumers[0]?.kcl?.leaseTimeline.filter((change) => change.how === "stolen") ?? [];
    expect(steals.map((change) => change.worker)).toEqual([2, 2, 2, 2]);
    // One lease per pass: consecutive steals are a taking interval (20.05 s) apart.
    for (let i = 1; i < steals.length; i++) {
      expect((steals[i]?.atSeconds ?? 0) - (steals[i - 1]?.atSeconds ?? 0)).toBeCloseTo(20.05, 3);
    }
  });

  it("rejects worker events for an application without kcl, or a worker that does not exist", () => {
    const base = `
duration: 1m
stream: { shards: 1 }
producers: [{ name: p, rate: 10 }]
`;
    expect(() =>
      run(`${base}consumers: [{ name: a }]\nevents: [{ at: 1s, stopWorker: a/1 }]`),
    ).toThrow(/not a KCL/);
    expect(() =>
      run(
        `${base}consumers: [{ name: a, kcl: { workers: 2 } }]\nevents: [{ at: 1s, stopWorker: a/3 }]`,
      ),
    ).toThrow(/workers 1 to 2/);
  });
});
