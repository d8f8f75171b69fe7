import { describe, expect, it } from "vitest";
import {
  editDistance,
  formatError,
  formatPath,
  issueMessage,
  previewValue,
  suggestKey,
} from "../../../src/experiment/config/format-error.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { experimentFileSchema } from "../../../src/experiment/config/schema.js";
import { UserError } from "../../../src/experiment/config/user-error.js";
import { userErrorOf } from "../../helpers/user-error.js";

const BASE = ["duration: 1m", "stream: {shards: 2}", "producers: [{name: a, rate: 5}]"].join("\n");

/** The one-line message parseExperimentText throws for `text`. */
function errorOf(text: string, fileName = "experiments/x.yaml"): string {
  return userErrorOf(() => parseExperimentText(text, { fileName }), text);
}

const withProducer = (fields: string) => BASE.replace("rate: 5", `rate: 5, ${fields}`);
const withStream = (fields: string, text = BASE) =>
  text.replace("{shards: 2}", `{shards: 2, ${fields}}`);
const withConsumers = (extra: string) => `${BASE}\nconsumers: [{name: c}]\n${extra}`;

describe("error messages", () => {
  it.each([
    ["missing duration", BASE.replace("duration: 1m\n", ""), "duration: required"],
    [
      "missing shards",
      BASE.replace("{shards: 2}", "{limiter: bucket}"),
      "stream.shards: required for a provisioned stream",
    ],
    ["missing stream", BASE.replace("stream: {shards: 2}\n", ""), "stream: required"],
    [
      "unknown key with suggestion",
      BASE.replace("rate: 5", "rat: 5"),
      'producers[0]: unknown key "rat" (did you mean "rate"?)',
    ],
    [
      "unknown top-level key with suggestion",
      `${BASE}\nconsumer: []`,
      '(root): unknown key "consumer" (did you mean "consumers"?)',
    ],
    [
      "unknown key without suggestion lists the keys",
      `${BASE.replace("shards: 2", "shards: 2, color: red")}`,
      'stream: unknown key "color" (expected one of mode, shards, warmThroughput, autoscaling, retention, limiter, maxRecordSize)',
    ],
    [
      "wrong type",
      BASE.replace("rate: 5", "rate: fast"),
      'producers[0].rate: expected a positive number of records per second, or "N/s", "N/min" or "N/h" (per second, minute, hour), got "fast"',
    ],
    [
      "negative rate",
      BASE.replace("rate: 5", "rate: -5"),
      'producers[0].rate: expected a positive number of records per second, or "N/s", "N/min" or "N/h" (per second, minute, hour), got -5',
    ],
    [
      "zero shards",
      BASE.replace("shards: 2", "shards: 0"),
      "stream.shards: expected an integer ≥ 1, got 0",
    ],
    [
      "fractional shards",
      BASE.replace("shards: 2", "shards: 2.5"),
      "stream.shards: expected an integer ≥ 1, got 2.5",
    ],
    [
      "enum",
      BASE.replace("shards: 2", "shards: 2, limiter: tokens"),
      'stream.limiter: expected one of bucket | window, got "tokens"',
    ],
    [
      "retention too short",
      BASE.replace("shards: 2", "shards: 2, retention: 2h"),
      'stream.retention: expected between 24h and 8760h, got "2h"',
    ],
    [
      "retention too long",
      BASE.replace("shards: 2", "shards: 2, retention: 9000h"),
      'stream.retention: expected between 24h and 8760h, got "9000h"',
    ],
    [
      "unknown consumer in events",
      withConsumers("events: [{at: 5s, stopConsumer: d}]"),
      'events[0].stopConsumer: no consumer named "d" (consumers are c)',
    ],
    [
      "event after the end",
      withConsumers("events: [{at: 5m, startConsumer: c}]"),
      'events[0].at: expected a time within the duration (1m), got "5m"',
    ],
    [
      "event with both actions",
      withConsumers("events: [{at: 5s, startConsumer: c, stopConsumer: c}]"),
      "events[0]: expected exactly one of stopConsumer, startConsumer, stopWorker, startWorker, spike, split, merge, updateShardCount, got stopConsumer and startConsumer",
    ],
    [
      "duplicate producer names",
      BASE.replace("rate: 5}", "rate: 5}, {name: a, rate: 1}"),
      'producers[1].name: duplicate producer name "a" (also producers[0].name)',
    ],
    [
      "duplicate consumer names",
      `${BASE}\nconsumers: [{name: c}, {name: c}]`,
      'consumers[1].name: duplicate consumer name "c" (also consumers[0].name)',
    ],
    [
      "bad size unit",
      withProducer("recordSize: 5KX"),
      'producers[0].recordSize: expected a size like "1KB", "512B" or "1MiB", or a number of bytes, got "5KX"',
    ],
    [
      "record too large",
      withProducer("recordSize: 2MiB"),
      'producers[0].recordSize: expected a size up to 1,048,569 B (the stream\'s max record size, 1 MiB, counts the partition key too: up to 7 B here; stream.maxRecordSize raises it up to 10 MiB), got "2MiB"',
    ],
    [
      "a 1 MiB record leaves no room for its partition key",
      withProducer("recordSize: 1MiB"),
      'producers[0].recordSize: expected a size up to 1,048,569 B (the stream\'s max record size, 1 MiB, counts the partition key too: up to 7 B here; stream.maxRecordSize raises it up to 10 MiB), got "1MiB"',
    ],
    [
      "a uniform max too large for the stream's max record size",
      withStream(
        "maxRecordSize: 2MiB",
        withProducer("recordSize: {distribution: uniform, min: 1KB, max: 3MiB}"),
      ),
      'producers[0].recordSize.max: expected a size up to 2,097,145 B (the stream\'s max record size, 2 MiB, counts the partition key too: up to 7 B here; stream.maxRecordSize raises it up to 10 MiB), got "3MiB"',
    ],
    [
      "a max record size above UpdateMaxRecordSize's range",
      withStream("maxRecordSize: 11MiB"),
      'stream.maxRecordSize: expected a whole number of KiB from 1 MiB to 10 MiB (UpdateMaxRecordSize\'s MaxRecordSizeInKiB), got "11MiB"',
    ],
    [
      "a max record size that is not whole KiB",
      withStream("maxRecordSize: 2MB"),
      'stream.maxRecordSize: expected a whole number of KiB from 1 MiB to 10 MiB (UpdateMaxRecordSize\'s MaxRecordSizeInKiB), got "2MB"',
    ],
    [
      "large records with the window limiter",
      withStream("maxRecordSize: 2MiB, limiter: window"),
      "stream.limiter: window admits at most 1 MiB a second, so it cannot take a record of the stream's max record size (2 MiB); large records need limiter: bucket",
    ],
    [
      "record size of zero",
      withProducer("recordSize: {distribution: uniform, min: 0, max: 1KB}"),
      "producers[0].recordSize.min: expected a size of at least 1 B, got 0",
    ],
    [
      "uniform min above max",
      withProducer("recordSize: {distribution: uniform, min: 5KB, max: 1KB}"),
      'producers[0].recordSize.min: expected a size at most max (1 KB), got "5KB"',
    ],
    [
      "bad distribution name",
      withProducer("keys: {distribution: zipff, cardinality: 10}"),
      'producers[0].keys.distribution: expected one of uniform | zipf | hot | hotShare | fixed | explicitHashKey | timestamp, got "zipff"',
    ],
    [
      "a hash key that is not a decimal integer (BigInt would throw)",
      withProducer('keys: {distribution: explicitHashKey, range: ["0", "abc"]}'),
      'producers[0].keys.range[1]: expected a decimal hash key, got "abc"',
    ],
    [
      "a split key that is not a decimal integer",
      `${BASE}\nevents: [{at: 5s, split: shardId-000000000000, newStartingHashKey: "abc"}]`,
      'events[0].newStartingHashKey: expected a decimal hash key, got "abc"',
    ],
    [
      "a fractional hash key",
      withProducer('keys: {distribution: explicitHashKey, range: ["1.5", "7"]}'),
      'producers[0].keys.range[0]: expected a decimal hash key, got "1.5"',
    ],
    [
      "a hexadecimal hash key",
      withProducer('keys: {distribution: explicitHashKey, range: ["0", "0x10"]}'),
      'producers[0].keys.range[1]: expected a decimal hash key, got "0x10"',
    ],
    [
      "missing distribution-specific key",
      withProducer("keys: {distribution: zipf, cardinality: 10}"),
      "producers[0].keys.exponent: required",
    ],
    [
      "key too long",
      withProducer(`keys: {distribution: hot, key: ${"k".repeat(300)}}`),
      `producers[0].keys.key: expected a key of 1 to 256 characters, got "${"k".repeat(38)}…`,
    ],
    [
      "bad duration",
      BASE.replace("1m", "5 parsecs"),
      'duration: expected a duration like "250ms" or "24h", got "5 parsecs"',
    ],
    ["zero duration", BASE.replace("1m", "0s"), 'duration: expected a duration above 0, got "0s"'],
    [
      "number as duration",
      BASE.replace("1m", "60"),
      'duration: expected a duration like "250ms" or "24h", got 60',
    ],
    [
      "batch above the profile",
      withProducer("batch: {maxRecords: 501}"),
      "producers[0].batch.maxRecords: expected an integer between 1 and 500, got 501",
    ],
    [
      "retries as a string",
      withProducer("retries: lots"),
      'producers[0].retries: expected false, 0, or a mapping like {max: 3, backoff: 100ms}, got "lots"',
    ],
    [
      "an unknown capacity mode",
      BASE.replace("shards: 2", "shards: 2, mode: serverless"),
      'stream.mode: expected one of provisioned | on-demand | on-demand-advantage, got "serverless"',
    ],
    [
      "no producers",
      BASE.replace("[{name: a, rate: 5}]", "[]"),
      "producers: expected at least one producer, got []",
    ],
    [
      "unknown limit",
      `${BASE}\nlimits: {maxRecordByte: 1MB}`,
      'limits: unknown key "maxRecordByte" (did you mean "maxRecordBytes"?)',
    ],
    [
      "unknown profile",
      `${BASE}\nprofile: kinesis-1999`,
      'profile: expected kinesis-2026-11, got "kinesis-1999"',
    ],
    [
      "document not a mapping",
      "- duration: 1m",
      '(root): expected a mapping of experiment keys like "duration: 2m", got [{"duration":"1m"}]',
    ],
    [
      "empty document",
      "",
      '(root): expected a mapping of experiment keys like "duration: 2m", got an empty document',
    ],
    [
      "yaml syntax error",
      "duration: 1m\nstream: [",
      "experiments/x.yaml:2:10: flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
    [
      "duplicate yaml key",
      "duration: 1m\nduration: 2m",
      "experiments/x.yaml:2:1: map keys must be unique",
    ],
  ])("%s", (_label, text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it("truncates long values to 40 characters", () => {
    const message = errorOf(BASE.replace("rate: 5", `rate: ${"x".repeat(100)}`));
    expect(message).toBe(
      `producers[0].rate: expected a positive number of records per second, or "N/s", "N/min" or "N/h" (per second, minute, hour), got "${"x".repeat(38)}…`,
    );
  });
});

describe("helpers", () => {
  it("formats paths", () => {
    expect(formatPath([])).toBe("(root)");
    expect(formatPath(["producers", 1, "rate"])).toBe("producers[1].rate");
    expect(formatPath(["stream", "shards"])).toBe("stream.shards");
    expect(formatPath(["a b"])).toBe('["a b"]');
  });

  it("previews values on one line", () => {
    expect(previewValue("a\nb")).toBe('"a\\nb"');
    expect(previewValue(Number.NaN)).toBe("NaN");
    expect(previewValue({ a: [1, null] })).toBe('{"a":[1,null]}');
    const loop: unknown[] = [];
    loop.push(loop);
    expect(previewValue(loop)).toBe("[[Circular]]");
    expect(previewValue("y".repeat(50))).toHaveLength(40);
  });

  it("measures edit distance with transpositions", () => {
    expect(editDistance("rate", "rate")).toBe(0);
    expect(editDistance("rat", "rate")).toBe(1);
    expect(editDistance("rtae", "rate")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(suggestKey("shard", ["shards", "mode"])).toBe("shards");
    expect(suggestKey("zzzzzz", ["shards", "mode"])).toBeUndefined();
  });

  it("formats UserErrors and zod errors, and rethrows anything else", () => {
    expect(formatError(new UserError("x: y\nz"))).toBe("x: y z");
    const parsed = experimentFileSchema.safeParse({ duration: "1m" }, { error: issueMessage });
    expect(parsed.success).toBe(false);
    expect(formatError(parsed.error)).toBe("stream: required");
    const bug = new TypeError("bug");
    expect(() => formatError(bug)).toThrow(bug);
  });
});
