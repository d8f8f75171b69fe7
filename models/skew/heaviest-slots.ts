/**
 * The `count` heaviest slots of parallel arrays (slot i: `keys[i]` weighing `weights[i]`),
 * heavier first and ties by key name: what sorting every slot that way and keeping `count`
 * gives, without sorting a million keys to list ten, and without a comparator allocating in
 * cold code. The order is total over distinct keys, so it does not depend on the order the
 * slots come in.
 *
 * @example
 * heaviestSlots(["b", "a", "c"], [1, 1, 5], 2); // [2, 1]: c (5), then a before b
 */
export function heaviestSlots(
  keys: readonly string[],
  weights: readonly number[],
  count: number,
): number[] {
  /** Negative when slot a comes before slot b. */
  const heavierFirst = (a: number, b: number): number => {
    const keyA = keys[a] as string;
    const keyB = keys[b] as string;
    return (
      (weights[b] as number) - (weights[a] as number) || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0)
    );
  };
  const kept: number[] = [];
  if (count <= 0) return kept;
  for (let slot = 0; slot < keys.length; slot++) {
    if (kept.length === count && heavierFirst(slot, kept[count - 1] as number) >= 0) continue;
    let at = kept.length === count ? count - 1 : kept.length;
    while (at > 0 && heavierFirst(slot, kept[at - 1] as number) < 0) {
      kept[at] = kept[at - 1] as number;
      at--;
    }
    kept[at] = slot;
  }
  return kept;
}
