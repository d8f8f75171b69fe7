import { describe, expect, it } from "vitest";
import { runText as run } from "../../helpers/experiment.js";

describe("a KCL application on enhanced fan-out (KCL 2's default)", () => {
  it("fails over like a polling one: the dead worker's shards are owned again within failover + one taking pass", () => {
    for (const seed of [1, 2, 3]) {
      const result = run(`
seed: ${seed}
duration: 4m
stream: { shards: 8 }
producers: [{ name: p, rate: 2000, recordSize: 200B }]
consumers:
  - { name: app, mode: efo, startAt: TRIM_HORIZON, kcl: { workers: 4, checkpoint: { every: 30s } } }
events: [{ at: 3m, stopWorker: app/2 }]
`);
      const c = result.consumers[0];
      expect(c?.mode).toBe("efo");
      const failover = c?.kcl?.failovers[0];
      expect(c?.kcl?.failovers).toHaveLength(1);
      expect(failover?.recoverySeconds).toBeGreaterThan(10 - 10 / 3);
      expect(failover?.recoverySeconds).toBeLessThanOrEqual(10 + 20.05);
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
  - { name: polling-kcl, kcl: { workers: 2 } }
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
