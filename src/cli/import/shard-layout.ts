import { evenSplit } from "../../../models/hashing/even-split.js";
import { HASH_SPACE, MAX_HASH_KEY } from "../../../models/hashing/hash-space.js";
import { UserError } from "../../experiment/config/user-error.js";
import type { ListedShard } from "./read-stream.js";

/** The open shards of a listed stream, as an experiment can start from them. */
export interface ShardLayout {
  /** Open shards sorted by starting hash key, each with its share of the key space. */
  readonly open: readonly { readonly shard: ListedShard; readonly share: number }[];
  /** Closed shards (parents of reshards whose records are still retained). */
  readonly closed: number;
  /**
   * Whether the open shards' ranges are CreateStream's even split of their number
   * (kinesis-facts.md §4): then `stream.shards: N` starts the experiment with the same map.
   */
  readonly even: boolean;
}

/**
 * Checks the open shards cover the hash key space without gap or overlap, as they always do
 * (kinesis-facts.md §4), and compares them with the even split.
 */
export function shardLayout(shards: readonly ListedShard[]): ShardLayout {
  const open = shards
    .filter((shard) => shard.open)
    .sort((a, b) => (a.startingHashKey < b.startingHashKey ? -1 : 1));
  if (open.length === 0) throw new UserError("Kinesis ListShards: the stream has no open shard");
  let next = 0n;
  for (const shard of open) {
    if (shard.startingHashKey !== next || shard.endingHashKey < shard.startingHashKey) {
      throw new UserError(
        `Kinesis ListShards: the open shards do not cover the hash key space without gap or overlap (at ${shard.shardId})`,
      );
    }
    next = shard.endingHashKey + 1n;
  }
  if (next !== MAX_HASH_KEY + 1n) {
    throw new UserError(
      "Kinesis ListShards: the open shards end before the last hash key, 2^128 − 1",
    );
  }
  const even = evenSplit(open.length).every(
    (range, i) => range.endingHashKey === open[i]?.endingHashKey,
  );
  return {
    open: open.map((shard) => ({ shard, share: shareOf(shard) })),
    closed: shards.length - open.length,
    even,
  };
}

/** A range's width over the whole space, to about 15 digits (bigints divide whole). */
function shareOf(shard: ListedShard): number {
  const width = shard.endingHashKey - shard.startingHashKey + 1n;
  return Number((width * 10n ** 15n) / HASH_SPACE) / 1e15;
}
