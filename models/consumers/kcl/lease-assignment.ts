import type { Random } from "../../../src/engine/random-streams.js";
import { type Lease, lastSeenChangeUs } from "./lease.js";

/** One decision of the KCL 3 leader's assignment pass. */
export interface LeaseMove {
  readonly lease: Lease;
  readonly to: number;
  /** `expired`: expired or unassigned, given out directly; `balance`: moved off a busy worker. */
  readonly kind: "expired" | "balance";
}

export interface AssignmentPass {
  readonly leases: readonly Lease[];
  /** Live workers: the ones the leader sees reporting their metrics. */
  readonly workers: readonly number[];
  readonly nowUs: number;
  /** The leader's first scan as leader, and its scan interval (expiry as it sees it). */
  readonly firstScanUs: number;
  readonly intervalUs: number;
  readonly failoverTimeUs: number;
  /** Whether this pass also rebalances (every n-th pass). */
  readonly balance: boolean;
  readonly rebalanceThresholdPercent: number;
  readonly dampeningPercent: number;
  readonly random: Random;
}

/**
 * The KCL 3 leader's decisions for one pass (kinesis-facts.md §9, `LeaseAssignmentManager`
 * with `VarianceBasedLeaseAssignmentDecider`). A worker's utilization is the throughput of
 * the leases it holds as a percentage of the fleet's average (100 = average): the KCL's own
 * measure for a worker that reports no CPU metric. kinesim does not model CPU; with the same
 * processing cost per byte on every worker, CPU follows throughput. Before any throughput
 * is measured every lease weighs the same, so leases are spread by count.
 *
 * Expired and unassigned leases (the oldest first) go one by one to the least-utilized
 * worker. When rebalancing and some worker is more than the threshold away from the average,
 * each worker at or above average + threshold (or else the busiest) gives up leases worth
 * `load × (utilization − average) ÷ utilization × dampening`, picked at random without
 * overshooting (or its lightest lease when none fits); each goes to the least-utilized
 * worker unless that would push the receiver above the average.
 */
export function decideAssignments(pass: AssignmentPass): LeaseMove[] {
  const { workers, random } = pass;
  if (workers.length === 0) return [];
  const live = new Set(workers);
  const moves: LeaseMove[] = [];
  const moved = new Set<Lease>();
  const measured = pass.leases
    .map((lease) => lease.throughputBytesPerSecond)
    .filter((value): value is number => value !== undefined);
  const averageLeaseBytes =
    measured.length === 0 ? 0 : measured.reduce((sum, value) => sum + value, 0) / measured.length;
  const weight = (lease: Lease) =>
    averageLeaseBytes > 0 ? (lease.throughputBytesPerSecond ?? averageLeaseBytes) : 1;
  const total = pass.leases.reduce((sum, lease) => sum + weight(lease), 0);
  if (total === 0) return [];
  const perWorker = total / workers.length;
  // The worker whose processor has the lease now (checkpointOwner during a hand-off).
  const actualOwner = (lease: Lease) =>
    lease.handoff !== undefined ? lease.holder : (lease.holder ?? lease.owner);
  const load = new Map<number, number>(workers.map((worker) => [worker, 0]));
  const count = new Map<number, number>(workers.map((worker) => [worker, 0]));
  for (const lease of pass.leases) {
    const owner = actualOwner(lease);
    if (owner === undefined || !live.has(owner)) continue;
    load.set(owner, (load.get(owner) ?? 0) + weight(lease));
    count.set(owner, (count.get(owner) ?? 0) + 1);
  }
  const utilization = (worker: number) => ((load.get(worker) ?? 0) / perWorker) * 100;
  // Ties between equally utilized workers go to the one with fewer leases, then at random.
  const tieBreak = new Map(workers.map((worker) => [worker, random()]));
  const leastUtilized = (excluded: ReadonlySet<number>) => {
    let best: number | undefined;
    for (const worker of workers) {
      if (excluded.has(worker)) continue;
      if (
        best === undefined ||
        utilization(worker) < utilization(best) ||
        (utilization(worker) === utilization(best) &&
          ((count.get(worker) ?? 0) < (count.get(best) ?? 0) ||
            ((count.get(worker) ?? 0) === (count.get(best) ?? 0) &&
              (tieBreak.get(worker) ?? 0) < (tieBreak.get(best) ?? 0))))
      ) {
        best = worker;
      }
    }
    return best;
  };
  const move = (lease: Lease, to: number, kind: LeaseMove["kind"]) => {
    const from = actualOwner(lease);
    if (from !== undefined && live.has(from)) {
      load.set(from, (load.get(from) ?? 0) - weight(lease));
      count.set(from, (count.get(from) ?? 0) - 1);
    }
    load.set(to, (load.get(to) ?? 0) + weight(lease));
    count.set(to, (count.get(to) ?? 0) + 1);
    moves.push({ lease, to, kind });
    moved.add(lease);
  };

  const seenUs = (lease: Lease) => lastSeenChangeUs(lease, pass.firstScanUs, pass.intervalUs);
  const isExpired = (lease: Lease) =>
    lease.owner === undefined || pass.nowUs - seenUs(lease) > pass.failoverTimeUs;
  const expired = shuffled(pass.leases.filter(isExpired), random).sort(
    (a, b) => seenUs(a) - seenUs(b),
  );
  for (const lease of expired) {
    const to = leastUtilized(new Set());
    if (to === undefined) break;
    if (to === actualOwner(lease) && lease.handoff === undefined) continue;
    move(lease, to, "expired");
  }
  if (!pass.balance) return moves;

  // Leases in a hand-off wait for it; the others may move.
  const movable = (lease: Lease) => !moved.has(lease) && lease.handoff === undefined;
  const average = workers.reduce((sum, worker) => sum + utilization(worker), 0) / workers.length;
  const threshold = pass.rebalanceThresholdPercent / 100;
  const upper = average * (1 + threshold);
  const lower = average * (1 - threshold);
  if (!workers.some((worker) => utilization(worker) > upper || utilization(worker) < lower)) {
    return moves;
  }
  let givers = workers.filter((worker) => utilization(worker) >= upper);
  if (givers.length === 0) {
    givers = [workers.reduce((a, b) => (utilization(b) > utilization(a) ? b : a))];
  }
  const toTake = new Map(
    givers.map((giver) => {
      const u = utilization(giver);
      const share = u > 0 ? ((u - average) / u) * (pass.dampeningPercent / 100) : 0;
      return [giver, (load.get(giver) ?? 0) * share];
    }),
  );
  givers.sort((a, b) => (toTake.get(b) ?? 0) - (toTake.get(a) ?? 0));
  const excluded = new Set<number>();
  for (const giver of givers) {
    const theirs = shuffled(
      pass.leases.filter((lease) => actualOwner(lease) === giver && movable(lease)),
      random,
    );
    const picked: Lease[] = [];
    if ((load.get(giver) ?? 0) === 0) {
      picked.push(...theirs.slice(0, 1));
    } else {
      let remaining = toTake.get(giver) ?? 0;
      for (const lease of theirs) {
        if (remaining - weight(lease) <= 0) continue;
        remaining -= weight(lease);
        picked.push(lease);
      }
      // allowThroughputOvershoot (on by default): at least the lightest lease.
      const lightest = theirs.reduce<Lease | undefined>(
        (best, lease) => (best === undefined || weight(lease) < weight(best) ? lease : best),
        undefined,
      );
      if (picked.length === 0 && lightest !== undefined) picked.push(lightest);
    }
    for (const lease of picked) {
      const to = leastUtilized(excluded);
      if (to === undefined) break;
      if ((((load.get(to) ?? 0) + weight(lease)) / perWorker) * 100 > average) {
        excluded.add(to);
        break;
      }
      if (to === giver) continue;
      move(lease, to, "balance");
    }
  }
  return moves;
}

/** A copy of `items` in random order (Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
