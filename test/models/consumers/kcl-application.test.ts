import { describe, expect, it } from "vitest";
import type { RunResult } from "../../../src/experiment/run/result-types.js";
import { runText as run } from "../../helpers/experiment.js";

const R = 10 / 3 - 0.025;

/** The worker that took the only lease first (KCL 2), from a run without stops. */
function firstTaker(result: RunResult): number {
  return result.consumers[0]?.kcl?.leaseTimeline[0]?.worker ?? 1;
}

describe("KCL application", () => {
  it("after a worker stops, every one of its shards is processed again within the scans' windows", () => {
    for (const version of [2, 3] as const) {
      for (const seed of [1, 2, 3]) {
        const text = (stop: string) => `
seed: ${seed}
duration: 4m
stream: { shards: 8 }
producers: [{ name: p, rate: 2000, recordSize: 200B }]
consumers:
  - { name: app, mode: polling, startAt: TRIM_HORIZON, kcl: { version: ${version}, workers: 4 } }
events: [${stop}]
`;
        // KCL 3: stop a worker that is not the leader (the leader's loss takes longer).
        const leader = run(text("")).consumers[0]?.kcl?.leaderChanges[0]?.worker;
        const stopped = leader === 2 ? 3 : 2;
        const result = run(text(`{ at: 3m, stopWorker: app/${stopped} }`));
        const kcl = result.consumers[0]?.kcl;
        expect(kcl?.version).toBe(version);
        expect(kcl?.failovers).toHaveLength(1);
        const failover = kcl?.failovers[0];
        expect(failover?.leases).toBeGreaterThan(0);
        // The last renewal came at most R before the stop; the scanner (KCL 2: any live
        // worker's taker, every 20.05 s; KCL 3: the leader, every 20 s) notes it at its next
        // scan and finds the lease expired one scan later; KCL 3's worker then starts it at
        // its next discovery pass (within 9.975 s).
        const [low, high] = version === 2 ? [20.05 - R, 2 * 20.05] : [20 - R, 40 + 9.975];
        expect(failover?.recoverySeconds).toBeGreaterThan(low);
        expect(failover?.recoverySeconds).toBeLessThanOrEqual(high);
        const takenAfter = kcl?.leaseTimeline.filter((change) => change.atSeconds >= 180) ?? [];
        expect(takenAfter.map((change) => change.how)).toEqual(
          Array(failover?.leases).fill("taken"),
        );
      }
    }
  });

  it("redelivers exactly what the stopped worker had received since its last checkpoint", () => {
    // One shard, two KCL 2 workers: the first to run its taking pass takes the only lease and
    // the other never steals it (its target, ceil(1 ÷ 2) = 1, is not above the owner's count).
    // The holder checkpoints every 1,000 records and dies at 95 s; the other resumes from the
    // checkpoint.
    const text = (events: string) => `
duration: 3m
stream: { shards: 1 }
producers: [{ name: p, rate: 100, arrival: constant, recordSize: 100B }]
consumers:
  - { name: app, mode: polling, startAt: TRIM_HORIZON, kcl: { version: 2, workers: 2, checkpoint: { everyRecords: 1000 } } }
events: [${events}]
`;
    const holder = firstTaker(run(text("")));
    const result = run(text(`{ at: 95s, stopWorker: app/${holder} }`));
    const c = result.consumers[0];
    const taken = c?.kcl?.leaseTimeline.slice(1) ?? [];
    expect(taken.map((change) => [change.worker, change.how])).toEqual([[3 - holder, "taken"]]);
    // Polls every second read ~100 records; by 95 s about 9,300–9,500 were received and the
    // last checkpoint was taken at the first batch past a multiple of 1,000: redelivered is
    // between a batch and 1,000 + a batch.
    expect(c?.redelivered).toBeGreaterThan(50);
    expect(c?.redelivered).toBeLessThan(1100);
    // Conservation with duplicates: each record counts once.
    expect((c?.delivered ?? 0) - (c?.redelivered ?? 0) + (c?.unread ?? 0)).toBe(
      result.records.accepted,
    );
  });

  it("KCL 2: a joining worker steals one lease per taking pass from the most-loaded worker", () => {
    const result = run(`
duration: 4m
stream: { shards: 8 }
producers: [{ name: p, rate: 1000, recordSize: 200B }]
consumers:
  - { name: app, mode: polling, startAt: TRIM_HORIZON, kcl: { version: 2, workers: 2 } }
events: [{ at: 0s, stopWorker: app/2 }, { at: 60s, startWorker: app/2 }]
`);
    const steals =
      result.consumers[0]?.kcl?.leaseTimeline.filter((change) => change.how === "stolen") ?? [];
    expect(steals.map((change) => change.worker)).toEqual([2, 2, 2, 2]);
    expect(steals[0]?.atSeconds).toBeGreaterThanOrEqual(60);
    expect(steals[0]?.atSeconds).toBeLessThan(60 + 20.05);
    // One lease per pass: consecutive steals are a taking interval (20.05 s) apart.
    for (let i = 1; i < steals.length; i++) {
      expect((steals[i]?.atSeconds ?? 0) - (steals[i - 1]?.atSeconds ?? 0)).toBeCloseTo(20.05, 3);
    }
  });

  it("reads by enhanced fan-out and runs KCL 3 unless told otherwise", () => {
    const result = run(`
duration: 1m
stream: { shards: 2 }
producers: [{ name: p, rate: 100 }]
consumers: [{ name: app, kcl: { workers: 2 } }, { name: plain }]
`);
    expect(result.consumers.map((c) => c.mode)).toEqual(["efo", "polling"]);
    expect(result.consumers[0]?.kcl?.version).toBe(3);
    expect(result.consumers[0]?.kcl?.leaderChanges).toHaveLength(1);
  });

  it("rejects worker events for an application without kcl, a worker that does not exist, and a key of the other version", () => {
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
    expect(() =>
      run(`${base}consumers: [{ name: a, kcl: { workers: 2, maxLeasesToSteal: 2 } }]`),
    ).toThrow(/consumers\[0\]\.kcl\.maxLeasesToSteal: only for version: 2/);
    expect(() =>
      run(`${base}consumers: [{ name: a, kcl: { version: 2, workers: 2, dampening: 50 } }]`),
    ).toThrow(/consumers\[0\]\.kcl\.dampening: only for version: 3/);
    expect(() => run(`${base}consumers: [{ name: a, kcl: { version: 4, workers: 2 } }]`)).toThrow(
      /consumers\[0\]\.kcl\.version/,
    );
  });
});
