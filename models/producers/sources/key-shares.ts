import type { ShardRouter } from "../../hashing/shard-router.js";
import type { Shard } from "../../shards/shard.js";
import type { KeySpace } from "../../workload/keys/key-space.js";
import { shardProbabilities } from "../../workload/shard-probabilities.js";
import { ShardSplitter } from "../shard-splitter.js";

/**
 * The shares of a key space's records among a router's open shards, as a splitter, built
 * again only when the open shards change (a reshard): segment mode splits every tick with it,
 * and records rerouted after a reshard follow it.
 */
export class KeyShares {
  private splitter: ShardSplitter | undefined;
  private splitterShards: readonly unknown[] | undefined;

  constructor(private readonly keys: KeySpace) {}

  /** The splitter for the router's open shards. */
  splitterFor(router: ShardRouter<Shard>): ShardSplitter {
    if (this.splitter === undefined || this.splitterShards !== router.shards) {
      this.splitter = new ShardSplitter(shardProbabilities(this.keys, router));
      this.splitterShards = router.shards;
    }
    return this.splitter;
  }
}
