import { describe, expect, it } from "vitest";
import type { Lease } from "../../../../models/consumers/kcl/lease.js";
import { lastSeenChangeUs } from "../../../../models/consumers/kcl/lease.js";
import {
  type AssignmentPass,
  decideAssignments,
} from "../../../../models/consumers/kcl/lease-assignment.js";
import type { ShardReader } from "../../../../models/consumers/shard-readers.js";
import { randomStream } from "../../../../src/engine/random-streams.js";

const S = 1_000_000;

function lease(
  owner: number | undefined,
  bytesPerSecond: number | undefined,
  lastChangeUs = 0,
): Lease {
  return {
    reader: {} as ShardReader,
    owner,
    holder: owner,
    lastCounterChangeUs: lastChangeUs,
    counter: 0,
    checkpointSeq: 0,
    recordsSinceCheckpoint: 0,
    lastCheckpointUs: 0,
    busyUntilUs: 0,
    handoff: undefined,
    assignedFrom: undefined,
    assignedHow: undefined,
    bytesSinceRenewal: 0,
    lastRenewalUs: 0,
    throughputBytesPerSecond: bytesPerSecond,
  };
}

function pass(leases: Lease[], workers: number[], balance = true): AssignmentPass {
  return {
    leases,
    workers,
    nowUs: 100 * S,
    firstScanUs: 0,
    intervalUs: 20 * S,
    failoverTimeUs: 10 * S,
    balance,
    rebalanceThresholdPercent: 10,
    dampeningPercent: 60,
    random: randomStream(1, "test"),
  };
}

/** Leases per worker after applying the moves. */
function counts(leases: Lease[], workers: number[], moves: ReturnType<typeof decideAssignments>) {
  const owner = new Map(leases.map((l) => [l, l.owner]));
  for (const move of moves) owner.set(move.lease, move.to);
  return workers.map((w) => [...owner.values()].filter((o) => o === w).length);
}

describe("the KCL 3 leader's assignment pass", () => {
  it("spreads unassigned leases by count before any throughput is measured", () => {
    const leases = Array.from({ length: 8 }, () => lease(undefined, undefined));
    const moves = decideAssignments(pass(leases, [1, 2, 3], false));
    expect(moves.every((m) => m.kind === "expired")).toBe(true);
    expect(counts(leases, [1, 2, 3], moves).sort()).toEqual([2, 3, 3]);
  });

  it("moves 2 equal leases off each of two workers holding 8 when 2 idle workers join", () => {
    // Utilizations 200, 200, 0, 0 (average 100): each busy worker gives up
    // load × (200 − 100) ÷ 200 × 60 % = 2.4 leases' worth, i.e. 2 whole leases (a third would
    // overshoot). Each idle worker can take leases until it reaches the average: 2 each.
    const leases = [
      ...Array.from({ length: 8 }, () => lease(1, 1000, 99 * S)),
      ...Array.from({ length: 8 }, () => lease(2, 1000, 99 * S)),
    ];
    const moves = decideAssignments(pass(leases, [1, 2, 3, 4]));
    expect(moves.every((m) => m.kind === "balance")).toBe(true);
    expect(counts(leases, [1, 2, 3, 4], moves)).toEqual([6, 6, 2, 2]);
  });

  it("does nothing while every worker is within the threshold of the average", () => {
    const leases = [lease(1, 1050, 99 * S), lease(2, 950, 99 * S)];
    expect(decideAssignments(pass(leases, [1, 2]))).toEqual([]);
  });

  it("never pushes the receiver above the average: a lease too heavy to move stays", () => {
    // Worker 1: 1,125 (one 775 and two 175), worker 2: 875 — average 1,000. The excess is
    // 1,125 × 12.5 ÷ 112.5 × 60 % = 75: no lease fits, so the lightest (175) is tried, which
    // would lift worker 2 to 1,050, above the average: no move.
    const leases = [
      lease(1, 775, 99 * S),
      lease(1, 175, 99 * S),
      lease(1, 175, 99 * S),
      ...Array.from({ length: 5 }, () => lease(2, 175, 99 * S)),
    ];
    expect(decideAssignments(pass(leases, [1, 2]))).toEqual([]);
  });

  it("gives an expired lease to the least-utilized live worker", () => {
    // Worker 3 stopped: its lease was last renewed at 61 s; the leader's scans every 20 s
    // saw that at 80 s, and at 100 s it has not moved for 20 s > 10 s: expired.
    const orphan = lease(3, 500, 61 * S);
    const leases = [lease(1, 1000, 99 * S), lease(1, 1000, 99 * S), lease(2, 1000, 99 * S), orphan];
    const moves = decideAssignments(pass(leases, [1, 2], false));
    expect(moves).toEqual([{ lease: orphan, to: 2, kind: "expired" }]);
  });
});

describe("when a scanner sees a lease's counter move", () => {
  it("notes the time of its first scan after the change, not the change itself", () => {
    const l = lease(1, undefined, 61 * S);
    expect(lastSeenChangeUs(l, 5 * S, 20 * S)).toBe(65 * S);
    expect(lastSeenChangeUs(l, 65 * S, 20 * S)).toBe(65 * S);
    expect(lastSeenChangeUs(l, 70 * S, 20 * S)).toBe(70 * S);
    expect(lastSeenChangeUs(lease(undefined, undefined, 61 * S), 5 * S, 20 * S)).toBe(0);
  });
});
