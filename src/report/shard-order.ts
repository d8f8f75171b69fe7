/**
 * Shards by the start of their hash range, then by opening time. Children then sit next to
 * their parent (a split's lower child right under it) and a merge's child between its two
 * parents, so lineage and heatmaps read like the key space.
 */
export function keySpaceOrder(
  a: { startingHashKey: string; openedAtSeconds: number },
  b: { startingHashKey: string; openedAtSeconds: number },
): number {
  const ka = BigInt(a.startingHashKey);
  const kb = BigInt(b.startingHashKey);
  return ka < kb ? -1 : ka > kb ? 1 : a.openedAtSeconds - b.openedAtSeconds;
}
