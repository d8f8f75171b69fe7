/**
 * A relative margin far beyond what rounding can move a product or quotient by (each is off
 * by at most 2^-53 relative; 1e-12 is thousands of times that).
 */
const MARGIN = 1 + 1e-12;

/**
 * Whether `amount` is at most `limit` with that margin to spare: then any quotient or product
 * worked out from the two lands on the same side, and a caller may skip the divisions that
 * would have decided it (the write path's quick paths: a run that fits its shard's balances,
 * a run whose mean record fits one billing unit).
 */
export function clearlyWithin(amount: number, limit: number): boolean {
  return amount * MARGIN <= limit;
}
