import { describe, expect, it } from "vitest";
import type { NarrationEvent } from "../../../../models/narration/narration-events.js";
import { parseExperimentText } from "../../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../../src/experiment/run/simulate.js";

/** A segment run's result and series, its wall-clock time masked. */
function run(text: string, narrate = false) {
  const events: NarrationEvent[] = [];
  const narrator = narrate ? { note: (event: NarrationEvent) => events.push(event) } : undefined;
  const output = simulateWithSeries(
    parseExperimentText(text),
    narrator === undefined ? {} : { narrator },
  );
  return {
    ...output,
    events,
    result: { ...output.result, engine: { ...output.result.engine, wallMs: 0 } },
  };
}

describe("enhanced fan-out in a segment run: pushes carry segments", () => {
  it("costs about what polling costs: events follow ticks and seconds, not records", () => {
    // 8 shards, 4,000 records/s for a minute (240,000 records): one push per record would be
    // 240,000 events; polling once a second is 8 × 60 polls and the producer's ticks.
    const text = (consumer: string) => `
duration: 60s
stream: { shards: 8 }
producers: [{ name: p, rate: 4000, recordSize: 1KB }]
consumers: [${consumer}]
`;
    const efo = run(text("{ name: c, mode: efo, startAt: TRIM_HORIZON }")).result;
    const polling = run(text("{ name: c, pollInterval: 1s, startAt: TRIM_HORIZON }")).result;
    expect(efo.consumers[0]?.delivered).toBeGreaterThan(239_000);
    expect(efo.engine.events).toBeLessThanOrEqual(1.5 * polling.engine.events);
  });

  it("reads a backlog at exactly the connection's 2 MiB/s, to a record", () => {
    // 900 KB/s into one shard; the application starts at 20 s from TRIM_HORIZON. At the end of
    // every second while the backlog lasts it has received the bucket's 2 MiB plus 2 MiB for
    // every second since it started: at most one record more (a push's first record goes
    // whatever the balance) or less (the next one is not paid for yet).
    const { series } = run(`
duration: 40s
stream: { shards: 1 }
producers: [{ name: p, rate: 900, recordSize: 1000B, batch: { linger: 100ms } }]
consumers: [{ name: fan, mode: efo, startAt: TRIM_HORIZON, launchAt: 20s }]
`);
    const shard = series.shards[0];
    if (shard === undefined) throw new Error("no shard");
    const recordBytes =
      shard.incomingBytes.reduce((a, b) => a + b, 0) /
      shard.incomingRecords.reduce((a, b) => a + b, 0);
    const rate = 2 * 1_048_576;
    let received = 0;
    let backlog = 0;
    let checked = 0;
    for (let second = 0; second < shard.outgoingBytes.length; second++) {
      received += shard.outgoingBytes[second] as number;
      backlog += (shard.incomingBytes[second] as number) - (shard.outgoingBytes[second] as number);
      if (second < 20 || backlog < rate) continue;
      const allowed = rate + rate * (second + 1 - 20);
      expect(Math.abs(received - allowed)).toBeLessThanOrEqual(recordBytes);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("accounts a push alike by its short path and by the full one (narration turns the short path off)", () => {
    // A reader that keeps up, stops for 20 s, catches up at 2 MiB/s, and follows a reshard.
    const text = `
duration: 3m
stream: { shards: 2 }
producers: [{ name: p, rate: 1500, recordSize: 1KB }]
consumers: [{ name: fan, mode: efo, startAt: TRIM_HORIZON }]
events:
  - { at: 40s, stopConsumer: fan }
  - { at: 60s, startConsumer: fan }
  - { at: 2m, updateShardCount: 4 }
`;
    const plain = run(text);
    const narrated = run(text, true);
    expect(narrated.events.some((event) => event.kind === "efo-push")).toBe(true);
    expect(narrated.result).toEqual(plain.result);
    expect(narrated.series).toEqual(plain.series);
  });

  it("accounts a KCL application's pushes alike by both paths: processing, checkpoints, failover", () => {
    // KCL 3 on enhanced fan-out (its default), with a drawn processing time per record, so that
    // pushes wait for the batch before them, checkpointing every 2,000 records so that a
    // checkpoint falls inside a second's pushes; a worker dies, its leases move, and the new
    // owner re-reads from the checkpoint; then a reshard.
    const text = `
duration: 3m
stream: { shards: 4 }
producers: [{ name: p, rate: 3000, recordSize: 1KB }]
consumers:
  - name: app
    startAt: TRIM_HORIZON
    processingTime: { distribution: uniform, min: 100us, max: 900us }
    kcl: { workers: 3, checkpoint: { everyRecords: 2000 } }
events:
  - { at: 70s, stopWorker: app/1 }
  - { at: 150s, updateShardCount: 8 }
`;
    const plain = run(text);
    const narrated = run(text, true);
    expect(narrated.events.some((event) => event.kind === "efo-push")).toBe(true);
    const consumer = plain.result.consumers[0];
    expect(consumer?.redelivered).toBeGreaterThan(0);
    expect(consumer?.kcl?.failovers.length).toBeGreaterThan(0);
    expect(narrated.result).toEqual(plain.result);
    expect(narrated.series).toEqual(plain.series);
  });

  it("finishes a parent with its last event, on time, when the reader keeps up", () => {
    // The parent closes at the split; its last records are pushed 70 ms after they are
    // accepted and its last event 70 ms after the close: at the children's first check,
    // 10 s on, nothing is left to wait for, and nothing is left unread at the end.
    const { result } = run(`
duration: 2m
stream: { shards: 1 }
producers: [{ name: p, rate: 200, recordSize: 1KB }]
consumers: [{ name: fan, mode: efo, startAt: TRIM_HORIZON }]
events: [{ at: 30s, split: shardId-000000000000 }]
`);
    const fan = result.consumers[0];
    expect(fan?.unreadShards).toEqual([]);
    // The longest wait is a child's record written just after the split: up to the 10 s check.
    expect(fan?.latencyMs.max).toBeLessThan(10_500);
    expect(fan?.latencyMs.max).toBeGreaterThan(5_000);
  });
});
