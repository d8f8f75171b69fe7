import * as z from "zod";
import { CAPACITY_MODES } from "../../../models/stream/capacity-mode.js";
import { issueMessage, userErrorFromZod } from "../config/format-error.js";
import { parseStartTime, START_TIME_WORDS } from "../config/start-time.js";
import { UserError } from "../config/user-error.js";
import type { RunResult } from "../run/result-types.js";

const count = z.number().nonnegative();
const seconds = z.number().nonnegative();
const decimalKey = z.string().regex(/^\d+$/);

const latencySummary = z.object({
  count,
  mean: count,
  p50: count,
  p90: count,
  p99: count,
  p999: count,
  max: count,
});

const latencyCdf = z.array(z.object({ percentile: z.number().min(0).max(100), ms: count }));

/**
 * The parts of a result (result-types.ts) that renderings read, checked before a saved
 * result.json is rendered: a file that is not a kinesim result gets one line naming the
 * first field that is wrong, never a stack trace from deep inside a chart. Other fields
 * are allowed and kept.
 */
const resultSchema = z.object({
  name: z.string(),
  seed: z.number(),
  configHash: z.string(),
  version: z.string(),
  profile: z.string(),
  granularity: z.enum(["segment", "record"]),
  capacityMode: z.enum(CAPACITY_MODES),
  durationSeconds: z.number().positive(),
  startTime: z
    .string()
    .refine((text) => parseStartTime(text) !== undefined, {
      error: (issue) => `expected ${START_TIME_WORDS}, got ${JSON.stringify(issue.input)}`,
    })
    .optional(),
  records: z.object({
    offered: count,
    accepted: count,
    throttledAttempts: count,
    dropped: count,
    delivered: count,
    expiredUnread: count,
    unread: count,
    pendingAtProducer: count,
  }),
  throttleRate: z.number().min(0).max(1),
  dataLoss: z.object({
    records: count,
    fraction: z.number().min(0).max(1),
    dropped: count,
    expiredUnread: count,
  }),
  latencyMs: latencySummary,
  latencyCdf,
  shardWriteLimits: z.object({
    recordsPerSecond: z.number().positive(),
    bytesPerSecond: z.number().positive(),
  }),
  producers: z.array(
    z.object({
      name: z.string(),
      offered: count,
      accepted: count,
      throttledAttempts: count,
      dropped: count,
      retries: count,
      putCalls: count,
    }),
  ),
  shards: z
    .array(
      z.object({
        shardId: z.string(),
        parentShardIds: z.array(z.string()),
        startingHashKey: decimalKey,
        endingHashKey: decimalKey,
        openedAtSeconds: seconds,
        closedAtSeconds: seconds.nullable(),
        accepted: count,
        throttledAttempts: count,
        bytesIn: count,
        bytesOut: count,
        readThrottled: count,
        peakRecordsPerSecond: count,
        peakBytesPerSecond: count,
        peakDemandRecordsPerSecond: count,
      }),
    )
    .min(1),
  consumers: z.array(
    z.object({
      name: z.string(),
      mode: z.enum(["polling", "efo"]),
      delivered: count,
      expiredUnread: count,
      readThrottled: count,
      redelivered: count,
      maxMillisBehindLatest: count,
      latencyMs: latencySummary,
      latencyCdf: latencyCdf.optional(),
      // Optional: results saved before it existed have none; the report sums it when present.
      unreadShards: z
        .array(z.object({ shardId: z.string(), unread: count, reason: z.string() }))
        .optional(),
      kcl: z
        .object({
          version: z.union([z.literal(2), z.literal(3)]),
          workers: z.number().int().positive(),
          leaseTimeline: z.array(
            z.object({
              atSeconds: seconds,
              shardId: z.string(),
              worker: z.number().int().positive().nullable(),
              how: z.string(),
            }),
          ),
          failovers: z.array(
            z.object({
              worker: z.number().int().positive(),
              stoppedAtSeconds: seconds,
              leases: count,
              recoveredAtSeconds: seconds.nullable(),
              recoverySeconds: seconds.nullable(),
            }),
          ),
          leaderChanges: z.array(
            z.object({ atSeconds: seconds, worker: z.number().int().positive() }),
          ),
          workerLoads: z.array(
            z.object({
              worker: z.number().int().positive(),
              leases: count,
              bytesPerSecond: count,
            }),
          ),
        })
        .optional(),
    }),
  ),
  operations: z.array(
    z.object({
      atSeconds: seconds,
      origin: z.string(),
      split: z.string().optional(),
      merge: z.array(z.string()).optional(),
      updateShardCount: z.number().optional(),
      outcome: z.enum(["in progress", "completed", "rejected"]),
      error: z.string().optional(),
      completedAtSeconds: seconds.nullable(),
      opened: z.array(z.string()),
      closed: z.array(z.string()),
    }),
  ),
  events: z
    .array(
      z.object({
        atSeconds: seconds,
        kind: z.enum(["stopConsumer", "startConsumer", "stopWorker", "startWorker", "spike"]),
        target: z.string(),
        text: z.string(),
      }),
    )
    .optional(),
  cost: z.object({
    usd: count,
    // Results written before the field existed were scaled to the calculator's 730 h.
    monthHours: count.default(730),
    items: z.array(
      z.object({
        item: z.string(),
        quantity: count,
        unit: z.string(),
        unitPriceUsd: count,
        usd: count,
      }),
    ),
  }),
  engine: z.object({ events: count, wallMs: count }),
});

/**
 * A saved result (the text of a result.json written by `kinesim run --json` or `--out`),
 * checked. `source` names the file in error messages.
 *
 * @throws UserError with one line, e.g. `out/result.json: shards[2].openedAtSeconds: expected a number, got "soon"`.
 */
export function parseResultJson(text: string, source: string): RunResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const checked = resultSchema.safeParse(document, { error: issueMessage });
  if (!checked.success) {
    throw new UserError(
      `${source}: not a kinesim result: ${userErrorFromZod(checked.error).message}`,
    );
  }
  // The original, not zod's copy: the copy would drop the fields the schema does not list.
  return document as RunResult;
}
