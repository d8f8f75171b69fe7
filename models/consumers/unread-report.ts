import type { ConsumerApplication } from "./consumer-application.js";
import type { ShardReader } from "./shard-readers.js";

/** A shard an application ends the run not reading (all of it, or beyond what is in flight). */
export interface UnreadShard {
  readonly shardId: string;
  /** Records it is not reading: all its unread records, or those beyond what is in flight. */
  readonly unread: number;
  readonly reason: string;
}

/** What an application had not read at the end of the run, and why. */
export interface UnreadReport {
  /**
   * Unread records a healthy reader still has in flight at the end: accepted after its last
   * fetch could see them (the last poll's or push's worth), or in a reshard's children while
   * their parents are being finished.
   */
  readonly inFlight: number;
  /** The other unread records, by shard, with why they are not being read. */
  readonly shards: UnreadShard[];
}

/**
 * Why each unread record of an application is not being read at the end of a run. A reader
 * in flight is not reported; anything else is, with its reason: the application stopped (or
 * never started), a KCL shard whose lease no live worker holds, a child shard waiting for a
 * parent that will never be read to its end, a reader with nothing scheduled to read it, or
 * one that is behind (records it could have read at its last fetch but did not yet).
 */
export function unreadReport(application: ConsumerApplication): UnreadReport {
  const readers = application.readers;
  let inFlight = 0;
  const shards: UnreadShard[] = [];
  for (const reader of readers.all) {
    const unread = unreadOf(reader);
    if (unread === 0) continue;
    const stall = stallOf(application, reader);
    if (stall !== undefined) {
      shards.push({ shardId: reader.shard.shardId, unread, reason: stall });
      continue;
    }
    const behind = unread - inFlightOf(reader, unread);
    inFlight += unread - behind;
    if (behind > 0) {
      shards.push({
        shardId: reader.shard.shardId,
        unread: behind,
        reason: "behind: it had more to read than its last fetch returned",
      });
    }
  }
  return { inFlight, shards };
}

function unreadOf({ shard, cursor }: ShardReader): number {
  return shard.log.nextSeq - Math.max(cursor.seq, cursor.deliveredSeq);
}

/**
 * The reader's unread records that its last fetch could not see yet (all of them if it has
 * not fetched yet: its first fetch is on its way).
 */
function inFlightOf(reader: ShardReader, unread: number): number {
  if (reader.behindAtLastFetch === undefined) return unread;
  return unread - Math.min(unread, reader.behindAtLastFetch);
}

/** Why the reader is not reading at all, or undefined when it reads (or will soon). */
function stallOf(application: ConsumerApplication, reader: ShardReader): string | undefined {
  const readers = application.readers;
  if (!readers.launched || reader.state === "idle") return "consumer not started yet";
  if (!readers.running) return "consumer stopped";
  if (application.leases !== undefined && !application.leases.isProcessed(reader)) {
    return "lease not held by a live worker";
  }
  if (reader.state === "reading" && !application.willFetch(reader)) {
    return "nothing is scheduled to read it (a kinesim fault: please report it)";
  }
  if (reader.state === "waiting") {
    for (const parent of readers.unfinishedParents(reader)) {
      const why = neverFinishes(application, parent);
      if (why !== undefined) return `waiting for parent ${parent.shard.shardId}, ${why}`;
    }
  }
  return undefined;
}

/** Why the reader of a parent shard will never finish it, or undefined when it will. */
function neverFinishes(application: ConsumerApplication, reader: ShardReader): string | undefined {
  if (reader.state === "finished") return undefined;
  if (application.leases !== undefined && !application.leases.isProcessed(reader)) {
    return "whose lease no live worker holds";
  }
  if (reader.state === "waiting") {
    for (const parent of application.readers.unfinishedParents(reader)) {
      const why = neverFinishes(application, parent);
      if (why !== undefined) return `which waits for ${parent.shard.shardId}, ${why}`;
    }
    return undefined;
  }
  return application.willFetch(reader) ? undefined : "which was never read to its end";
}
