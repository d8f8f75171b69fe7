import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { userErrorOf } from "../../helpers/user-error.js";

/*
 * Bounds that are limits of Kinesis come from the limits profile, read after `limits:` is
 * applied, so a file that moves the limit moves the bound: stream.shards and the autoscaling
 * policy's min/maxShards (maxShardsPerStream), a KPL producer's collectionMaxCount
 * (putRecordsMaxRecords). Parse only: no test here simulates thousands of shards.
 */

const file = (shards: number, limits = "") =>
  [
    "duration: 1m",
    `stream: {shards: ${shards}}`,
    "producers: [{name: a, rate: 5}]",
    ...(limits === "" ? [] : [`limits: {${limits}}`]),
  ].join("\n");

function errorOf(text: string): string {
  return userErrorOf(() => parseExperimentText(text), text);
}

describe("stream.shards is bounded by the profile's maxShardsPerStream", () => {
  const cap = DEFAULT_PROFILE.maxShardsPerStream;

  it("accepts the default profile's limit itself", () => {
    expect(parseExperimentText(file(cap)).stream.shards).toBe(cap);
  });

  it("refuses one shard more, naming the profile's limit", () => {
    expect(errorOf(file(cap + 1))).toBe(
      `stream.shards: expected an integer between 1 and ${cap} (limits.maxShardsPerStream), got ${cap + 1}`,
    );
  });

  it("follows limits.maxShardsPerStream up", () => {
    const config = parseExperimentText(file(12_000, "maxShardsPerStream: 20000"));
    expect(config.stream.shards).toBe(12_000);
    expect(errorOf(file(20_001, "maxShardsPerStream: 20000"))).toBe(
      "stream.shards: expected an integer between 1 and 20000 (limits.maxShardsPerStream), got 20001",
    );
  });

  it("follows limits.maxShardsPerStream down", () => {
    expect(errorOf(file(9, "maxShardsPerStream: 8"))).toBe(
      "stream.shards: expected an integer between 1 and 8 (limits.maxShardsPerStream), got 9",
    );
    expect(parseExperimentText(file(8, "maxShardsPerStream: 8")).stream.shards).toBe(8);
  });
});

const autoscaled = (policy: string, limits = "") =>
  file(2, limits).replace("stream: {shards: 2}", `stream: {shards: 2, autoscaling: {${policy}}}`);

describe("stream.autoscaling's shard bounds follow maxShardsPerStream", () => {
  it("defaults maxShards to the profile's maximum", () => {
    expect(parseExperimentText(autoscaled("minShards: 1")).stream.autoscaling?.maxShards).toBe(
      DEFAULT_PROFILE.maxShardsPerStream,
    );
    const raised = parseExperimentText(autoscaled("minShards: 1", "maxShardsPerStream: 20000"));
    expect(raised.stream.autoscaling?.maxShards).toBe(20_000);
  });

  it("refuses minShards or maxShards above it, naming the limit", () => {
    expect(errorOf(autoscaled("maxShards: 10001"))).toBe(
      "stream.autoscaling.maxShards: expected an integer between 1 and 10000 (limits.maxShardsPerStream), got 10001",
    );
    expect(errorOf(autoscaled("minShards: 9, maxShards: 9", "maxShardsPerStream: 8"))).toBe(
      "stream.autoscaling.minShards: expected an integer between 1 and 8 (limits.maxShardsPerStream), got 9",
    );
    expect(
      parseExperimentText(autoscaled("maxShards: 15000", "maxShardsPerStream: 20000")).stream
        .autoscaling?.maxShards,
    ).toBe(15_000);
  });

  it("still wants minShards at most maxShards, the default maximum included", () => {
    expect(errorOf(autoscaled("minShards: 9", "maxShardsPerStream: 8"))).toMatch(
      /^stream\.autoscaling\.minShards: expected an integer between 1 and 8/,
    );
    expect(errorOf(autoscaled("minShards: 5, maxShards: 4"))).toMatch(
      /^stream\.autoscaling\.minShards: .*at most maxShards/,
    );
  });
});

const kpl = (collection: string, limits = "") =>
  file(2, limits).replace(
    "producers: [{name: a, rate: 5}]",
    `producers: [{name: a, rate: 5, kpl: {${collection}}}]`,
  );

describe("kpl.collectionMaxCount follows putRecordsMaxRecords", () => {
  it("defaults to the KPL's 500, or the profile's limit when that is lower", () => {
    const collectionOf = (text: string) =>
      parseExperimentText(text).producers[0]?.kpl?.collectionMaxCount;
    expect(collectionOf(kpl(""))).toBe(500);
    expect(collectionOf(kpl("", "putRecordsMaxRecords: 100"))).toBe(100);
    expect(collectionOf(kpl("collectionMaxCount: 700", "putRecordsMaxRecords: 1000"))).toBe(700);
  });

  it("refuses more than the profile's PutRecords limit, naming it", () => {
    expect(errorOf(kpl("collectionMaxCount: 501"))).toBe(
      "producers[0].kpl.collectionMaxCount: expected an integer between 1 and 500 (limits.putRecordsMaxRecords), got 501",
    );
    expect(errorOf(kpl("collectionMaxCount: 200", "putRecordsMaxRecords: 100"))).toBe(
      "producers[0].kpl.collectionMaxCount: expected an integer between 1 and 100 (limits.putRecordsMaxRecords), got 200",
    );
  });
});
