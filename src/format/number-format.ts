/**
 * Number formats shared by the terminal summary and the HTML report, so both print the same
 * number the same way. No locale dependence: the output is the same bytes on every machine.
 */

/** Integer with thousands separators. */
export function int(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? "-" : "";
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A count for a table cell: grouped digits, or millions / billions when it is that large. */
export function count(value: number): string {
  if (value >= 1e10) return `${(value / 1e9).toFixed(1)} G`;
  if (value >= 1e7) return `${(value / 1e6).toFixed(1)} M`;
  return int(value);
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
