/**
 * A bounded-memory top-K heavy-hitters sketch: Space-Saving (Metwally, Agrawal and El Abbadi,
 * "Efficient Computation of Frequent and Top-k Elements in Data Streams", ICDT 2005), in its
 * weighted form.
 *
 * It monitors at most `capacity` keys. A monitored key's count grows when it is offered; a new
 * key, when the sketch is full, replaces the monitored key with the smallest count and inherits
 * that count as its `error`. With N the total offered so far:
 * - every key whose true count exceeds N ÷ capacity is monitored;
 * - for a monitored key, estimate − error ≤ true count ≤ estimate.
 *
 * Deterministic: among keys with equal counts the one monitored earliest is evicted first,
 * and `top` lists equal estimates in the order their keys started being monitored.
 */
export class SpaceSaving<K = string> {
  private readonly entries = new Map<K, Entry<K>>();
  /** Binary min-heap of the monitored entries by (count, since). */
  private readonly heap: Entry<K>[] = [];
  private sequence = 0;
  private offered = 0;

  /**
   * @param capacity keys monitored at most; a positive integer.
   * @throws RangeError if `capacity` is not a positive integer.
   */
  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`SpaceSaving capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** Total weight offered so far (N). */
  get total(): number {
    return this.offered;
  }

  /** Keys monitored now (at most `capacity`). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Counts `count` more occurrences of `key`.
   *
   * @example
   * const sketch = new SpaceSaving(100);
   * sketch.offer("user-42", 3);
   * sketch.top(1); // [{ key: "user-42", estimate: 3, error: 0 }]
   * @throws RangeError if `count` is not a finite positive number.
   */
  offer(key: K, count = 1): void {
    if (!(count > 0) || !Number.isFinite(count)) {
      throw new RangeError(`SpaceSaving.offer count must be a positive number, got ${count}`);
    }
    this.offered += count;
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      entry.count += count;
      this.siftDown(entry.position);
      return;
    }
    if (this.entries.size < this.capacity) {
      const added: Entry<K> = {
        key,
        count,
        error: 0,
        since: this.sequence++,
        position: this.heap.length,
      };
      this.entries.set(key, added);
      this.heap.push(added);
      this.siftUp(added.position);
      return;
    }
    // Full: the key with the smallest count (the earliest monitored among equals) makes way.
    const victim = this.heap[0] as Entry<K>;
    this.entries.delete(victim.key);
    victim.key = key;
    victim.error = victim.count;
    victim.count += count;
    victim.since = this.sequence++;
    this.entries.set(key, victim);
    this.siftDown(0);
  }

  /**
   * The `k` keys with the highest estimates, highest first: `estimate` ≥ the true count ≥
   * `estimate − error`.
   */
  top(k: number = this.capacity): { key: K; estimate: number; error: number }[] {
    return [...this.heap]
      .sort((a, b) => b.count - a.count || a.since - b.since)
      .slice(0, Math.max(0, k))
      .map(({ key, count, error }) => ({ key, estimate: count, error }));
  }

  /** The estimate and error of `key`, or undefined when it is not monitored. */
  get(key: K): { estimate: number; error: number } | undefined {
    const entry = this.entries.get(key);
    return entry === undefined ? undefined : { estimate: entry.count, error: entry.error };
  }

  private less(a: Entry<K>, b: Entry<K>): boolean {
    return a.count < b.count || (a.count === b.count && a.since < b.since);
  }

  private siftUp(position: number): void {
    const heap = this.heap;
    let i = position;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i] as Entry<K>, heap[parent] as Entry<K>)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(position: number): void {
    const heap = this.heap;
    let i = position;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.less(heap[left] as Entry<K>, heap[smallest] as Entry<K>))
        smallest = left;
      if (right < heap.length && this.less(heap[right] as Entry<K>, heap[smallest] as Entry<K>))
        smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(i: number, j: number): void {
    const heap = this.heap;
    const a = heap[i] as Entry<K>;
    const b = heap[j] as Entry<K>;
    heap[i] = b;
    heap[j] = a;
    a.position = j;
    b.position = i;
  }
}

interface Entry<K> {
  key: K;
  count: number;
  error: number;
  /** When the key started being monitored (insertion order, for ties). */
  since: number;
  position: number;
}
