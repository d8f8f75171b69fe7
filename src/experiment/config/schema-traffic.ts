import * as z from "zod";
import { int } from "../../format/number-format.js";
import { MAX_LOGNORMAL_SIGMA, MAX_RATE_FACTOR } from "./magnitude-bounds.js";
import { duration, expect, SIZE_WORDS, size, strict, text } from "./schema-fields.js";
import { lognormalSigma, positiveFactor } from "./schema-magnitudes.js";

/** A trace file's `format:` (csv or ndjson; default from its extension). */
export function traceFormat() {
  return z
    .enum(["csv", "ndjson"])
    .optional()
    .describe("csv or ndjson. Default: from the file's extension.");
}

/** A `timeScale` / `volumeScale` factor above 0, default 1. */
export function scale(what: string) {
  return z
    .number(expect("a number above 0"))
    .positive(expect("a number above 0"))
    .default(1)
    .describe(what);
}

/** A `volumeScale`: a rate multiplier, so bounded like one (magnitude-bounds.ts). */
function volumeScale(what: string) {
  return positiveFactor("a number above 0")
    .default(1)
    .describe(`${what} At most ${int(MAX_RATE_FACTOR)}. Default 1.`);
}

/** `producers[].trace`: a record trace to replay. */
export const traceSchema = strict({
  file: text().describe(
    "Record trace (required): CSV with a header, or NDJSON; columns time (seconds ≥ 0 or ISO 8601, one kind per file), partitionKey and/or explicitHashKey, size (data bytes). Relative to the experiment file. A regular file of at most 128 MiB and 5,000,000 records.",
  ),
  format: traceFormat(),
  timeScale: scale("Multiply the trace's times by this (0.5 plays it twice as fast). Default 1."),
  volumeScale: volumeScale(
    "Send each trace record this many times on average (2 doubles the traffic with the same keys).",
  ),
  repeat: z
    .boolean(expect("true or false"))
    .default(false)
    .describe("Start the trace again when it ends, until the run ends. Default false."),
});

/** `producers[].cloudwatch`: a CloudWatch export of per-period metrics to replay. */
export const cloudWatchSchema = strict({
  file: text().describe(
    "CloudWatch export (required): CSV with Timestamp, IncomingRecords and IncomingBytes (Sum per period), optionally WriteProvisionedThroughputExceeded. Relative to the experiment file. A regular file of at most 128 MiB and 527,040 periods.",
  ),
  within: z
    .enum(["uniform", "poisson"])
    .default("poisson")
    .describe(
      "How a period's records are spread: uniform (evenly spaced, the exact count) or poisson (Poisson arrivals at the period's mean rate). Default poisson.",
    ),
  period: duration(true)
    .optional()
    .describe(
      "The metrics' period (duration). Default: the smallest gap between rows, 1m for one row.",
    ),
  timeScale: scale("Multiply the export's times by this (0.5 plays it twice as fast). Default 1."),
  volumeScale: volumeScale("Multiply the records of every period by this."),
});

/** `recordSize:` as a mapping: a named distribution. */
export const recordSizeObject = z.discriminatedUnion("distribution", [
  strict({
    distribution: z.literal("fixed").describe("Every record has the same size."),
    size: size().describe("Record size (size)."),
  }),
  strict({
    distribution: z.literal("uniform").describe("Sizes uniform between min and max."),
    min: size().describe("Smallest record (size)."),
    max: size().describe("Largest record (size), at least min."),
  }),
  strict({
    distribution: z
      .literal("lognormal")
      .describe(
        "Log-normal sizes. Without max, a record too large for the stream (data plus partition key above stream.maxRecordSize) is dropped by the producer and counted as oversize: Kinesis would refuse it with a ValidationException.",
      ),
    median: size().describe("Median record size (size)."),
    sigma: lognormalSigma().describe(
      `Standard deviation of the log of the size, at most ${MAX_LOGNORMAL_SIGMA}.`,
    ),
    max: size()
      .optional()
      .describe(
        "The producer caps its records at this size (size); with its longest partition key it must fit the stream's max record size. Default: no cap.",
      ),
  }),
  strict({
    distribution: z
      .literal("trace")
      .describe("The sizes of a record trace file, each as often as it occurs there."),
    file: text().describe("Trace file (CSV or NDJSON), relative to the experiment file."),
    format: traceFormat(),
  }),
]);

/** `recordSize:` a size (fixed) or a distribution. */
export const recordSizeSchema = z
  .union(
    [size(), recordSizeObject],
    expect(`${SIZE_WORDS}, or a mapping like {distribution: uniform, min: 100B, max: 2KB}`),
  )
  .transform((value) =>
    typeof value === "number" ? { distribution: "fixed" as const, size: value } : value,
  );
