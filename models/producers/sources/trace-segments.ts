import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import type { ShardRouter } from "../../hashing/shard-router.js";
import { runSegment, type Segment } from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import type { KeyObserver } from "../../skew/key-observer.js";
import type { KeySpace } from "../../workload/keys/key-space.js";
import type { TraceCursor } from "./trace-cursor.js";

/**
 * Segment mode for a trace: the trace's records timed in [fromUs, untilUs), each routed by
 * its own key and counted in `observer`, gathered into one segment per open shard. With
 * `listSizes`, each segment lists its records' own sizes (data plus key), so that shards
 * decide on them record by record. A trace's records keep their own clustering within a
 * second, so a segment's rate (`density`) is the tick's own count per second: the shard's
 * log merges ticks only where the trace ran evenly.
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
  listSizes: boolean,
): Segment[] {
  const shards = router.shards;
  const counts = new Int32Array(shards.length);
  const bytes = new Float64Array(shards.length);
  const sizes: number[][] = [];
  let total = 0;
  for (let at = trace.peekUs(); at !== undefined && at < untilUs; at = trace.peekUs()) {
    const record = trace.next();
    const position = route(router, record.keyIndex);
    const size = record.sizeBytes + keys.keyBytes(record.keyIndex);
    counts[position] = (counts[position] as number) + 1;
    bytes[position] = (bytes[position] as number) + size;
    if (listSizes) {
      const listed = sizes[position];
      if (listed === undefined) sizes[position] = [size];
      else listed.push(size);
    }
    observer.offerRecord(record.keyIndex);
    total++;
  }
  const segments: Segment[] = [];
  if (total === 0) return segments;
  const density = (total * US_PER_SECOND) / Math.max(1, untilUs - fromUs);
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] as number;
    if (count === 0) continue;
    const listed = sizes[i];
    // runSegment's literals: a spread with a key added (`{ ...segment, listed }`) gives every
    // object a hidden class of its own in this V8, which made every access to segments slow.
    segments.push(
      runSegment(
        count,
        bytes[i] as number,
        fromUs,
        untilUs,
        producer,
        (shards[i] as Shard).index,
        density,
        listed === undefined ? undefined : { bytes: listed },
      ),
    );
  }
  return segments;
}
