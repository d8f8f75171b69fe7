import type { Kcl2Settings } from "./kcl-settings.js";
import { type Lease, lastSeenChangeUs } from "./lease.js";
import type { LeaseBalancer, LeaseCoordinator } from "./lease-coordinator.js";

/**
 * KCL 2's lease taking (kinesis-facts.md §9, `DynamoDBLeaseTaker`): every live worker scans
 * the lease table every taking interval, at its own phase. A lease is expired to it when its
 * counter has not moved for failoverTime between its scans. Its target is
 * ceil(leases ÷ workers holding unexpired leases); unowned leases (new shards) are taken at
 * once whatever the target; then expired leases; otherwise it steals from the single
 * most-loaded worker at most `maxLeasesToSteal` at a time. The stolen lease's old holder
 * stops at once (its next renewal would fail) and the taker resumes from the checkpoint.
 */
export class LeaseTaker implements LeaseBalancer {
  /** Each worker's first scan since it (re)started. */
  private readonly firstScanUs: (number | undefined)[] = [];

  constructor(
    private readonly coordinator: LeaseCoordinator,
    private readonly settings: Kcl2Settings,
  ) {}

  start(): void {
    const { simulation } = this.coordinator;
    for (let worker = 1; worker <= this.settings.workers; worker++) {
      const take = () => {
        if (this.coordinator.isAlive(worker)) this.takingPass(worker);
        simulation.schedule(this.settings.takingIntervalUs, take);
      };
      simulation.schedule(this.coordinator.phase(this.settings.takingIntervalUs), take);
    }
  }

  workerStopped(worker: number): void {
    this.firstScanUs[worker] = undefined;
  }

  workerStarted(): void {}

  private takingPass(worker: number): void {
    const { coordinator, settings } = this;
    const now = coordinator.simulation.nowUs;
    const firstScanUs = this.firstScanUs[worker] ?? now;
    this.firstScanUs[worker] = firstScanUs;
    const active = coordinator.activeLeases();
    if (active.length === 0) return;
    const isExpired = (lease: Lease) =>
      lease.owner === undefined ||
      now - lastSeenChangeUs(lease, firstScanUs, settings.takingIntervalUs) >
        settings.failoverTimeUs;
    // Unowned leases (new shards) count as very expired: taken with priority, all of them.
    const unowned = active.filter((lease) => lease.owner === undefined);
    if (unowned.length > 0) {
      this.takeRandom(unowned, unowned.length, worker);
      return;
    }
    const holders = new Set<number>([worker]);
    for (const lease of active) {
      if (!isExpired(lease) && lease.owner !== undefined) holders.add(lease.owner);
    }
    const target = holders.size >= active.length ? 1 : Math.ceil(active.length / holders.size);
    const mine = active.filter((lease) => lease.owner === worker && !isExpired(lease));
    const needed = target - mine.length;
    if (needed <= 0) return;
    const expired = active.filter(isExpired);
    if (expired.length > 0) {
      this.takeRandom(expired, needed, worker);
      return;
    }
    // Otherwise steal from the single most-loaded worker.
    const counts = new Map<number, number>();
    for (const lease of active) {
      if (lease.owner !== undefined && lease.owner !== worker)
        counts.set(lease.owner, (counts.get(lease.owner) ?? 0) + 1);
    }
    let victim: number | undefined;
    let most = 0;
    for (const [owner, count] of [...counts].sort((a, b) => a[0] - b[0])) {
      if (count > most) {
        most = count;
        victim = owner;
      }
    }
    if (victim === undefined || most < target) return;
    // As many as it is over target; one even from a worker at target when this one needs more
    // than one (the KCL's DynamoDBLeaseTaker, kinesis-facts.md §9); never more than allowed.
    let steal = Math.min(needed, most - target);
    if (steal === 0 && needed > 1) steal = 1;
    steal = Math.min(steal, settings.maxLeasesToSteal);
    if (steal === 0) return;
    const theirs = active.filter((lease) => lease.owner === victim);
    for (let i = 0; i < steal; i++) {
      const [lease] = theirs.splice(Math.floor(coordinator.random() * theirs.length), 1);
      coordinator.hold(lease as Lease, worker, "stolen", victim);
    }
  }

  /** Takes `count` of `leases` in a random order (the KCL shuffles them). */
  private takeRandom(leases: Lease[], count: number, worker: number): void {
    const pool = [...leases];
    for (let i = 0; i < count && pool.length > 0; i++) {
      const [lease] = pool.splice(Math.floor(this.coordinator.random() * pool.length), 1);
      const taken = lease as Lease;
      const previous = taken.owner;
      this.coordinator.hold(taken, worker, previous === undefined ? "taken" : "expired", previous);
    }
  }
}
