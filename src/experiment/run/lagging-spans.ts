import type { LagSpan } from "../../../models/consumers/unread-age.js";

/**
 * An application's lagging episodes from its shards' spans: while any shard lags, the
 * application lags, so overlapping spans merge and it caught up when the last of them did.
 *
 * A span that starts less than `settleUs` (the lagging age) after the episode before it ended
 * continues that episode: an application at the end of a catch-up hovers at the mark (a read
 * takes it under, the next read is a few seconds off, and it is over again), and "caught up at"
 * should say when it stayed caught up, not print one line per flicker.
 *
 * @example
 * mergeLaggingSpans([{ fromUs: 0, toUs: 100 }, { fromUs: 104, toUs: 105 }], 10);
 * // [{ fromUs: 0, toUs: 105 }]: back over the mark 4 µs after catching up
 */
export function mergeLaggingSpans(spans: readonly LagSpan[], settleUs: number): LagSpan[] {
  // A stable sort of a list built in shard order: the same input gives the same episodes.
  const sorted = [...spans].sort((a, b) => a.fromUs - b.fromUs);
  const merged: LagSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (last.toUs === undefined || span.fromUs < last.toUs + settleUs)) {
      if (last.toUs !== undefined)
        last.toUs = span.toUs === undefined ? undefined : Math.max(last.toUs, span.toUs);
      continue;
    }
    merged.push({ fromUs: span.fromUs, toUs: span.toUs });
  }
  return merged;
}
