import type { ShardRouter } from "../hashing/shard-router.js";
import type { Segment } from "../shards/segment.js";
import type { Shard } from "../shards/shard.js";
import type { KeyObserver } from "../skew/key-observer.js";
import type { KeySpace } from "../workload/keys/key-space.js";
import type { TraceCursor } from "./trace-cursor.js";

/**
 * Segment mode for a trace: the trace's records timed in [fromUs, untilUs), each routed by
 * its own key and counted in `observer`, gathered into one segment per open shard.
 *
 * @param route position among the router's shards of a key's shard.
 */
export function traceSegments(
  trace: TraceCursor,
  fromUs: number,
  untilUs: number,
  router: ShardRouter<Shard>,
  route: (router: ShardRouter<Shard>, keyIndex: number) => number,
  keys: KeySpace,
  observer: KeyObserver,
  producer: number,
): Segment[] {
  const shards = router.shards;
  const counts = new Int32Array(shards.length);
  const bytes = new Float64Array(shards.length);
  let total = 0;
  for (let at = trace.peekUs(); at !== undefined && at < untilUs; at = trace.peekUs()) {
    const record = trace.next();
    const position = route(router, record.keyIndex);
    counts[position] = (counts[position] as number) + 1;
    bytes[position] =
      (bytes[position] as number) + record.sizeBytes + keys.keyBytes(record.keyIndex);
    observer.offerRecord(record.keyIndex);
    total++;
  }
  const segments: Segment[] = [];
  if (total === 0) return segments;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] as number;
    if (count === 0) continue;
    segments.push({
      count,
      bytes: bytes[i] as number,
      firstCreatedUs: fromUs,
      lastCreatedUs: untilUs,
      producer,
      shard: (shards[i] as Shard).index,
    });
  }
  return segments;
}
