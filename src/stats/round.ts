/**
 * `value` rounded to `digits` decimal places, for output: results then print the same
 * bytes on every machine and carry no floating-point noise (0.30000000000000004).
 */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
