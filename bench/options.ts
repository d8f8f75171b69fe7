/** `npm run bench -- [flags]`: what the default run leaves out, and how to ask for it. */
export interface BenchOptions {
  /**
   * Run every workload in full (the 1,000-shard hour, the simulated day, two sweep rounds)
   * instead of scaling a long one from a measured prefix when the prefix says it would take
   * over {@link FULL_RUN_BUDGET_MS}.
   */
  readonly full: boolean;
  /** Add the ~3-minute seven-days memory benchmark. */
  readonly long: boolean;
  /** Time `npm test` (several minutes), issue 14's last row. */
  readonly tests: boolean;
  /** Rounds of the side-by-side SimPy comparison (each runs the SimPy model once, ~45 s). */
  readonly simpyRounds: number;
}

/** A long workload runs in full by default when its measured prefix predicts at most this. */
export const FULL_RUN_BUDGET_MS = 60_000;

const DEFAULT_SIMPY_ROUNDS = 3;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const roundsAt = argv.indexOf("--simpy-rounds");
  const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : DEFAULT_SIMPY_ROUNDS;
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new Error("--simpy-rounds takes a whole number of rounds, at least 1");
  }
  return {
    full: argv.includes("--full"),
    long: argv.includes("--long"),
    tests: argv.includes("--tests"),
    simpyRounds: rounds,
  };
}
