import type { Shard } from "../shards/shard.js";
import type { StartPosition } from "./consumer-settings.js";

/**
 * Where an iterator of type `startAt` obtained now points in `shard` (kinesis-facts.md
 * §7), as a sequence index: LATEST just after the newest record (for a closed shard, its
 * end: nothing is left to read); TRIM_HORIZON the oldest record still retained;
 * AT_TIMESTAMP the first record accepted at or after the time, or the trim horizon when the
 * time is older than it.
 */
export function startSeq(startAt: StartPosition, shard: Shard): number {
  const log = shard.log;
  switch (startAt.type) {
    case "LATEST":
      return log.nextSeq;
    case "TRIM_HORIZON":
      return log.trimSeq;
    case "AT_TIMESTAMP":
      // Times are whole microseconds: "at or after T" is "after T − 1 µs".
      return startAt.timestampUs <= 0
        ? log.trimSeq
        : log.firstSeqAcceptedAfter(startAt.timestampUs - 1);
  }
}
