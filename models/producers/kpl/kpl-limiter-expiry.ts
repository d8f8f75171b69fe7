import { createdAt } from "../../shards/segment.js";
import type { SendPath } from "../senders/send-path.js";
import type { KplClient } from "./kpl-client.js";
import { KPL_LIMITER_DRAIN_US, type QueuedRun } from "./kpl-limiter-queue.js";
import { KplSendNarration } from "./kpl-send-narration.js";

// RecordTtl in the limiter's queues: records fail as Expired while they wait
// (kinesis-facts.md §8: limiter.h's consume_expired).

/**
 * Sets a waiting run to expire when its oldest record outlives RecordTtl, if still waiting
 * then; `notBeforeUs` is the earliest the limiter looks (a run expiring record by record is
 * looked at again at its 25 ms cadence, not once per record).
 */
export function armExpiry(path: SendPath, kpl: KplClient, run: QueuedRun, notBeforeUs = 0): void {
  const simulation = path.context.simulation;
  // A record created at c expires once c < now − RecordTtl: the run's first record (at its
  // interpolated time, after the span's start) from c + RecordTtl + 1 µs.
  const { firstCreatedUs, lastCreatedUs, count } = run.segment;
  const oldestUs = createdAt(firstCreatedUs, lastCreatedUs, 0, count);
  const dueUs = Math.max(
    oldestUs + kpl.settings.recordTtlUs + 1,
    simulation.nowUs + 1,
    notBeforeUs,
  );
  simulation.schedule(dueUs - simulation.nowUs, () => {
    if (run.gone) return;
    const narrator = path.context.narrator;
    const narration =
      narrator === undefined
        ? undefined
        : new KplSendNarration(
            narrator,
            path.context.stream.shards,
            kpl.settings,
            path.settings.name,
            simulation.nowUs,
          );
    expireRun(path, kpl, run, narration);
    if (!run.gone) armExpiry(path, kpl, run, simulation.nowUs + KPL_LIMITER_DRAIN_US);
  });
}

/** Fails as Expired the records of a waiting run that outlived RecordTtl (the limiter's expiry). */
export function expireRun(
  path: SendPath,
  kpl: KplClient,
  run: QueuedRun,
  narration: KplSendNarration | undefined,
): void {
  const [expired, rest] = kpl.expire(run.segment, path.context.simulation.nowUs);
  if (expired > 0) {
    const stats = path.stats;
    kpl.stats.expired += expired;
    stats.dropped += expired;
    stats.pending -= expired;
    kpl.waiting.records -= expired;
    narration?.expired(run.segment.shard, expired);
  }
  if (rest === undefined) run.gone = true;
  else run.segment = rest;
}
