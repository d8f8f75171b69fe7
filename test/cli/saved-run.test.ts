import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readSavedRun } from "../../src/cli/saved-run.js";
import { UserError } from "../../src/experiment/config/user-error.js";

const scratch = mkdtempSync(join(tmpdir(), "kinesim-saved-run-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** JSON text that looks more or less like a result: objects with a result's keys. */
const resultLike = fc
  .dictionary(
    fc.constantFrom("name", "seed", "durationSeconds", "records", "shards", "consumers", "cost"),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map((value) => JSON.stringify(value));

describe("readSavedRun (what compare and report read)", () => {
  it("refuses any text that is not a saved run with one line (a UserError), never another error", () => {
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string(), resultLike), fc.option(fc.string()), (result, series) => {
        const dir = join(scratch, String(n++));
        mkdirSync(dir);
        writeFileSync(join(dir, "result.json"), result);
        if (series !== null) writeFileSync(join(dir, "timeseries.csv"), series);
        try {
          readSavedRun(join(dir, "result.json"));
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          const message = (error as UserError).message;
          expect(message).not.toContain("\n");
          expect(message.startsWith(join(dir, "result.json"))).toBe(true);
          return;
        }
        throw new Error("accepted a file that is not a result");
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});
