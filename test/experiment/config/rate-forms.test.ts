import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../../src/experiment/config/user-error.js";

const withRate = (rate: string) =>
  ["duration: 1m", "stream: {shards: 2}", `producers: [{name: a, rate: ${rate}}]`].join("\n");

/** The producer's rate in records per second, as the file is read. */
function rateOf(rate: string): unknown {
  return parseExperimentText(withRate(rate)).producers[0]?.rate;
}

describe("rate forms: records per second, per minute, per hour", () => {
  it("reads N/s, N/min and N/h as the same records per second", () => {
    expect(rateOf("2")).toBe(2);
    expect(rateOf('"2/s"')).toBe(2);
    expect(rateOf('"120/min"')).toBe(2);
    expect(rateOf('"7200/h"')).toBe(2);
    expect(rateOf('" 3600 / h "')).toBe(1);
    // In a profile too.
    expect(rateOf('[{at: 0s, rate: "1800/h"}, {at: 30s, rate: 0}]')).toEqual([
      { atUs: 0, rate: 0.5 },
      { atUs: 30_000_000, rate: 0 },
    ]);
  });

  it("refuses other forms in one line that lists the accepted ones", () => {
    for (const bad of ['"3600/day"', '"10/hour"', '"5 per second"', "-5"]) {
      let message = "";
      try {
        parseExperimentText(withRate(bad));
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        message = (error as UserError).message;
      }
      expect(message.split("\n")).toHaveLength(1);
      expect(message).toMatch(
        /^producers\[0\]\.rate: expected a positive number of records per second, or "N\/s", "N\/min" or "N\/h" \(per second, minute, hour\), got /,
      );
    }
  });
});
