import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import type { LatencyHistogram } from "../../../src/stats/latency-histogram.js";
import { createdAt, creationSubSpan } from "../../shards/segment.js";
import type { UniformSpreads } from "./uniform-spreads.js";

/** A push's start, the connection's state then, and where the slice sits in the push. */
export interface PushPacing {
  readonly atUs: number;
  /** The connection's token balance in bytes when the push starts (not negative). */
  readonly tokens: number;
  readonly bytesPerSecond: number;
}

/**
 * Records the latencies of a slice that a push carries — `count` records, `bytes` shared
 * evenly, each created at a uniform time over [firstCreatedUs, lastCreatedUs] (a run as its
 * producer made it, design.md §4), `bytesBefore` bytes into the push — and returns how many
 * arrive with the push itself.
 *
 * A push carries what the connection's balance allows at once: a record arrives with the push
 * when it fits, together with all before it, within the balance (the push's first record
 * always does, and puts the connection in debt, as a record-level push does). Their latencies
 * are uniform over the push's time less their creation span, gathered in the shard's
 * `spreads` ({@link UniformSpreads}).
 *
 * A longer push (a backlog, read at 2 MiB/s) stands for the record-level pushes that would
 * follow it, each as soon as the balance allows: a record arrives once the bucket has paid for
 * it and all before it, `(bytes up to and including it − balance) ÷ rate` after the push.
 * Those records' creation times (taken at their mean positions in the run, `createdAt`) and
 * arrival times are both linear in position, so their latencies are recorded as an even
 * spread, as polling records a slice.
 */
export function recordPushedSlice(
  latency: LatencyHistogram,
  count: number,
  bytes: number,
  firstCreatedUs: number,
  lastCreatedUs: number,
  bytesBefore: number,
  pacing: PushPacing,
  spreads: UniformSpreads,
): number {
  if (count <= 0) return 0;
  const { atUs, tokens, bytesPerSecond } = pacing;
  const perRecord = bytes / count;
  let withPush = count;
  if (perRecord > 0 && bytesBefore + bytes > tokens) {
    // A tiny epsilon so that a slice that exactly fits the balance is not split by rounding.
    const fitting = Math.floor((tokens - bytesBefore) / perRecord + 1e-9);
    withPush = Math.min(count, Math.max(bytesBefore === 0 ? 1 : 0, fitting));
  }
  if (withPush === count) {
    spreads.add(atUs - lastCreatedUs, atUs - firstCreatedUs, count);
    return count;
  }
  if (withPush > 0) {
    const span = creationSubSpan(firstCreatedUs, lastCreatedUs, 0, withPush, count);
    spreads.add(atUs - span.lastCreatedUs, atUs - span.firstCreatedUs, withPush);
  }
  // Arrival less creation of the paced record at `index`.
  const latencyOf = (index: number) =>
    atUs +
    ((bytesBefore + (index + 1) * perRecord - tokens) * US_PER_SECOND) / bytesPerSecond -
    createdAt(firstCreatedUs, lastCreatedUs, index, count);
  const first = latencyOf(withPush);
  const last = latencyOf(count - 1);
  latency.recordSpread(Math.min(first, last), Math.max(first, last), count - withPush);
  return withPush;
}
