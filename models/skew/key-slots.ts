/**
 * Distinct partition keys numbered in first-seen order, each with the hash key it was first
 * given (an explicit hash key, or none): the slots of parallel arrays in which the skew
 * report merges what several producers say of one key. Parallel arrays rather than an object
 * per key: this runs cold at the end of every run, over tens of thousands of keys.
 *
 * @example
 * const slots = new KeySlots();
 * slots.slotOf("a"); // 0
 * slots.slotOf("b"); // 1
 * slots.slotOf("a"); // 0
 */
export class KeySlots {
  readonly keys: string[] = [];
  readonly hashKeys: (bigint | undefined)[] = [];
  /** Key → slot; none when the caller vouches that every key it asks for is new. */
  private readonly slots: Map<string, number> | undefined;

  /**
   * @param distinct the caller asks for each key once only (one key space whose keys are all
   *   different, `KeySpace.distinctHead`): every key gets a new slot, and no map of the keys is
   *   kept (10,000 of them at the end of a cold run).
   */
  constructor(distinct = false) {
    this.slots = distinct ? undefined : new Map();
  }

  /** The slot of `key`; a new slot, holding `hashKey`, when the key is new. */
  slotOf(key: string, hashKey?: bigint): number {
    let slot = this.slots?.get(key);
    if (slot === undefined) {
      slot = this.keys.length;
      this.slots?.set(key, slot);
      this.keys.push(key);
      this.hashKeys.push(hashKey);
    }
    return slot;
  }
}

/** Adds `amount` to slot `slot` of `sums`, which starts at 0 (a slot just made). */
export function addToSlot(sums: number[], slot: number, amount: number): void {
  sums[slot] = (sums[slot] ?? 0) + amount;
}
