/**
 * The record-level invariant that each partition key's records reach an application in the
 * order Kinesis accepted them (design.md §10): in sequence order within a shard, and
 * across a reshard only from a shard to one of its descendants (parents are read first).
 * Remembers, per producer and key index, the last shard and sequence index delivered, side by
 * side in one flat typed array (keys come in random order: one cache miss per delivery, not two).
 */
export class KeyOrderCheck {
  /** Per producer: [seq, shard] of each key index's last delivery; shard -1 for none yet. */
  private readonly last: Float64Array[] = [];

  /** @param descendsFrom whether shard index `shard` is `ancestor` or descends from it. */
  constructor(private readonly descendsFrom: (shard: number, ancestor: number) => boolean) {}

  /** Records a delivery; throws if the key's previous record on this shard came later. */
  deliver(producer: number, keyIndex: number, shard: number, seq: number): void {
    const last = this.ensure(producer, keyIndex);
    const at = 2 * keyIndex;
    const lastShard = last[at + 1] as number;
    if (lastShard === shard && (last[at] as number) >= seq) {
      throw new Error(
        `invariant violated: key #${keyIndex} of producer ${producer} delivered out of sequence order on shard ${shard}`,
      );
    }
    if (lastShard >= 0 && lastShard !== shard && !this.descendsFrom(shard, lastShard)) {
      throw new Error(
        `invariant violated: key #${keyIndex} of producer ${producer} read from shard ${shard} after shard ${lastShard}, which is not its ancestor`,
      );
    }
    last[at] = seq;
    last[at + 1] = shard;
  }

  private ensure(producer: number, keyIndex: number): Float64Array {
    const current = this.last[producer];
    if (current !== undefined && 2 * keyIndex < current.length) return current;
    const keys = Math.max(1024, keyIndex + 1, current?.length ?? 0);
    const grown = new Float64Array(2 * keys);
    for (let i = 1; i < grown.length; i += 2) grown[i] = -1;
    if (current !== undefined) grown.set(current);
    this.last[producer] = grown;
    return grown;
  }
}
