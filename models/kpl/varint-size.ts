/**
 * Bytes a protobuf base-128 varint takes for a non-negative integer: 7 bits per byte, so
 * 1 byte up to 127, 2 up to 16,383, and ⌈bits / 7⌉ in general (protobuf encoding spec; used
 * for the KPL aggregation format, kinesis-facts.md §8). Works by division, not bit operators, so it
 * is exact for every safe integer (bit operators would truncate to 32 bits).
 *
 * @example
 * varintSize(127); // 1
 * varintSize(128); // 2
 * varintSize(2 ** 35); // 6
 * @throws RangeError if `value` is not a non-negative safe integer.
 */
export function varintSize(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`a varint needs a non-negative safe integer, got ${value}`);
  }
  let bytes = 1;
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) bytes++;
  return bytes;
}
