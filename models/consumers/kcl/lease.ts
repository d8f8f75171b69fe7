import type { ShardReader } from "../shard-readers.js";

/** A shard's lease (one row of the KCL's lease table, kinesis-facts.md §9). */
export interface Lease {
  readonly reader: ShardReader;
  /** leaseOwner in the table: the worker the lease belongs to (or is being moved to). */
  owner: number | undefined;
  /**
   * The worker whose record processor reads the shard now. KCL 2: the owner, from the moment
   * it takes the lease. KCL 3: the owner once it has discovered the lease the leader gave it.
   */
  holder: number | undefined;
  /** Last change of the row's leaseCounter: a renewal, a take, an assignment, a hand-off. */
  lastCounterChangeUs: number;
  /** Bumped whenever the lease changes hands; a record processor that lost it cannot checkpoint. */
  counter: number;
  checkpointSeq: number;
  recordsSinceCheckpoint: number;
  lastCheckpointUs: number;
  /** End of the batch the holder is processing (its in-flight batch). */
  busyUntilUs: number;
  /** KCL 3 graceful hand-off under way: the holder finishes its batch and checkpoints first. */
  handoff: Handoff | undefined;
  /** KCL 3: the worker that had it and how it moved, until the new owner discovers it. */
  assignedFrom: number | undefined;
  assignedHow: "taken" | "expired" | "handed-off" | "rebalanced" | undefined;
  /** Bytes processed since the holder's last renewal, and their moving average in bytes/s. */
  bytesSinceRenewal: number;
  lastRenewalUs: number;
  throughputBytesPerSecond: number | undefined;
}

/** A lease the KCL 3 leader moves from its holder to `to` (checkpointOwner set). */
export interface Handoff {
  readonly to: number;
  readonly requestedAtUs: number;
  /** The holder has seen the request and stopped fetching; it checkpoints after its batch. */
  shuttingDown: boolean;
}

/**
 * When a scanner last saw the lease's counter change (kinesis-facts.md §9, the taker's and
 * the leader's lastCounterIncrementNanos): it scans every `intervalUs` from `firstScanUs` on
 * and notes the time of the scan at which the counter had moved. A lease first seen at its
 * first scan counts as renewed then; an unowned lease as never renewed (0). A lease is
 * expired, to that scanner, when `now − seen > failoverTime`: with a scan interval above the
 * failover time, at the second scan after its last renewal, not failoverTime after it.
 */
export function lastSeenChangeUs(lease: Lease, firstScanUs: number, intervalUs: number): number {
  if (lease.owner === undefined) return 0;
  const changedUs = lease.lastCounterChangeUs;
  if (changedUs <= firstScanUs) return firstScanUs;
  return firstScanUs + Math.ceil((changedUs - firstScanUs) / intervalUs) * intervalUs;
}
