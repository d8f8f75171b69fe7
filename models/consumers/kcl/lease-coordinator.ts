import type { Random } from "../../../src/engine/random-streams.js";
import type { Simulation } from "../../../src/engine/simulation.js";
import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import type { LeaseEvent } from "../../narration/narration-events.js";
import type { Narrator } from "../../narration/narrator.js";
import type { ShardReader } from "../shard-readers.js";
import type { KclSettings } from "./kcl-settings.js";
import type { Lease } from "./lease.js";

export type { Lease } from "./lease.js";

/** How a lease came to its new holder (or was released at a shard's end). */
export type LeaseHow = "taken" | "expired" | "stolen" | "handed-off" | "rebalanced" | "finished";

/** One change of the worker that processes a lease, for the lease timeline. */
export interface LeaseChange {
  readonly atUs: number;
  readonly shardId: string;
  /** Worker number (1-based), or undefined when the lease was released at shard end. */
  readonly owner: number | undefined;
  /** `expired` leases are reported as `taken`, as before (the previous owner had stopped). */
  readonly how: Exclude<LeaseHow, "expired">;
}

/** A worker's stop, and when every lease it held was processed by a live worker again. */
export interface Failover {
  readonly worker: number;
  readonly stoppedAtUs: number;
  readonly leases: number;
  recoveredAtUs: number | undefined;
  readonly shards: readonly ShardReader[];
}

/** A worker's share of the work when the run ends: the leases it processes and their bytes/s. */
export interface WorkerLoad {
  readonly worker: number;
  readonly leases: number;
  readonly bytesPerSecond: number;
}

/** How the leases are balanced between workers: KCL 2's takers or KCL 3's leader. */
export interface LeaseBalancer {
  start(): void;
  workerStopped(worker: number): void;
  workerStarted(worker: number): void;
}

/**
 * The KCL's lease table and the record processors that hold its leases (kinesis-facts.md §9).
 * Every live worker renews the leases it holds every renewal interval and records their
 * throughput; a lease not renewed is expired to whoever scans the table next (see
 * `lastSeenChangeUs`). Who takes which lease is the balancer's business: KCL 2's
 * {@link LeaseTaker} or KCL 3's {@link LeaderAssignment}. A new holder resumes from the
 * lease's checkpoint, so records after it are delivered again (at-least-once), unless a
 * graceful hand-off checkpointed just before.
 */
export class LeaseCoordinator {
  readonly leases: Lease[] = [];
  readonly timeline: LeaseChange[] = [];
  readonly failovers: Failover[] = [];
  /** KCL 3: every worker that became the leader, and when. */
  readonly leaderChanges: { readonly atUs: number; readonly worker: number }[] = [];
  private readonly byReader = new Map<ShardReader, Lease>();
  private readonly alive: boolean[];
  private balancer: LeaseBalancer | undefined;
  /** Brings the application's deliveries up to now (see {@link useSettle}). */
  private settle: () => void = () => {};

  constructor(
    readonly simulation: Simulation,
    readonly settings: KclSettings,
    /** Shuffles and choices (which lease, which worker on a tie). */
    readonly random: Random,
    /** The phases of every worker's timers: workers start at arbitrary times. */
    readonly phases: Random,
    /** Called when a worker starts processing a lease: the application resumes the shard. */
    private readonly onAcquired: (lease: Lease) => void,
    /** Told about lease changes and workers stopping (`kinesim explain`). */
    private readonly narration?: { readonly narrator: Narrator; readonly consumer: string },
  ) {
    this.alive = Array.from({ length: settings.workers + 1 }, (_, id) => id > 0);
  }

  get workers(): number {
    return this.settings.workers;
  }

  /** Set once by the application, before `start`. */
  useBalancer(balancer: LeaseBalancer): void {
    this.balancer = balancer;
  }

  isAlive(worker: number): boolean {
    return this.alive[worker] === true;
  }

  liveWorkers(): number[] {
    const live: number[] = [];
    for (let worker = 1; worker <= this.settings.workers; worker++) {
      if (this.alive[worker]) live.push(worker);
    }
    return live;
  }

  /** Leases of shards not yet read to their ends. */
  activeLeases(): Lease[] {
    return this.leases.filter((lease) => lease.reader.state !== "finished");
  }

  /**
   * Set once by an application that delivers lazily (enhanced fan-out in a segment run,
   * efo/segment-pushes.ts): called before a lease's holder, liveness or shutdown changes and
   * before a renewal reads what was processed, so that both see every push up to now.
   */
  useSettle(settle: () => void): void {
    this.settle = settle;
  }

  /** Starts every worker's renewal loop (at a random phase) and the balancer's loops. */
  start(): void {
    for (let worker = 1; worker <= this.settings.workers; worker++) {
      const renew = () => {
        this.renewalTick(worker);
        this.simulation.schedule(this.settings.renewalIntervalUs, renew);
      };
      this.simulation.schedule(this.phase(this.settings.renewalIntervalUs), renew);
    }
    this.balancer?.start();
  }

  /** A random phase within one period of a timer (workers start at arbitrary times). */
  phase(periodUs: number): number {
    return Math.floor(this.phases() * periodUs);
  }

  /** A new shard (or an initial one) gets an unowned lease, starting at its cursor. */
  addLease(reader: ShardReader): void {
    const now = this.simulation.nowUs;
    // Records from the checkpoint on must stay readable: a new holder starts there.
    reader.cursor.retainSeq = reader.cursor.seq;
    const lease: Lease = {
      reader,
      owner: undefined,
      holder: undefined,
      lastCounterChangeUs: now,
      counter: 0,
      checkpointSeq: reader.cursor.seq,
      recordsSinceCheckpoint: 0,
      lastCheckpointUs: now,
      busyUntilUs: now,
      handoff: undefined,
      assignedFrom: undefined,
      assignedHow: undefined,
      bytesSinceRenewal: 0,
      lastRenewalUs: now,
      throughputBytesPerSecond: undefined,
    };
    this.leases.push(lease);
    this.byReader.set(reader, lease);
  }

  leaseOf(reader: ShardReader): Lease | undefined {
    return this.byReader.get(reader);
  }

  /** Whether a live worker's record processor reads this shard now. */
  isProcessed(reader: ShardReader): boolean {
    const lease = this.byReader.get(reader);
    if (lease === undefined || lease.holder === undefined) return false;
    return this.alive[lease.holder] === true && lease.handoff?.shuttingDown !== true;
  }

  /**
   * A fetched batch of `records` (`bytes`), received at `atUs` (now, unless the application
   * delivers lazily and tells of a past push), that takes `busyUs` to process: the KCL
   * checkpoints once it is processed, so the checkpoint rule runs then (at once when that is
   * not later than now). A holder that lost the lease meanwhile cannot checkpoint.
   */
  afterProcessing(
    reader: ShardReader,
    records: number,
    bytes: number,
    shardEnded: boolean,
    busyUs: number,
    atUs: number = this.simulation.nowUs,
  ): void {
    const lease = this.byReader.get(reader);
    if (lease === undefined) return;
    const counter = lease.counter;
    const doneUs = atUs + busyUs;
    lease.busyUntilUs = doneUs;
    const nowUs = this.simulation.nowUs;
    if (doneUs > nowUs) {
      this.simulation.schedule(doneUs - nowUs, () =>
        this.afterBatch(lease, counter, records, bytes, shardEnded, this.simulation.nowUs),
      );
    } else {
      this.afterBatch(lease, counter, records, bytes, shardEnded, doneUs);
    }
  }

  /** The batch is processed at `now` (the simulation's time, or a past push's, see above). */
  private afterBatch(
    lease: Lease,
    counter: number,
    records: number,
    bytes: number,
    shardEnded: boolean,
    now: number,
  ): void {
    if (lease.counter !== counter) return;
    lease.recordsSinceCheckpoint += records;
    lease.bytesSinceRenewal += bytes;
    const { checkpointEveryRecords, checkpointEveryUs } = this.settings;
    const handingOff = lease.handoff?.shuttingDown === true;
    const due =
      shardEnded ||
      handingOff ||
      (checkpointEveryRecords === 0 && checkpointEveryUs === 0) ||
      (checkpointEveryRecords > 0 && lease.recordsSinceCheckpoint >= checkpointEveryRecords) ||
      (checkpointEveryUs > 0 && now - lease.lastCheckpointUs >= checkpointEveryUs);
    if (due) this.checkpoint(lease, now);
    if (shardEnded) {
      // cleanupLeasesUponShardCompletion: the finished shard's lease is released.
      const previous = lease.holder;
      lease.owner = undefined;
      lease.holder = undefined;
      lease.handoff = undefined;
      this.timeline.push({
        atUs: now,
        shardId: lease.reader.shard.shardId,
        owner: undefined,
        how: "finished",
      });
      if (this.narration !== undefined) this.narrateLease(lease, "finished", previous);
      this.noteRecoveries(now);
    } else if (handingOff) {
      this.completeHandoff(lease, true);
    }
  }

  private checkpoint(lease: Lease, nowUs = this.simulation.nowUs): void {
    const { reader } = lease;
    lease.checkpointSeq = reader.cursor.seq;
    reader.cursor.retainSeq = reader.cursor.seq;
    lease.recordsSinceCheckpoint = 0;
    lease.lastCheckpointUs = nowUs;
  }

  /** A worker crashes: its leases stop being renewed and its shards stop being read. */
  stopWorker(worker: number): void {
    if (this.alive[worker] !== true) return;
    this.settle();
    this.alive[worker] = false;
    const held = this.activeLeases().filter((lease) => lease.holder === worker);
    if (this.narration !== undefined) this.narrateWorker(worker, "stopped", held.length);
    this.balancer?.workerStopped(worker);
    // A worker that held nothing leaves nothing to recover.
    if (held.length === 0) return;
    this.failovers.push({
      worker,
      stoppedAtUs: this.simulation.nowUs,
      leases: held.length,
      recoveredAtUs: undefined,
      shards: held.map((lease) => lease.reader),
    });
  }

  /** A worker (re)starts with no leases: the ones it owned are unowned again. */
  startWorker(worker: number): void {
    if (this.alive[worker] === true) return;
    this.alive[worker] = true;
    for (const lease of this.leases) {
      if (lease.owner === worker || lease.holder === worker) {
        lease.owner = undefined;
        lease.holder = undefined;
        lease.handoff = undefined;
      }
    }
    if (this.narration !== undefined) this.narrateWorker(worker, "started", 0);
    this.balancer?.workerStarted(worker);
  }

  /**
   * A worker's renewal pass: it renews what it holds and records each lease's throughput;
   * a lease the KCL 3 leader moved is shut down (gracefully, or as a zombie without).
   */
  private renewalTick(worker: number): void {
    if (!this.alive[worker]) return;
    this.settle();
    const now = this.simulation.nowUs;
    const alpha = this.settings.version === 3 ? this.settings.throughputEmaAlpha : 0.5;
    for (const lease of this.leases) {
      if (lease.holder !== worker || lease.reader.state === "finished") continue;
      if (lease.owner !== worker && lease.handoff === undefined) {
        // Reassigned without a hand-off: the renewal fails and the processor shuts down.
        lease.holder = undefined;
        continue;
      }
      if (lease.handoff !== undefined && !lease.handoff.shuttingDown) this.startShutdown(lease);
      lease.lastCounterChangeUs = now;
      const elapsedUs = now - lease.lastRenewalUs;
      if (elapsedUs > 0) {
        const rate = (lease.bytesSinceRenewal * US_PER_SECOND) / elapsedUs;
        const previous = lease.throughputBytesPerSecond;
        lease.throughputBytesPerSecond =
          previous === undefined ? rate : alpha * rate + (1 - alpha) * previous;
      }
      lease.bytesSinceRenewal = 0;
      lease.lastRenewalUs = now;
    }
  }

  /**
   * The holder saw the hand-off request: it fetches nothing more, finishes its in-flight
   * batch, checkpoints and lets the lease go; after the hand-off timeout the lease moves
   * without that checkpoint.
   */
  private startShutdown(lease: Lease): void {
    const handoff = lease.handoff;
    if (handoff === undefined || this.settings.version !== 3) return;
    handoff.shuttingDown = true;
    const now = this.simulation.nowUs;
    if (lease.busyUntilUs <= now) {
      this.checkpoint(lease);
      this.completeHandoff(lease, true);
      return;
    }
    this.simulation.schedule(this.settings.handoffTimeoutUs, () => {
      const holder = lease.holder;
      if (lease.handoff !== handoff || holder === undefined || !this.alive[holder]) return;
      this.completeHandoff(lease, false);
    });
  }

  /** The lease is free for its new owner, who picks it up at its next discovery. */
  private completeHandoff(lease: Lease, checkpointed: boolean): void {
    const handoff = lease.handoff;
    if (handoff === undefined) return;
    lease.assignedFrom = lease.holder;
    lease.assignedHow = checkpointed ? "handed-off" : "rebalanced";
    lease.handoff = undefined;
    lease.holder = undefined;
    lease.owner = handoff.to;
    lease.counter++;
    lease.lastCounterChangeUs = this.simulation.nowUs;
  }

  /** KCL 3's leader writes a new owner; the owner starts at its next discovery. */
  assign(lease: Lease, worker: number, expired: boolean): void {
    const previous = lease.holder ?? lease.owner;
    lease.owner = worker;
    lease.handoff = undefined;
    lease.assignedFrom = previous;
    lease.assignedHow = previous === undefined ? "taken" : expired ? "expired" : "rebalanced";
    if (expired) lease.holder = undefined;
    lease.counter++;
    lease.lastCounterChangeUs = this.simulation.nowUs;
  }

  /** KCL 3's leader asks the holder to hand the lease to `worker` (checkpointOwner). */
  requestHandoff(lease: Lease, worker: number): void {
    lease.handoff = { to: worker, requestedAtUs: this.simulation.nowUs, shuttingDown: false };
    lease.lastCounterChangeUs = this.simulation.nowUs;
  }

  /** `worker` starts processing the lease from its checkpoint. */
  hold(lease: Lease, worker: number, how: LeaseHow, previous: number | undefined): void {
    this.settle();
    const now = this.simulation.nowUs;
    if (this.narration !== undefined) this.narrateLease(lease, how, previous, worker);
    lease.owner = worker;
    lease.holder = worker;
    lease.handoff = undefined;
    lease.assignedFrom = undefined;
    lease.assignedHow = undefined;
    lease.counter++;
    lease.lastCounterChangeUs = now;
    lease.bytesSinceRenewal = 0;
    lease.lastRenewalUs = now;
    // A new record processor: its checkpoint rule counts from now.
    lease.recordsSinceCheckpoint = 0;
    lease.lastCheckpointUs = now;
    this.timeline.push({
      atUs: now,
      shardId: lease.reader.shard.shardId,
      owner: worker,
      how: how === "expired" ? "taken" : (how as Exclude<LeaseHow, "expired">),
    });
    this.onAcquired(lease);
    this.noteRecoveries(now);
  }

  /** What each worker processes when the run ends. */
  workerLoads(): WorkerLoad[] {
    const loads: WorkerLoad[] = [];
    for (let worker = 1; worker <= this.settings.workers; worker++) {
      let leases = 0;
      let bytesPerSecond = 0;
      for (const lease of this.activeLeases()) {
        if (lease.holder !== worker || !this.alive[worker]) continue;
        leases++;
        bytesPerSecond += lease.throughputBytesPerSecond ?? 0;
      }
      loads.push({ worker, leases, bytesPerSecond: Math.round(bytesPerSecond) });
    }
    return loads;
  }

  private narrateLease(
    lease: Lease,
    how: LeaseEvent["how"],
    previousWorker: number | undefined,
    worker?: number,
  ): void {
    const { narrator, consumer } = this.narration as NonNullable<typeof this.narration>;
    narrator.note({
      kind: "lease",
      atUs: this.simulation.nowUs,
      consumer,
      shardId: lease.reader.shard.shardId,
      how,
      worker,
      previousWorker,
    });
  }

  private narrateWorker(worker: number, action: "stopped" | "started", leases: number): void {
    const { narrator, consumer } = this.narration as NonNullable<typeof this.narration>;
    narrator.note({
      kind: "worker",
      atUs: this.simulation.nowUs,
      consumer,
      worker,
      action,
      leases,
      failoverUs: this.settings.failoverTimeUs,
    });
  }

  /** A failover has recovered once every shard the stopped worker held is processed again. */
  private noteRecoveries(now: number): void {
    for (const failover of this.failovers) {
      if (failover.recoveredAtUs !== undefined) continue;
      const orphaned = failover.shards.some(
        (reader) => reader.state !== "finished" && !this.isHeldByLiveWorker(reader),
      );
      if (!orphaned) failover.recoveredAtUs = now;
    }
  }

  private isHeldByLiveWorker(reader: ShardReader): boolean {
    const holder = this.byReader.get(reader)?.holder;
    return holder !== undefined && this.alive[holder] === true;
  }
}
