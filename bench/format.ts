/** Number formatting for the printed tables. */

/** 1234567 → "1,234,567". */
export function integer(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Rates with SI suffixes: 12_345_678 → "12.3 M". */
export function rate(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k`;
  return value.toFixed(0);
}

/** Milliseconds with one decimal below 100 ms. */
export function millis(value: number): string {
  return value < 100 ? value.toFixed(1) : integer(value);
}
