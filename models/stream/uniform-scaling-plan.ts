import { evenSplit } from "../hashing/even-split.js";
import type { HashRange } from "../hashing/hash-range.js";

/** One pairwise step of UpdateShardCount, naming shards by their starting hash keys. */
export type ScalingStep =
  | { readonly kind: "split"; readonly shardStart: bigint; readonly newStartingHashKey: bigint }
  | { readonly kind: "merge"; readonly leftStart: bigint; readonly rightStart: bigint };

/**
 * The pairwise splits and merges that take the open shards `ranges` (sorted, covering the
 * hash key space) to the even split into `target` shards — how UpdateShardCount with
 * UNIFORM_SCALING works (API UpdateShardCount: "Kinesis Data Streams performs splits or
 * merges on individual shards. This can cause short-lived shards to be created").
 *
 * First every shard that contains a target boundary strictly inside it is split there
 * (lowest boundary first); then adjacent pieces that lie in the same target range are
 * merged, left to right. Doubling is N splits, halving N merges; other targets create
 * short-lived pieces that are split off and merged again.
 */
export function uniformScalingPlan(ranges: readonly HashRange[], target: number): ScalingStep[] {
  const goal = evenSplit(target);
  const steps: ScalingStep[] = [];
  // Splits: both lists are sorted, so one pass pairs each piece with the boundaries inside it.
  const pieces: HashRange[] = [];
  let next = 1;
  for (const range of ranges) {
    let start = range.startingHashKey;
    while (next < goal.length && (goal[next] as HashRange).startingHashKey <= start) next++;
    while (next < goal.length && (goal[next] as HashRange).startingHashKey <= range.endingHashKey) {
      const boundary = (goal[next] as HashRange).startingHashKey;
      steps.push({ kind: "split", shardStart: start, newStartingHashKey: boundary });
      pieces.push({ startingHashKey: start, endingHashKey: boundary - 1n });
      start = boundary;
      next++;
    }
    pieces.push({ startingHashKey: start, endingHashKey: range.endingHashKey });
  }
  // Merges: the pieces inside each target range are merged into its first one, left to right.
  let index = 0;
  for (const range of goal) {
    const first = pieces[index] as HashRange;
    index++;
    while (
      index < pieces.length &&
      (pieces[index] as HashRange).endingHashKey <= range.endingHashKey
    ) {
      steps.push({
        kind: "merge",
        leftStart: first.startingHashKey,
        rightStart: (pieces[index] as HashRange).startingHashKey,
      });
      index++;
    }
  }
  return steps;
}
