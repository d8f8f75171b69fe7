/** The unit to show durations up to `highestMs` in: ms, s, min or h, whichever reads best. */
export function durationUnit(highestMs: number): { ms: number; name: string } {
  if (highestMs < 5_000) return { ms: 1, name: "ms" };
  if (highestMs < 300_000) return { ms: 1000, name: "s" };
  if (highestMs < 5 * 3_600_000) return { ms: 60_000, name: "min" };
  return { ms: 3_600_000, name: "h" };
}
