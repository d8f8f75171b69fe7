/**
 * Number formats shared by the terminal summary and the HTML report, so both print the same
 * number the same way. No locale dependence: the output is the same bytes on every machine.
 */

/** A string of digits with a comma between each group of three ("1350018" → "1,350,018"). */
function withThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Integer with thousands separators. */
export function int(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? "-" : "";
  return sign + withThousands(String(Math.abs(rounded)));
}

/**
 * Counts from here on are shown in a unit, three significant figures ("43.7 M"): below it every
 * digit is shown ("9,999,999"), a number a user can check against CloudWatch's Sum exactly.
 */
export const COMPACT_COUNT_FROM = 1e7;

/** The units of large counts, largest first: million, billion, trillion. */
export const COUNT_UNITS: readonly { size: number; suffix: string }[] = [
  { size: 1e12, suffix: "T" },
  { size: 1e9, suffix: "B" },
  { size: 1e6, suffix: "M" },
];

/** The unit a count of this size is shown in (the largest not above it). */
export function countUnit(value: number): { size: number; suffix: string } {
  return COUNT_UNITS.find((unit) => Math.abs(value) >= unit.size) ?? { size: 1e6, suffix: "M" };
}

/**
 * THE format of a count (records, put attempts, events) wherever a person reads one: the
 * terminal summary, the sweep and comparison tables, the report. Below 10 million, every
 * digit with thousands separators ("1,350,018"); from 10 million, three significant figures
 * in millions, billions or trillions ("43.7 M", "216 M", "2.16 B"). Machine outputs
 * (result.json, CSV) keep the raw number.
 */
export function count(value: number): string {
  if (!(Math.abs(value) >= COMPACT_COUNT_FROM) || !Number.isFinite(value)) return int(value);
  // Rounded to three figures first: 999.6 M is "1.00 B", not "1000 M".
  const rounded = Number(value.toPrecision(3));
  const unit = countUnit(rounded);
  const scaled = rounded / unit.size;
  const decimals = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
  return `${grouped(scaled, decimals)} ${unit.suffix}`;
}

/** `value` with `decimals` decimals and thousands separators in its whole part. */
export function grouped(value: number, decimals: number): string {
  const [whole = "0", fraction] = Math.abs(value).toFixed(decimals).split(".");
  const sign = value < 0 && Number(value.toFixed(decimals)) !== 0 ? "-" : "";
  const digits = withThousands(whole);
  return fraction === undefined ? sign + digits : `${sign}${digits}.${fraction}`;
}

/** One decimal below 100, whole numbers above. */
export function decimal(value: number): string {
  return value >= 100 ? int(value) : value.toFixed(1);
}

/** A fraction as a percentage; three decimals for small non-zero fractions. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.001 ? 3 : 2)} %`;
}

/** A latency: milliseconds below 10 s, then seconds, minutes or hours. */
export function ms(value: number): string {
  return value >= 10_000 ? seconds(value / 1000) : `${decimal(value)} ms`;
}

/** A duration given in milliseconds: whole ms below one second. */
export function duration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  return seconds(milliseconds / 1000);
}

/** A duration in seconds, minutes or hours, at most one decimal. */
export function seconds(value: number): string {
  if (value < 120) return `${Number(value.toFixed(1))} s`;
  if (value < 7200) return `${Number((value / 60).toFixed(1))} min`;
  return `${Number((value / 3600).toFixed(1))} h`;
}

/** A time of the run as h:mm:ss or m:ss. */
export function clock(secondsIntoRun: number): string {
  const whole = Math.round(secondsIntoRun);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** US dollars: four decimals below $100 (simulated runs are short), cents above. */
export function usd(value: number): string {
  if (value < 100) return `$${value.toFixed(4)}`;
  const cents = Math.round(value * 100);
  return `$${int(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, "0")}`;
}

/**
 * US dollars in cents ("$1,234.56"), for monthly figures; four decimals below a cent, so that a
 * small bill does not read as free.
 */
export function usdCents(value: number): string {
  if (value > 0 && value < 0.01) return `$${value.toFixed(4)}`;
  const cents = Math.round(value * 100);
  return `$${int(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, "0")}`;
}
