/**
 * Segment mode: each open shard's share of a producer's records (its key-distribution
 * probability), looked up by shard index. The table is rebuilt when the open shards change.
 */
export class KplShardShares {
  private shards: readonly { index: number }[] | undefined;
  private probabilities: Float64Array | undefined;
  private readonly byIndex = new Map<number, number>();

  /** The share of shard `shardIndex` among `shards` (positions match `probabilities`). */
  shareOf(
    shardIndex: number,
    shards: readonly { index: number }[],
    probabilities: Float64Array,
  ): number {
    if (shards !== this.shards || probabilities !== this.probabilities) {
      this.byIndex.clear();
      shards.forEach((shard, position) => {
        this.byIndex.set(shard.index, probabilities[position] ?? 0);
      });
      this.shards = shards;
      this.probabilities = probabilities;
    }
    return this.byIndex.get(shardIndex) ?? 0;
  }
}
