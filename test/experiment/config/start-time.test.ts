import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { parseStartTime } from "../../../src/experiment/config/start-time.js";
import { UserError } from "../../../src/experiment/config/user-error.js";
import { kinesim } from "../../helpers/cli.js";

const BASE = "duration: 10s\nstream: {shards: 1}\nproducers: [{name: a, rate: 10}]\n";
const WORDS = 'expected an ISO 8601 UTC time such as "2026-03-01T00:00:00Z"';

describe("startTime", () => {
  it("is optional, and kept as written when it is a UTC time", () => {
    expect(parseExperimentText(BASE).startTime).toBeUndefined();
    const config = parseExperimentText(`startTime: "2026-03-01T00:00:00Z"\n${BASE}`);
    expect(config.startTime).toBe("2026-03-01T00:00:00Z");
    expect(parseStartTime("2026-03-01T00:00:00Z")).toBe(Date.UTC(2026, 2, 1));
    expect(parseStartTime("2024-02-29T23:59:59.5Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 500));
  });

  it.each([
    ['"2026-02-30T00:00:00Z"', '"2026-02-30T00:00:00Z"'],
    ['"2026-03-01T24:00:00Z"', '"2026-03-01T24:00:00Z"'],
    ['"2026-03-01T00:00:00+01:00"', '"2026-03-01T00:00:00+01:00"'],
    ['"2026-03-01T00:00:00"', '"2026-03-01T00:00:00"'],
    ["2026-03-01", '"2026-03-01"'],
    ["12", "12"],
  ])("refuses %s in one line naming the field", (value, shown) => {
    const error = (() => {
      try {
        parseExperimentText(`startTime: ${value}\n${BASE}`);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(`startTime: ${WORDS}, got ${shown}`);
  });

  it("reads back every valid time it accepts as the same instant", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1970, 0, 1)),
          max: new Date(Date.UTC(9999, 11, 31)),
          noInvalidDate: true,
        }),
        (date) => {
          const text = date.toISOString();
          expect(parseStartTime(text)).toBe(date.getTime());
          expect(parseStartTime(text.replace(/\.\d{3}Z$/, "Z"))).toBe(
            Math.floor(date.getTime() / 1000) * 1000,
          );
        },
      ),
    );
  });

  it("the CLI: exit 2, one line on stderr, no output written; a good one reaches result.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "kinesim-start-time-"));
    try {
      const bad = join(dir, "bad.yaml");
      writeFileSync(bad, `startTime: "yesterday"\n${BASE}`);
      const run = kinesim(["run", bad, "--out", join(dir, "out")]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain(`startTime: ${WORDS}, got "yesterday"`);
      expect(existsSync(join(dir, "out"))).toBe(false);
      const good = join(dir, "good.yaml");
      writeFileSync(good, `startTime: "2026-03-01T06:00:00Z"\n${BASE}`);
      const json = kinesim(["run", good, "--json"]);
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout).startTime).toBe("2026-03-01T06:00:00Z");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
