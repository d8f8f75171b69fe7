import { PlasticSequence } from "../../src/stats/plastic-sequence.js";

/**
 * The star discrepancy of the first `points` phases of PlasticSequence: the most by which
 * the share of those phases below any x in [0, 1] differs from x. A spread's values sit at
 * these phases of its sub-ranges, so over `points` spreads of one span a sub-range's share of
 * any interval is off by at most this (times the sub-range's width, in latency).
 */
export function plasticStarDiscrepancy(points: number): number {
  const sequence = new PlasticSequence();
  const phases: number[] = [];
  for (let k = 0; k < points; k++, sequence.advance()) phases.push(sequence.phase);
  phases.sort((x, y) => x - y);
  return Math.max(...phases.map((x, i) => Math.max((i + 1) / points - x, x - i / points)));
}
