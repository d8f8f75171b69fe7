import * as z from "zod";
import { duration, expect, integer, positiveNumber, strict, text } from "./schema-fields.js";

/** A processing time: a duration, or a distribution of durations. */
export const durationDistributionSchema = z
  .union(
    [
      duration(false),
      z.discriminatedUnion("distribution", [
        strict({
          distribution: z.literal("uniform").describe("Uniform between min and max."),
          min: duration(false).describe("Shortest (duration)."),
          max: duration(false).describe("Longest (duration), at least min."),
        }),
        strict({
          distribution: z.literal("lognormal").describe("Log-normal around a median."),
          median: duration(true).describe("Median (duration)."),
          sigma: positiveNumber().describe("Standard deviation of the log."),
        }),
        strict({
          distribution: z.literal("exponential").describe("Exponential with a mean."),
          mean: duration(true).describe("Mean (duration)."),
        }),
      ]),
    ],
    expect('a duration like "2ms", or a mapping like {distribution: uniform, min: 1ms, max: 5ms}'),
  )
  .superRefine((value, ctx) => {
    if (typeof value === "object" && value.distribution === "uniform" && value.max < value.min) {
      ctx.addIssue({ code: "custom", message: "max must be at least min", path: ["max"] });
    }
  })
  .transform((value) => {
    if (typeof value === "number") return { distribution: "fixed" as const, us: value };
    switch (value.distribution) {
      case "uniform":
        return { distribution: "uniform" as const, minUs: value.min, maxUs: value.max };
      case "lognormal":
        return { distribution: "lognormal" as const, medianUs: value.median, sigma: value.sigma };
      case "exponential":
        return { distribution: "exponential" as const, meanUs: value.mean };
    }
  });

/** A `consumers[]` entry. */
export const consumerSchema = strict({
  name: text().describe("Consumer application name (required), unique among consumers."),
  mode: z
    .enum(["polling", "efo"])
    .optional()
    .describe(
      "polling: GetRecords on the shard's shared 2 MiB/s; efo: enhanced fan-out, pushed records on a dedicated 2 MiB/s per shard. Default polling; a KCL application (kcl:) defaults to efo, the KCL's default retrieval (FanOutConfig unless a PollingConfig is given).",
    ),
  propagationDelay: duration(false)
    .optional()
    .describe("efo only: delay from acceptance to push. Default: the profile's 70ms."),
  pollInterval: duration(true)
    .prefault("1s")
    .describe(
      "Time from a GetRecords response to the next call, per shard (duration). Default 1s (AWS's advice: once a second per application); 1.5s for a KCL application (the KCL's idleTimeBetweenReadsInMillis).",
    ),
  startAt: z
    .enum(["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"])
    .default("LATEST")
    .describe(
      "Where reading starts when the application gets its iterators: LATEST (just after the newest record at that moment: what came before is skipped), TRIM_HORIZON (the oldest record retained), AT_TIMESTAMP (the first record accepted at or after `timestamp`). Default LATEST.",
    ),
  timestamp: duration(false)
    .optional()
    .describe(
      "startAt: AT_TIMESTAMP only, and required with it: the time from the run's start of the first record to read (duration, at most launchAt). Before the trim horizon it reads from the trim horizon.",
    ),
  launchAt: duration(false)
    .optional()
    .describe(
      "When the application starts, from the run's start (duration): it gets its first iterators then, per startAt. Default 0s.",
    ),
  restartFrom: z
    .enum(["lastRecord", "startAt"])
    .optional()
    .describe(
      "Without kcl: where the application goes on after a stop longer than a shard iterator lives (5 minutes): lastRecord (after the last record it received in each shard, as an application that stores its position; default) or startAt (its startAt position at that moment: with LATEST, what arrived while it was down is skipped). A KCL application restarts from its checkpoints.",
    ),
  maxRecords: integer(1)
    .optional()
    .describe(
      "Limit per GetRecords call, in Kinesis records (a KPL aggregate counts as one). Default and upper bound: the profile's 10000.",
    ),
  processingTime: durationDistributionSchema
    .prefault("0s")
    .describe(
      "Processing time per record: a duration or a distribution ({distribution: uniform|lognormal|exponential, …}). Default 0s.",
    ),
  batchProcessingTime: durationDistributionSchema
    .prefault("0s")
    .describe(
      "Processing time per fetched batch (GetRecords response or push), on top. Default 0s.",
    ),
  maxInFlight: integer(1)
    .optional()
    .describe(
      "Most user records fetched but not yet processed, per shard: a fetch takes no more. Default: no bound beyond what one fetch returns.",
    ),
  readBackoff: duration(true)
    .prefault("1s")
    .describe("Wait after a throttled GetRecords (duration). Default 1s."),
  kcl: strict({
    version: z
      .union([z.literal(2), z.literal(3)], expect("2 or 3"))
      .default(3)
      .describe(
        "KCL major version. 3 (default, what a new application gets): a leader assigns leases by worker throughput and hands them over gracefully. 2: every worker takes and steals leases by count.",
      ),
    workers: integer(1, 1000).describe("Worker processes sharing the shards (required)."),
    failoverTime: duration(true)
      .prefault("10s")
      .describe("A lease not renewed for this long is expired (failoverTimeMillis). Default 10s."),
    renewalInterval: duration(true)
      .optional()
      .describe("How often a worker renews its leases. Default failoverTime ÷ 3 − 25ms."),
    takingInterval: duration(true)
      .optional()
      .describe(
        "version 2 only: how often a worker runs its lease-taking pass. Default 2 × (failoverTime + 25ms).",
      ),
    maxLeasesToSteal: integer(1)
      .optional()
      .describe("version 2 only: leases a worker may steal in one pass. Default 1."),
    assignmentInterval: duration(true)
      .optional()
      .describe(
        "version 3 only: how often the leader assigns leases (leaseAssignmentIntervalMillis). Default 2 × failoverTime.",
      ),
    rebalanceThreshold: positiveNumber()
      .optional()
      .describe(
        "version 3 only: percent a worker's throughput may differ from the fleet average before the leader rebalances (reBalanceThresholdPercentage). Default 10.",
      ),
    dampening: positiveNumber()
      .optional()
      .describe(
        "version 3 only: percent of a busy worker's excess moved in one rebalancing (dampeningPercentage). Default 60.",
      ),
    gracefulHandoff: z
      .boolean(expect("true or false"))
      .optional()
      .describe(
        "version 3 only: a moved lease's old owner finishes its batch and checkpoints before the new owner starts. Default true.",
      ),
    handoffTimeout: duration(true)
      .optional()
      .describe(
        "version 3 only: the lease moves without that checkpoint after this long (gracefulLeaseHandoffTimeoutMillis). Default 30s.",
      ),
    checkpoint: strict({
      everyRecords: integer(1).optional().describe("Checkpoint after this many records."),
      every: duration(true).optional().describe("…or after this long (duration)."),
    })
      .optional()
      .describe("When workers checkpoint. Default: after every processed batch."),
  })
    .optional()
    .describe(
      "A KCL application: workers share the shards through leases, fail over and rebalance; records after the last checkpoint are delivered again. Reads by enhanced fan-out unless mode: polling.",
    ),
  parentPollInterval: duration(true)
    .prefault("10s")
    .describe(
      "After a reshard: how often a child shard's reader checks that its parents are read to their ends (the KCL's parentShardPollIntervalMillis). Default 10s.",
    ),
});
