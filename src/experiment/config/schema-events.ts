import * as z from "zod";
import { duration, expect, integer, strict, text } from "./schema-fields.js";
import { hashKeyText } from "./schema-keys.js";
import { FACTOR_BOUND_WORDS, positiveFactor } from "./schema-magnitudes.js";

export const SHARD_ID = /^shardId-\d{12}$/;

/** A shard id like shardId-000000000003. */
export function shardId() {
  return z
    .string(expect('a shard id like "shardId-000000000003"'))
    .regex(SHARD_ID, expect('a shard id like "shardId-000000000003"'));
}

/** The event kinds, exactly one of which an event names. */
export const EVENT_KINDS = [
  "stopConsumer",
  "startConsumer",
  "stopWorker",
  "startWorker",
  "spike",
  "split",
  "merge",
  "updateShardCount",
] as const;

/** An `events[]` entry, normalized to one kind with its time in µs. */
export const eventSchema = strict({
  at: duration(false).describe(
    "When the event happens (duration from the start), at most the experiment duration.",
  ),
  stopConsumer: text().optional().describe("Stop the named consumer."),
  startConsumer: text().optional().describe("Start (or restart) the named consumer."),
  stopWorker: z
    .string(expect('"consumer/worker", e.g. "analytics/2"'))
    .regex(/^.+\/\d+$/, expect('"consumer/worker", e.g. "analytics/2"'))
    .optional()
    .describe('Stop a KCL worker: "consumer/N" (workers are numbered from 1).'),
  startWorker: z
    .string(expect('"consumer/worker", e.g. "analytics/2"'))
    .regex(/^.+\/\d+$/, expect('"consumer/worker", e.g. "analytics/2"'))
    .optional()
    .describe('Start (or restart) a KCL worker: "consumer/N".'),
  spike: text().optional().describe("Multiply the named producer's rate by `factor` for `for`."),
  factor: positiveFactor()
    .optional()
    .describe(`With spike: the rate multiplier, ${FACTOR_BOUND_WORDS}.`),
  for: duration(true).optional().describe("With spike: how long the spike lasts."),
  split: shardId().optional().describe("SplitShard: split this open shard."),
  newStartingHashKey: hashKeyText()
    .optional()
    .describe(
      "With split: where the second child starts (decimal). Default: the middle of the range.",
    ),
  merge: z
    .tuple([shardId(), shardId()], expect("two shard ids"))
    .refine(([a, b]) => a !== b, expect("two different shard ids"))
    .optional()
    .describe("MergeShards: merge these two adjacent open shards."),
  updateShardCount: integer(1)
    .optional()
    .describe("UpdateShardCount (uniform scaling) to this many shards."),
})
  .meta({ oneOf: EVENT_KINDS.map((kind) => ({ required: [kind] })) })
  .transform((event, ctx) => {
    const given = EVENT_KINDS.filter((kind) => event[kind] !== undefined);
    if (given.length !== 1) {
      ctx.issues.push({
        code: "custom",
        input: event,
        message: `expected exactly one of ${EVENT_KINDS.join(", ")}, got ${given.length === 0 ? "none" : given.join(" and ")}`,
      });
      return z.NEVER;
    }
    if ((event.factor !== undefined || event.for !== undefined) !== (event.spike !== undefined)) {
      ctx.issues.push({ code: "custom", input: event, message: "spike goes with factor and for" });
      return z.NEVER;
    }
    if (event.spike !== undefined && (event.factor === undefined || event.for === undefined)) {
      ctx.issues.push({ code: "custom", input: event, message: "spike needs factor and for" });
      return z.NEVER;
    }
    if (event.newStartingHashKey !== undefined && event.split === undefined) {
      ctx.issues.push({
        code: "custom",
        input: event,
        message: "newStartingHashKey goes with split",
      });
      return z.NEVER;
    }
    const atUs = event.at;
    if (event.spike !== undefined) {
      return {
        atUs,
        kind: "spike" as const,
        producer: event.spike,
        factor: event.factor as number,
        forUs: event.for as number,
      };
    }
    if (event.stopConsumer !== undefined)
      return { atUs, kind: "stopConsumer" as const, consumer: event.stopConsumer };
    for (const kind of ["stopWorker", "startWorker"] as const) {
      const target = event[kind];
      if (target !== undefined) {
        const slash = target.lastIndexOf("/");
        return {
          atUs,
          kind,
          consumer: target.slice(0, slash),
          worker: Number(target.slice(slash + 1)),
        };
      }
    }
    if (event.startConsumer !== undefined)
      return { atUs, kind: "startConsumer" as const, consumer: event.startConsumer };
    if (event.split !== undefined) {
      return {
        atUs,
        kind: "split" as const,
        shardId: event.split,
        ...(event.newStartingHashKey === undefined
          ? {}
          : { newStartingHashKey: event.newStartingHashKey }),
      };
    }
    if (event.merge !== undefined) return { atUs, kind: "merge" as const, shardIds: event.merge };
    return { atUs, kind: "updateShardCount" as const, target: event.updateShardCount as number };
  });
