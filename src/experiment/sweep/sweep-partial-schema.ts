import * as z from "zod";
import { VERSION } from "../../version.js";
import { expectedMessage, issueMessage, userErrorFromZod } from "../config/format-error.js";
import { UserError } from "../config/user-error.js";
import { SWEEP_METRICS } from "./run-metrics.js";
import type { SweepPartial } from "./sweep-partial-output.js";
import { MAX_RUNS } from "./sweep-plan.js";

const index = z.number().int().nonnegative();
const runCount = z.number().int().min(1).max(MAX_RUNS);
/**
 * A run's metric: counts, fractions, milliseconds and dollars, never negative, and (counts
 * being exact below 2^53) never so large that a mean or a square overflows to Infinity.
 */
const metricRange = {
  error: (issue: { input?: unknown }) => expectedMessage("a number from 0 to 2^53", issue.input),
};
const metric = z
  .number()
  .min(0, metricRange)
  .max(2 ** 53, metricRange);

/**
 * The whole shape of what `kinesim sweep --partition i/n` prints. A merge checks a partial
 * against it before using any of it: a hand-edited or truncated file is one line naming the
 * file and the field, never a table of NaN or a TypeError. Strict objects: kinesim writes
 * exactly these fields, so anything else means the file is not what it claims to be.
 */
const partialSchema = z.strictObject({
  kind: z.literal("kinesim-sweep-partial"),
  sweep: z.strictObject({
    name: z.string(),
    version: z.string(),
    experimentHash: z.string().regex(/^[0-9a-f]{16}$/),
    masterSeed: z.number().int().nonnegative(),
    replications: runCount,
    vary: z
      .array(
        z.strictObject({
          path: z.string().min(1),
          values: z.array(z.string().min(1)).min(1),
        }),
      )
      .min(1),
    totalRuns: runCount,
  }),
  partition: z.strictObject({ index, count: z.number().int().min(1) }),
  runs: z.array(
    z.strictObject({
      index,
      // z.number() takes finite numbers only (JSON has no NaN; null is not a number).
      metrics: z.array(metric).length(SWEEP_METRICS.length, {
        error: (issue) =>
          expectedMessage(`${SWEEP_METRICS.length} numbers (one per sweep metric)`, issue.input),
      }),
    }),
  ),
});

/**
 * A partial output, checked whole: its shape, its kinesim version, and that its numbers agree
 * with each other (the grid and replications give totalRuns; every run belongs to its
 * partition). `file` names it in messages.
 *
 * @throws UserError e.g. `part-1.json: runs[3].metrics: expected 21 numbers (one per sweep metric), got [0,0,…]`.
 */
export function checkPartial(file: string, value: unknown): SweepPartial {
  const checked = partialSchema.safeParse(value, { error: issueMessage });
  if (!checked.success) {
    throw new UserError(
      `${file}: not a partial sweep output (make one with kinesim sweep --partition i/n): ${userErrorFromZod(checked.error).message}`,
    );
  }
  const partial = checked.data;
  const fail = (field: string, why: string): never => {
    throw new UserError(`${file}: ${field}: ${why}`);
  };
  const { sweep, partition } = partial;
  if (sweep.version !== VERSION) {
    fail(
      "sweep.version",
      `made by kinesim ${JSON.stringify(sweep.version)}, this is kinesim ${VERSION}: run every partition with the same version`,
    );
  }
  let gridRuns = sweep.replications;
  for (const dimension of sweep.vary) {
    if (new Set(dimension.values).size !== dimension.values.length)
      fail("sweep.vary", `${JSON.stringify(dimension.path)} lists a value twice`);
    // Stops multiplying once past the bound, so the product stays an exact integer.
    gridRuns = Math.min(gridRuns * dimension.values.length, MAX_RUNS + 1);
  }
  if (gridRuns !== sweep.totalRuns) {
    fail(
      "sweep.totalRuns",
      `is ${sweep.totalRuns}, but the grid times the replications makes ${gridRuns > MAX_RUNS ? `more than ${MAX_RUNS}` : gridRuns}`,
    );
  }
  if (partition.index >= partition.count)
    fail("partition.index", `expected less than partition.count (${partition.count})`);
  partial.runs.forEach((run, i) => {
    if (run.index >= sweep.totalRuns)
      fail(`runs[${i}].index`, `expected less than sweep.totalRuns (${sweep.totalRuns})`);
    if (run.index % partition.count !== partition.index)
      fail(
        `runs[${i}].index`,
        `run ${run.index} is not in partition ${partition.index}/${partition.count}`,
      );
  });
  return partial;
}
