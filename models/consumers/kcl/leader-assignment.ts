import type { Kcl3Settings } from "./kcl-settings.js";
import { decideAssignments } from "./lease-assignment.js";
import type { LeaseBalancer, LeaseCoordinator } from "./lease-coordinator.js";

/**
 * KCL 3's lease assignment (kinesis-facts.md §9): every worker runs an assignment timer
 * (every leaseAssignmentInterval, 2 × failoverTime) at its own phase, but only the leader
 * acts on it. The leader is whoever holds a lock item: the first worker to look takes it;
 * the leader heartbeats it every 30 s; another worker, looking at most once per heartbeat
 * period, takes it over once it has seen it unchanged for the lock's 2-minute duration. A
 * new leader forgets what it had seen of the lease table and rebalances at its first pass.
 *
 * Each pass: leases expired as the leader sees them (`lastSeenChangeUs`) or unassigned are
 * given out, and every third pass the leader rebalances by throughput
 * ({@link decideAssignments}). A rebalanced lease is handed off gracefully: its holder sees
 * the request at its next renewal, finishes its batch, checkpoints and lets go (or lets go
 * without the checkpoint after the hand-off timeout). A worker starts a lease assigned to it
 * at its next discovery pass (every failoverTime − 25 ms), from the lease's checkpoint.
 */
export class LeaderAssignment implements LeaseBalancer {
  private leader: number | undefined;
  /** The leader lock's version: the time of its last heartbeat. */
  private lockVersionUs = 0;
  private leaderFirstScanUs = 0;
  private passes = 0;
  /** Per worker: its process incarnation, last leadership check, and lock version seen. */
  private readonly incarnation: number[] = [];
  private leaderIncarnation = 0;
  private readonly lastCheckUs: (number | undefined)[] = [];
  private readonly observed: ({ version: number; atUs: number } | undefined)[] = [];

  constructor(
    private readonly coordinator: LeaseCoordinator,
    private readonly settings: Kcl3Settings,
  ) {}

  start(): void {
    const { simulation } = this.coordinator;
    const { assignmentIntervalUs, discoveryIntervalUs } = this.settings;
    for (let worker = 1; worker <= this.settings.workers; worker++) {
      this.incarnation[worker] = 0;
      const assign = () => {
        if (this.coordinator.isAlive(worker) && this.isLeader(worker)) this.assignmentPass();
        simulation.schedule(assignmentIntervalUs, assign);
      };
      const discover = () => {
        if (this.coordinator.isAlive(worker)) this.discover(worker);
        simulation.schedule(discoveryIntervalUs, discover);
      };
      simulation.schedule(this.coordinator.phase(assignmentIntervalUs), assign);
      simulation.schedule(this.coordinator.phase(discoveryIntervalUs), discover);
    }
  }

  workerStopped(worker: number): void {
    this.lastCheckUs[worker] = undefined;
    this.observed[worker] = undefined;
  }

  workerStarted(worker: number): void {
    // A new process: it does not hold the lock its predecessor may have held.
    this.incarnation[worker] = (this.incarnation[worker] ?? 0) + 1;
  }

  private isLeader(worker: number): boolean {
    if (this.leader === worker && this.leaderIncarnation === this.incarnation[worker]) return true;
    const now = this.coordinator.simulation.nowUs;
    const lastCheckUs = this.lastCheckUs[worker];
    if (lastCheckUs !== undefined && lastCheckUs + this.settings.leaderHeartbeatUs > now) {
      return false;
    }
    this.lastCheckUs[worker] = now;
    if (this.leader === undefined) return this.becomeLeader(worker);
    const seen = this.observed[worker];
    if (seen === undefined || seen.version !== this.lockVersionUs) {
      this.observed[worker] = { version: this.lockVersionUs, atUs: now };
      return false;
    }
    if (now - seen.atUs > this.settings.leaderLockDurationUs) return this.becomeLeader(worker);
    return false;
  }

  private becomeLeader(worker: number): boolean {
    const { simulation } = this.coordinator;
    const incarnation = this.incarnation[worker] ?? 0;
    this.leader = worker;
    this.leaderIncarnation = incarnation;
    this.lockVersionUs = simulation.nowUs;
    this.leaderFirstScanUs = simulation.nowUs;
    this.passes = 0;
    this.coordinator.leaderChanges.push({ atUs: simulation.nowUs, worker });
    const heartbeat = () => {
      if (this.leader !== worker || this.leaderIncarnation !== incarnation) return;
      if (!this.coordinator.isAlive(worker) || this.incarnation[worker] !== incarnation) return;
      this.lockVersionUs = simulation.nowUs;
      simulation.schedule(this.settings.leaderHeartbeatUs, heartbeat);
    };
    simulation.schedule(this.settings.leaderHeartbeatUs, heartbeat);
    return true;
  }

  private assignmentPass(): void {
    const { coordinator, settings } = this;
    const balance = this.passes % settings.balanceEveryPasses === 0;
    this.passes++;
    const moves = decideAssignments({
      leases: coordinator.activeLeases(),
      workers: coordinator.liveWorkers(),
      nowUs: coordinator.simulation.nowUs,
      firstScanUs: this.leaderFirstScanUs,
      intervalUs: settings.assignmentIntervalUs,
      failoverTimeUs: settings.failoverTimeUs,
      balance,
      rebalanceThresholdPercent: settings.rebalanceThresholdPercent,
      dampeningPercent: settings.dampeningPercent,
      random: coordinator.random,
    });
    for (const { lease, to, kind } of moves) {
      if (kind === "balance" && settings.gracefulHandoff && lease.holder !== undefined) {
        coordinator.requestHandoff(lease, to);
      } else {
        coordinator.assign(lease, to, kind === "expired");
      }
    }
  }

  /** The worker starts every lease the leader assigned to it that is free to take. */
  private discover(worker: number): void {
    for (const lease of this.coordinator.activeLeases()) {
      if (lease.owner !== worker || lease.holder === worker || lease.handoff !== undefined)
        continue;
      this.coordinator.hold(lease, worker, lease.assignedHow ?? "taken", lease.assignedFrom);
    }
  }
}
