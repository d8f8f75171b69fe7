import { previewValue } from "./format-error.js";

/**
 * Durations and sizes as users write them (`250ms`, `24h`, `1.5s`; `1KB`, `1 MiB`), parsed
 * exactly (decimal digits are scaled with bigint arithmetic, never through a float) into
 * integer microseconds and integer bytes. Invalid text throws a plain Error whose message
 * reads `expected …, got "…"`; the schema layer prefixes the config path.
 *
 * Duration units are case-sensitive: `us` (also `µs`, `μs`), `ms`, `s`, `m` or `min`, `h`,
 * `d`. A bare `0` is zero. Decimals are allowed and rounded to the nearest microsecond.
 *
 * Size units are case-insensitive (`kb`, `Kb`, `KB` all mean 1,000 bytes; `kib` means 1,024):
 * `B`, `KB`, `MB`, `GB` (powers of 1,000), `KiB`, `MiB`, `GiB` (powers of 1,024). A bare number
 * means bytes. The result must be a whole number of bytes: `1.5KB` is fine, `1.1KiB` is not.
 */

const US_PER: Record<string, bigint> = {
  us: 1n,
  µs: 1n,
  μs: 1n,
  ms: 1_000n,
  s: 1_000_000n,
  m: 60_000_000n,
  min: 60_000_000n,
  h: 3_600_000_000n,
  d: 86_400_000_000n,
};

const BYTES_PER: Record<string, bigint> = {
  b: 1n,
  kb: 1000n,
  mb: 1000n ** 2n,
  gb: 1000n ** 3n,
  kib: 1024n,
  mib: 1024n ** 2n,
  gib: 1024n ** 3n,
};

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
// "µs" (micro sign) and "μs" (Greek mu) written as escapes: the one non-ASCII character left in
// the command's bundle made Node decode all 1.2 MB of it as UTF-8 on every start (~15 ms)
// rather than as ASCII.
const DURATION_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*(us|\u00b5s|\u03bcs|ms|s|min|m|h|d)$/;
const SIZE_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)$/;

/** Regex (as source text) for a duration string, for the JSON Schema. */
export const DURATION_REGEX_SOURCE =
  "^\\s*(0|(\\d+(\\.\\d+)?|\\.\\d+)\\s*(us|µs|μs|ms|s|min|m|h|d))\\s*$";
/** Regex (as source text) for a size string, for the JSON Schema. */
export const SIZE_REGEX_SOURCE = "^\\s*(\\d+(\\.\\d+)?|\\.\\d+)\\s*([bB]|[kKmMgG][iI]?[bB])?\\s*$";

/** `digits` (like "1.25") times `unit`, as an exact rational: [numerator, denominator]. */
function scaled(digits: string, unit: bigint): [bigint, bigint] {
  const [whole = "", fraction = ""] = digits.split(".");
  const numerator = BigInt(`${whole}${fraction}` || "0") * unit;
  return [numerator, 10n ** BigInt(fraction.length)];
}

/** Integer microseconds in `text`, e.g. `parseDurationUs("1.5s") === 1_500_000`. */
export function parseDurationUs(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "0") return 0;
  const match = DURATION_PATTERN.exec(trimmed);
  const digits = match?.[1];
  const unit = match?.[2] === undefined ? undefined : US_PER[match[2]];
  if (digits === undefined || unit === undefined) {
    throw new Error(`expected a duration like "250ms" or "24h", got ${previewValue(text)}`);
  }
  const [numerator, denominator] = scaled(digits, unit);
  const rounded = (2n * numerator + denominator) / (2n * denominator);
  if (rounded > MAX_SAFE)
    throw new Error(`expected a duration below about 285 years, got ${previewValue(text)}`);
  return Number(rounded);
}

/** Integer bytes in `value`: a number of bytes or a string like `1KB`, `1.5 MiB`, `512`. */
export function parseSizeBytes(value: string | number): number {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Error(`expected a whole number of bytes ≥ 0, got ${previewValue(value)}`);
    }
    return value;
  }
  const match = SIZE_PATTERN.exec(value.trim());
  const digits = match?.[1];
  const unitText = match?.[2] ?? "";
  const unit = unitText === "" ? 1n : BYTES_PER[unitText.toLowerCase()];
  if (digits === undefined || unit === undefined) {
    throw new Error(`expected a size like "1KB", "512B" or "1MiB", got ${previewValue(value)}`);
  }
  const [numerator, denominator] = scaled(digits, unit);
  if (numerator % denominator !== 0n) {
    throw new Error(`expected a whole number of bytes, got ${previewValue(value)}`);
  }
  const bytes = numerator / denominator;
  if (bytes > MAX_SAFE) throw new Error(`expected a size below 8 PB, got ${previewValue(value)}`);
  return Number(bytes);
}

/** `n / unit` with at most three decimals, or undefined when that is not exact or below 1. */
function exactly(n: number, unit: number, suffix: string): string | undefined {
  if (n < unit) return undefined;
  const rest = n % unit; // exact for integers, unlike Math.floor(n / unit) near 2^53
  const whole = (n - rest) / unit;
  if (rest === 0) return `${whole}${suffix}`;
  if ((rest * 1000) % unit !== 0) return undefined;
  const thousandths = String((rest * 1000) / unit)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return `${whole}.${thousandths}${suffix}`;
}

/** The shortest exact rendering among `units` (largest unit first). */
function render(n: number, units: readonly [number, string][], fallback: string): string {
  let best: string | undefined;
  for (const [unit, suffix] of units) {
    const text = exactly(n, unit, suffix);
    if (text !== undefined && (best === undefined || text.length < best.length)) best = text;
  }
  return best ?? fallback;
}

const DURATION_UNITS: readonly [number, string][] = [
  [3_600_000_000, "h"],
  [60_000_000, "m"],
  [1_000_000, "s"],
  [1_000, "ms"],
];

/**
 * A duration for display, in the largest unit that renders it exactly with at most three
 * decimals: `250ms`, `24h`, `1.5s`, `0s`, `17us`. Never uses days (so retention reads `8760h`).
 * `parseDurationUs(formatDurationUs(us)) === us` for every safe integer `us ≥ 0`.
 */
export function formatDurationUs(us: number): string {
  if (!Number.isSafeInteger(us)) return `${us}us`;
  if (us < 0) return `-${formatDurationUs(-us)}`;
  if (us === 0) return "0s";
  return render(us, DURATION_UNITS, `${us}us`);
}

const SIZE_UNITS: readonly [number, string][] = [
  [1024 ** 3, " GiB"],
  [1000 ** 3, " GB"],
  [1024 ** 2, " MiB"],
  [1000 ** 2, " MB"],
  [1024, " KiB"],
  [1000, " KB"],
];

/**
 * A byte count for display, in the unit that renders it shortest and exactly (binary units
 * win ties): `2 KB`, `1 MiB`, `1.5 KB`, `999 B`. `parseSizeBytes(formatBytes(n)) === n`.
 */
export function formatBytes(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return `${n} B`;
  return render(n, SIZE_UNITS, `${n} B`);
}
