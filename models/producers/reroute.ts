import { multinomial } from "../../src/engine/distributions/multinomial.js";
import type { Random } from "../../src/engine/random-streams.js";
import type { ShardRouter } from "../hashing/shard-router.js";
import { type Segment, splitSegment } from "../shards/segment.js";
import type { Shard } from "../shards/shard.js";
import type { KinesisStream } from "../stream/kinesis-stream.js";

/** How a producer finds the open shard of a record-level segment's key now. */
export type KeyRouting = (router: ShardRouter<Shard>, keyIndex: number) => number;

/**
 * Kinesis routes every put by hash key at the moment it arrives, so records bound for a
 * shard that has closed since (a batch or a retry that waited across a reshard) go to the
 * open shards that now own their hash keys: a record-level segment by its key; a run of
 * many keys split over the open shards overlapping the closed one's range, in proportion
 * to the producer's traffic to them (`probabilities`, by position among the open shards).
 */
export function routeToOpenShards(
  segments: Segment[],
  stream: KinesisStream,
  routeKey: KeyRouting,
  probabilities: () => Float64Array,
  random: Random,
): Segment[] {
  if (allOpen(segments, stream.shards)) return segments;
  const router = stream.router;
  const routed: Segment[] = [];
  for (const segment of segments) {
    const shard = stream.shards[segment.shard] as Shard;
    if (shard.status === "OPEN") {
      routed.push(segment);
    } else if (segment.keyIndex !== undefined) {
      const position = routeKey(router, segment.keyIndex);
      routed.push({ ...segment, shard: (router.shards[position] as Shard).index });
    } else {
      routed.push(...spreadOverOpenShards(segment, shard, stream, probabilities(), random));
    }
  }
  return routed;
}

/** Whether every segment's shard is still open (a loop, not a closure: once per put). */
function allOpen(segments: readonly Segment[], shards: readonly Shard[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    if ((shards[(segments[i] as Segment).shard] as Shard).status !== "OPEN") return false;
  }
  return true;
}

function spreadOverOpenShards(
  segment: Segment,
  closed: Shard,
  stream: KinesisStream,
  probabilities: Float64Array,
  random: Random,
): Segment[] {
  const targets = stream.openShardsOverlapping(closed.range);
  const weights = targets.map((shard) => probabilities[stream.openShards.indexOf(shard)] as number);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const counts = multinomial(
    random,
    segment.count,
    weights.map((weight) => (total > 0 ? weight / total : 1 / weights.length)),
    [] as number[],
  );
  const pieces: Segment[] = [];
  let rest = segment;
  targets.forEach((target, i) => {
    const count = counts[i] ?? 0;
    if (count === 0) return;
    const [piece, remainder] = count === rest.count ? [rest, rest] : splitSegment(rest, count);
    pieces.push({ ...piece, shard: target.index });
    rest = remainder;
  });
  return pieces;
}
