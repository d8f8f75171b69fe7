/**
 * The indices of hash keys in ascending order of the keys, equal keys in index order: what a
 * stable sort of the indices by key gives. `positions[i]` is key i ÷ 2^128 as a double (or
 * its top bits, so scaled), which never decreases as the key grows, so the doubles order the
 * keys except between equal doubles; only between those is `hashKeyOf(i)`, key i itself,
 * asked for.
 *
 * Why not `indices.sort(compare)`: a cold comparator called n·log n times was a tenth of a
 * short `kinesim run`'s skew report (10,000 head keys). Here Node's numeric sort of doubles
 * does the work: each index is packed below its position, cut to the bits left above the
 * index, so the sorted doubles give the indices in position order except among keys whose
 * positions share those top bits; an insertion pass then orders those exactly by position and
 * key. The pass is linear when, as almost always, no two keys share their top bits; should
 * many share them (thousands of equal explicit hash keys), it gives up and sorts with the
 * comparator.
 *
 * @example
 * const keys = [3n << 126n, 1n << 126n];
 * orderByHashKey(Float64Array.of(0.75, 0.25), (i) => keys[i]); // Uint32Array [1, 0]
 */
export function orderByHashKey(
  positions: Float64Array,
  hashKeyOf: (i: number) => bigint,
): Uint32Array {
  const n = positions.length;
  const before = (a: number, b: number): boolean => {
    const byPosition = (positions[a] as number) - (positions[b] as number);
    if (byPosition !== 0) return byPosition < 0;
    return hashKeyOf(a) < hashKeyOf(b);
  };
  // index < indexScale; bucket · indexScale + index < 2^53, so every packed value is exact.
  const indexScale = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  const buckets = 2 ** 52 / indexScale;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    packed[i] = Math.floor((positions[i] as number) * buckets) * indexScale + i;
  }
  packed.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = (packed[i] as number) % indexScale;

  let shifts = 0;
  for (let i = 1; i < n; i++) {
    const item = order[i] as number;
    let j = i;
    while (j > 0 && before(item, order[j - 1] as number)) {
      order[j] = order[j - 1] as number;
      j--;
    }
    order[j] = item;
    shifts += i - j;
    if (shifts > 32 * n) return comparatorOrder(n, before);
  }
  return order;
}

function comparatorOrder(n: number, before: (a: number, b: number) => boolean): Uint32Array {
  const indices = Array.from({ length: n }, (_, i) => i);
  indices.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  return Uint32Array.from(indices);
}
