/**
 * Roberts' R2 sequence: the two-dimensional low-discrepancy sequence built on the plastic
 * number p (the real root of x³ = x + 1), stepping by 1/p and 1/p² modulo 1. Successive points
 * cover the unit square more evenly than independent uniform draws do, with no randomness:
 * a latency spread recorded at successive points (LatencyHistogram.recordUniform's phase and
 * turn) covers its span evenly over many runs, where a fixed point would stack every run's
 * values at the same places.
 */
export class PlasticSequence {
  /** First coordinate, in [0, 1): where in its sub-range a spread's values sit. */
  phase = 0.5;
  /** Second coordinate, in [0, 1): which sub-ranges hold one record more. */
  turn = 0.5;

  /** Moves to the next point. */
  advance(): void {
    this.phase += 0.7548776662466927; // 1/p
    if (this.phase >= 1) this.phase -= 1;
    this.turn += 0.5698402909980532; // 1/p²
    if (this.turn >= 1) this.turn -= 1;
  }
}
