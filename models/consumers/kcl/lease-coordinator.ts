import type { Random } from "../../../src/engine/random-streams.js";
import type { Simulation } from "../../../src/engine/simulation.js";
import type { LeaseEvent } from "../../narration/narration-events.js";
import type { Narrator } from "../../narration/narrator.js";
import type { ShardReader } from "../shard-readers.js";
import type { KclSettings } from "./kcl-settings.js";

/** A shard's lease (one row of the KCL's lease table, kinesis-facts.md §9). */
export interface Lease {
  readonly reader: ShardReader;
  owner: number | undefined;
  lastRenewedUs: number;
  /** Bumped whenever the lease changes hands (leaseCounter). */
  counter: number;
  checkpointSeq: number;
  recordsSinceCheckpoint: number;
  lastCheckpointUs: number;
}

/** One change of a lease's owner, for the lease timeline. */
export interface LeaseChange {
  readonly atUs: number;
  readonly shardId: string;
  /** Worker number (1-based), or undefined when the lease was released at shard end. */
  readonly owner: number | undefined;
  readonly how: "taken" | "stolen" | "finished";
}

/** A worker's stop, and when every lease it held was owned by a live worker again. */
export interface Failover {
  readonly worker: number;
  readonly stoppedAtUs: number;
  readonly leases: number;
  recoveredAtUs: number | undefined;
}

/**
 * The KCL's lease coordination (kinesis-facts.md §9, `DynamoDBLeaseTaker`): every live worker
 * renews its leases every renewal interval; a lease not renewed for failoverTime is expired.
 * Every taking interval each live worker computes its target, ceil(leases ÷ live workers),
 * takes expired or unowned leases first, and otherwise steals from the single most-loaded
 * worker at most `maxLeasesToSteal` at a time. A new owner resumes from the lease's
 * checkpoint, so records after it are delivered again (at-least-once).
 */
export class LeaseCoordinator {
  readonly leases: Lease[] = [];
  readonly timeline: LeaseChange[] = [];
  readonly failovers: Failover[] = [];
  private readonly alive: boolean[];

  constructor(
    private readonly simulation: Simulation,
    private readonly settings: KclSettings,
    private readonly random: Random,
    /** Called when a live worker takes a lease: the application resumes the shard. */
    private readonly onAcquired: (lease: Lease) => void,
    /** Told about lease changes and workers stopping (`kinesim explain`). */
    private readonly narration?: { readonly narrator: Narrator; readonly consumer: string },
  ) {
    this.alive = Array.from({ length: settings.workers + 1 }, (_, id) => id > 0);
  }

  get workers(): number {
    return this.settings.workers;
  }

  /** Starts every worker's renewal and taking loops, at random phases. */
  start(): void {
    for (let worker = 1; worker <= this.settings.workers; worker++) this.startWorkerLoops(worker);
  }

  /** A new shard (or an initial one) gets an unowned lease, starting at its cursor. */
  addLease(reader: ShardReader): void {
    const now = this.simulation.nowUs;
    // Records from the checkpoint on must stay readable: a new owner starts there.
    reader.cursor.retainSeq = reader.cursor.seq;
    this.leases.push({
      reader,
      owner: undefined,
      lastRenewedUs: now,
      counter: 0,
      checkpointSeq: reader.cursor.seq,
      recordsSinceCheckpoint: 0,
      lastCheckpointUs: now,
    });
  }

  leaseOf(reader: ShardReader): Lease | undefined {
    return this.leases.find((lease) => lease.reader === reader);
  }

  /** Whether a live worker owns this shard's lease, i.e. someone processes it. */
  isProcessed(reader: ShardReader): boolean {
    const owner = this.leaseOf(reader)?.owner;
    return owner !== undefined && this.alive[owner] === true;
  }

  /**
   * A fetched batch that takes `busyUs` to process: the KCL checkpoints once it is
   * processed, so `afterBatch` runs then (at once when it takes no time).
   */
  afterProcessing(reader: ShardReader, records: number, shardEnded: boolean, busyUs: number): void {
    if (busyUs > 0) {
      this.simulation.schedule(busyUs, () => this.afterBatch(reader, records, shardEnded));
    } else {
      this.afterBatch(reader, records, shardEnded);
    }
  }

  /** After a processed batch: checkpoint when the policy says so (or at shard end). */
  afterBatch(reader: ShardReader, records: number, shardEnded: boolean): void {
    const lease = this.leaseOf(reader);
    if (lease === undefined) return;
    const now = this.simulation.nowUs;
    lease.recordsSinceCheckpoint += records;
    const { checkpointEveryRecords, checkpointEveryUs } = this.settings;
    const due =
      shardEnded ||
      (checkpointEveryRecords === 0 && checkpointEveryUs === 0) ||
      (checkpointEveryRecords > 0 && lease.recordsSinceCheckpoint >= checkpointEveryRecords) ||
      (checkpointEveryUs > 0 && now - lease.lastCheckpointUs >= checkpointEveryUs);
    if (!due) return;
    lease.checkpointSeq = reader.cursor.seq;
    reader.cursor.retainSeq = reader.cursor.seq;
    lease.recordsSinceCheckpoint = 0;
    lease.lastCheckpointUs = now;
    if (shardEnded) {
      // cleanupLeasesUponShardCompletion: the finished shard's lease is released.
      const previous = lease.owner;
      lease.owner = undefined;
      this.timeline.push({
        atUs: now,
        shardId: reader.shard.shardId,
        owner: undefined,
        how: "finished",
      });
      if (this.narration !== undefined) this.narrateLease(lease, "finished", previous);
    }
  }

  /** A worker crashes: its leases stop being renewed and its shards stop being read. */
  stopWorker(worker: number): void {
    if (this.alive[worker] !== true) return;
    this.alive[worker] = false;
    const held = this.leases.filter(
      (lease) => lease.owner === worker && lease.reader.state !== "finished",
    );
    if (this.narration !== undefined) this.narrateWorker(worker, "stopped", held.length);
    // A worker that held nothing leaves nothing to recover.
    if (held.length === 0) return;
    this.failovers.push({
      worker,
      stoppedAtUs: this.simulation.nowUs,
      leases: held.length,
      recoveredAtUs: undefined,
    });
  }

  /** A worker (re)starts with no leases; its taking pass picks some up. */
  startWorker(worker: number): void {
    if (this.alive[worker] === true) return;
    this.alive[worker] = true;
    for (const lease of this.leases) if (lease.owner === worker) lease.owner = undefined;
    if (this.narration !== undefined) this.narrateWorker(worker, "started", 0);
  }

  private startWorkerLoops(worker: number): void {
    const { renewalIntervalUs, takingIntervalUs } = this.settings;
    const renew = () => {
      if (this.alive[worker]) {
        for (const lease of this.leases)
          if (lease.owner === worker) lease.lastRenewedUs = this.simulation.nowUs;
      }
      this.simulation.schedule(renewalIntervalUs, renew);
    };
    const take = () => {
      if (this.alive[worker]) this.takingPass(worker);
      this.simulation.schedule(takingIntervalUs, take);
    };
    // The first pass comes immediately for worker 1 and at random phases for the others, so
    // workers do not move in lock-step.
    this.simulation.schedule(Math.floor(this.random() * renewalIntervalUs), renew);
    this.simulation.schedule(worker === 1 ? 0 : Math.floor(this.random() * takingIntervalUs), take);
  }

  private isExpired(lease: Lease, now: number): boolean {
    if (lease.owner === undefined) return true;
    return now - lease.lastRenewedUs > this.settings.failoverTimeUs;
  }

  private takingPass(worker: number): void {
    const now = this.simulation.nowUs;
    const active = this.leases.filter((lease) => lease.reader.state !== "finished");
    if (active.length === 0) return;
    const holders = new Set<number>([worker]);
    for (const lease of active) {
      if (!this.isExpired(lease, now) && lease.owner !== undefined) holders.add(lease.owner);
    }
    const target = Math.ceil(active.length / holders.size);
    const mine = active.filter((lease) => lease.owner === worker && !this.isExpired(lease, now));
    let needed = target - mine.length;
    if (needed <= 0) return;
    const expired = active.filter((lease) => this.isExpired(lease, now));
    // Take expired leases first, in a random order (the KCL shuffles them).
    while (needed > 0 && expired.length > 0) {
      const [lease] = expired.splice(Math.floor(this.random() * expired.length), 1);
      this.acquire(lease as Lease, worker, "taken");
      needed--;
    }
    if (needed <= 0 || expired.length > 0) return;
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
    if (victim === undefined || most <= target) return;
    const steal = Math.min(needed, most - target, this.settings.maxLeasesToSteal);
    const theirs = active.filter((lease) => lease.owner === victim);
    for (let i = 0; i < steal; i++) {
      const [lease] = theirs.splice(Math.floor(this.random() * theirs.length), 1);
      this.acquire(lease as Lease, worker, "stolen");
    }
  }

  private acquire(lease: Lease, worker: number, how: "taken" | "stolen"): void {
    const now = this.simulation.nowUs;
    const previous = lease.owner;
    if (this.narration !== undefined) {
      const expired = how === "taken" && previous !== undefined;
      this.narrateLease(lease, expired ? "expired" : how, previous, worker);
    }
    lease.owner = worker;
    lease.counter++;
    lease.lastRenewedUs = now;
    this.timeline.push({ atUs: now, shardId: lease.reader.shard.shardId, owner: worker, how });
    this.onAcquired(lease);
    this.noteRecoveries(now);
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

  /** A failover has recovered once none of the stopped worker's leases is left unprocessed. */
  private noteRecoveries(now: number): void {
    for (const failover of this.failovers) {
      if (failover.recoveredAtUs !== undefined) continue;
      const orphaned = this.leases.some(
        (lease) => lease.owner === failover.worker && lease.reader.state !== "finished",
      );
      if (!orphaned) failover.recoveredAtUs = now;
    }
  }
}
