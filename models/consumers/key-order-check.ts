/**
 * The record-level invariant that each partition key's records reach an application in the
 * order Kinesis accepted them (design.md §10): in sequence order within a shard, and
 * across a reshard only from a shard to one of its descendants (parents are read first).
 * Remembers, per producer and key index, the last shard and sequence index delivered, in
 * flat typed arrays.
 */
export class KeyOrderCheck {
  private readonly lastSeq: Float64Array[] = [];
  private readonly lastShard: Int32Array[] = [];

  /** @param descendsFrom whether shard index `shard` is `ancestor` or descends from it. */
  constructor(private readonly descendsFrom: (shard: number, ancestor: number) => boolean) {}

  /** Records a delivery; throws if the key's previous record on this shard came later. */
  deliver(producer: number, keyIndex: number, shard: number, seq: number): void {
    this.ensure(producer, keyIndex);
    const seqs = this.lastSeq[producer] as Float64Array;
    const shards = this.lastShard[producer] as Int32Array;
    const lastShard = shards[keyIndex] as number;
    if (lastShard === shard && (seqs[keyIndex] as number) >= seq) {
      throw new Error(
        `invariant violated: key #${keyIndex} of producer ${producer} delivered out of sequence order on shard ${shard}`,
      );
    }
    if (lastShard >= 0 && lastShard !== shard && !this.descendsFrom(shard, lastShard)) {
      throw new Error(
        `invariant violated: key #${keyIndex} of producer ${producer} read from shard ${shard} after shard ${lastShard}, which is not its ancestor`,
      );
    }
    shards[keyIndex] = shard;
    seqs[keyIndex] = seq;
  }

  private ensure(producer: number, keyIndex: number): void {
    const current = this.lastSeq[producer];
    if (current !== undefined && keyIndex < current.length) return;
    const length = Math.max(1024, keyIndex + 1, 2 * (current?.length ?? 0));
    const seqs = new Float64Array(length);
    const shards = new Int32Array(length).fill(-1);
    if (current !== undefined) {
      seqs.set(current);
      shards.set(this.lastShard[producer] as Int32Array);
    }
    this.lastSeq[producer] = seqs;
    this.lastShard[producer] = shards;
  }
}
