/**
 * The pseudo-random delays shared by both kernel workloads: a 32-bit linear congruential
 * generator (Numerical Recipes constants). Both loops inline the same arithmetic so neither
 * pays a call the other does not; these constants are the single definition.
 */
export const LCG_MULTIPLIER = 1664525;
export const LCG_INCREMENT = 1013904223;
export const LCG_SEED = 12345;

/** Delays are 1..MAX_DELAY_US microseconds: `1 + (state >>> DELAY_SHIFT)`. */
export const DELAY_SHIFT = 22;
export const MAX_DELAY_US = 1 + (0xffffffff >>> DELAY_SHIFT);
