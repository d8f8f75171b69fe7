import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../../src/experiment/config/user-error.js";

/*
 * stream.shards is bounded by the limits profile's maxShardsPerStream, read after `limits:` is
 * applied, so a file that raises the limit can ask for more shards. Parse only: no test here
 * simulates thousands of shards.
 */

const file = (shards: number, limits = "") =>
  [
    "duration: 1m",
    `stream: {shards: ${shards}}`,
    "producers: [{name: a, rate: 5}]",
    ...(limits === "" ? [] : [`limits: {${limits}}`]),
  ].join("\n");

function errorOf(text: string): string {
  try {
    parseExperimentText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error(`expected an error for:\n${text}`);
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
