import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/experiment/config/user-error.js";
import { parseResultJson } from "../../../src/experiment/files/parse-result-json.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { consumer, experiment } from "../../helpers/experiment.js";

const S = 1_000_000;
const { result } = simulateWithSeries(experiment({ durationUs: 3 * S, consumers: [consumer()] }));
const json = JSON.stringify(result, null, 2);

function errorOf(text: string): string {
  try {
    parseResultJson(text, "out/result.json");
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("parseResultJson", () => {
  it("gives back a result as written, every field kept", () => {
    expect(parseResultJson(json, "r.json")).toEqual(result);
    expect(parseResultJson(json, "r.json")).toHaveProperty("skew");
  });

  it("refuses text that is not JSON, in one line", () => {
    const message = errorOf("{ not json");
    expect(message).toMatch(/^out\/result\.json: not valid JSON/);
    expect(message).not.toContain("\n");
  });

  it("names the first wrong field of JSON that is not a result", () => {
    expect(errorOf("[1, 2]")).toMatch(/^out\/result\.json: not a kinesim result: \(root\)/);
    const broken = JSON.parse(json);
    broken.shards[0].openedAtSeconds = "soon";
    expect(errorOf(JSON.stringify(broken))).toBe(
      'out/result.json: not a kinesim result: shards[0].openedAtSeconds: expected a number, got "soon"',
    );
    broken.shards[0].openedAtSeconds = 0;
    broken.events = [{ atSeconds: 1, kind: "explode", target: "c", text: "?" }];
    expect(errorOf(JSON.stringify(broken))).toMatch(
      /^out\/result\.json: not a kinesim result: events\[0\]\.kind/,
    );
    delete broken.events;
    expect(parseResultJson(JSON.stringify(broken), "r.json")).not.toHaveProperty("events");
    delete broken.shards;
    expect(errorOf(JSON.stringify(broken))).toMatch(/shards: required/);
  });

  it("checks consumers' unreadShards, which the report sums (a number there crashed it)", () => {
    const broken = JSON.parse(json);
    broken.consumers[0].unreadShards = -0.0001;
    expect(errorOf(JSON.stringify(broken))).toMatch(
      /^out\/result\.json: not a kinesim result: consumers\[0\]\.unreadShards: expected/,
    );
    broken.consumers[0].unreadShards = [
      { shardId: "shardId-000000000000", unread: -1, reason: "" },
    ];
    expect(errorOf(JSON.stringify(broken))).toMatch(/consumers\[0\]\.unreadShards\[0\]\.unread/);
    delete broken.consumers[0].unreadShards;
    expect(parseResultJson(JSON.stringify(broken), "r.json").consumers[0]).not.toHaveProperty(
      "unreadShards",
    );
  });

  it("says what a startTime must look like, and what it got", () => {
    const broken = JSON.parse(json);
    broken.startTime = "yesterday";
    expect(errorOf(JSON.stringify(broken))).toBe(
      'out/result.json: not a kinesim result: startTime: expected an ISO 8601 UTC time such as "2026-03-01T00:00:00Z", got "yesterday"',
    );
    broken.startTime = "2026-03-01T06:00:00Z";
    expect(parseResultJson(JSON.stringify(broken), "r.json").startTime).toBe(
      "2026-03-01T06:00:00Z",
    );
  });
});
