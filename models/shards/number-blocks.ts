/**
 * Fixed-size blocks of numbers for many small objects, side by side in shared arrays of doubles:
 * the write path reads and writes a few numbers of every shard on every producer tick, and
 * as fields of a thousand objects each number that is not a small integer is a separate box
 * on the heap (a time in microseconds stops being one after 36 simulated minutes), so that
 * the same arithmetic touched more memory the longer a run went on. In a block the numbers
 * are unboxed and a shard's lie together. Blocks are never freed (a stream's shards live
 * for the whole run).
 */
export class NumberBlocks {
  private chunk: number[];
  private used = 0;

  /** @param chunkLength numbers per shared array; a block never spans two. */
  constructor(private readonly chunkLength = 16_384) {
    this.chunk = doubleArray(chunkLength);
  }

  /** A block of `length` numbers, all 0: the array that holds it, from `offset` on. */
  allocate(length: number): NumberBlock {
    if (this.used + length > this.chunk.length) {
      this.chunk = doubleArray(Math.max(this.chunkLength, length));
      this.used = 0;
    }
    const offset = this.used;
    this.used += length;
    return { values: this.chunk, offset };
  }
}

/** Where an object's numbers live: `values[offset]` on. */
export interface NumberBlock {
  readonly values: number[];
  readonly offset: number;
}

/**
 * `length` zeros in an array V8 keeps as unboxed doubles with no holes: built by pushing a
 * fraction (an array's element kind follows what it first held), then zeroed. Its elements
 * are read with fewer instructions than a Float64Array's, whose every access finds its data
 * through the buffer behind it.
 */
function doubleArray(length: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < length; i++) values.push(0.5);
  values.fill(0);
  return values;
}
