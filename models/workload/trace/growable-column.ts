/**
 * A column of numbers read row by row from a trace file, in a typed array that doubles as it
 * fills: 8 bytes a row (4 for a Uint32Array) rather than a JavaScript object per row, so
 * that a parsed trace of millions of records stays a small multiple of its row count.
 */
export class GrowableColumn<A extends Float64Array | Uint32Array> {
  private values: A;
  private count = 0;

  constructor(private readonly make: (length: number) => A) {
    this.values = make(1024);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.values.length) {
      const grown = this.make(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = value;
  }

  /** The value of row `i` (0 ≤ i < length). */
  at(i: number): number {
    return this.values[i] as number;
  }

  /** The column as a typed array of exactly `length` values (a copy). */
  toArray(): A {
    const values = this.make(this.count);
    values.set(this.values.subarray(0, this.count));
    return values;
  }
}
