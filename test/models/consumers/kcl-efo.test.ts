import { describe, expect, it } from "vitest";
import { runText as run } from "../../helpers/experiment.js";

describe("a KCL application on enhanced fan-out (the KCL's default retrieval)", () => {
  it("fails over like a polling one: the dead worker's shards are processed again within the KCL 3 window", () => {
    for (const seed of [1, 2, 3]) {
      const text = (events: string) => `
seed: ${seed}
duration: 4m
stream: { shards: 8 }
producers: [{ name: p, rate: 2000, recordSize: 200B }]
consumers:
  - { name: app, startAt: TRIM_HORIZON, kcl: { workers: 4, checkpoint: { every: 30s } } }
events: [${events}]
`;
      const leader = run(text("")).consumers[0]?.kcl?.leaderChanges[0]?.worker;
      const result = run(text(`{ at: 3m, stopWorker: app/${leader === 2 ? 3 : 2} }`));
      const c = result.consumers[0];
      expect(c?.mode).toBe("efo");
      const failover = c?.kcl?.failovers[0];
      expect(c?.kcl?.failovers).toHaveLength(1);
      // Expired at the leader's second scan after the last renewal (at most 10 s ÷ 3 before
      // the stop; scans every 20 s), started at the new owner's next discovery (< 9.975 s).
      expect(failover?.recoverySeconds).toBeGreaterThan(20 - 10 / 3);
      expect(failover?.recoverySeconds).toBeLessThanOrEqual(40 + 9.975);
      // At-least-once: what the dead worker received after its last checkpoint comes again.
      expect(c?.redelivered).toBeGreaterThan(0);
      expect((c?.delivered ?? 0) - (c?.redelivered ?? 0) + (c?.unread ?? 0)).toBe(
        result.records.accepted,
      );
    }
  });

  it("keeps enhanced fan-out's latency: pushed ~70 ms after acceptance, not polled", () => {
    const result = run(`
duration: 2m
stream: { shards: 4 }
producers: [{ name: p, rate: 1000, recordSize: 200B, batch: { linger: 10ms } }]
consumers:
  - { name: efo-kcl, mode: efo, kcl: { workers: 2 } }
  - { name: polling-kcl, mode: polling, kcl: { workers: 2 } }
`);
    const [efo, polling] = result.consumers;
    // Producer batching adds up to ~10 ms; the push comes 70 ms after acceptance.
    expect(efo?.latencyMs.p50).toBeGreaterThanOrEqual(70);
    expect(efo?.latencyMs.p50).toBeLessThan(100);
    // Polling once a second waits half a second on average.
    expect(polling?.latencyMs.p50).toBeGreaterThan(400);
  });

  it("pushes nothing to a shard whose lease no worker holds", () => {
    // One worker that stops at 30 s and never comes back: its shards go unread from then on.
    const result = run(`
duration: 90s
stream: { shards: 2 }
producers: [{ name: p, rate: 500, recordSize: 100B }]
consumers:
  - { name: app, mode: efo, kcl: { workers: 1 } }
events: [{ at: 30s, stopWorker: app/1 }]
`);
    const c = result.consumers[0];
    // About a third of the run was delivered (0–30 s); the rest stays unread.
    const share = (c?.delivered ?? 0) / result.records.accepted;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.36);
    expect(c?.unread).toBe(result.records.accepted - (c?.delivered ?? 0) + (c?.redelivered ?? 0));
  });
});
