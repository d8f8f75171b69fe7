/**
 * The Rate slider's arithmetic: a producer's rate as written, times a factor. Pure; any form
 * it does not know is reported (undefined) rather than passed through, so the slider is
 * disabled instead of claiming a change it did not make.
 */

/** Rounds away binary noise (3000 × 1.1 = 3300.0000000000005) so the text stays readable. */
export function roundRate(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** A rate as written (a number, "N/s", "N/min", "N/h") times a factor; undefined for any other form. */
function scaleRate(rate: unknown, factor: number): unknown {
  if (typeof rate === "number") return roundRate(rate * factor);
  if (typeof rate === "string") {
    const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|min|h)\s*$/.exec(rate);
    if (match !== null) return `${roundRate(Number(match[1]) * factor)}/${match[2]}`;
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * A producer's `rate` (a number or text, a profile of points, a daily curve, an hourly
 * profile) times a factor,
 * every other field as written; undefined when some part of it is not a rate this knows.
 */
export function scaleRateSetting(rate: unknown, factor: number): unknown {
  if (Array.isArray(rate)) {
    const points = rate.map((point) => {
      const fields = asRecord(point);
      const scaled = scaleRate(fields?.rate, factor);
      return fields === undefined || scaled === undefined ? undefined : { ...fields, rate: scaled };
    });
    return points.includes(undefined) ? undefined : points;
  }
  const curve = asRecord(rate);
  if (curve !== undefined && Array.isArray(curve.hourly)) {
    const hours = curve.hourly.map((hour) => scaleRate(hour, factor));
    return hours.includes(undefined) ? undefined : { ...curve, hourly: hours };
  }
  const daily = asRecord(curve?.daily);
  if (curve !== undefined && daily !== undefined) {
    const peak = scaleRate(daily.peak, factor);
    const trough = scaleRate(daily.trough, factor);
    if (peak === undefined || trough === undefined) return undefined;
    return { ...curve, daily: { ...daily, peak, trough } };
  }
  return scaleRate(rate, factor);
}
