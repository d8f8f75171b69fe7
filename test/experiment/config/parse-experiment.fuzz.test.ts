import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { INIT_TEMPLATE } from "../../../src/experiment/config/init-template.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../../src/experiment/config/user-error.js";
import { type Json, mutate, pathsOf } from "../../helpers/document-mutation.js";

/**
 * Whatever the input, parseExperimentText returns a config or throws a UserError whose message
 * is one non-empty line (design.md §11). Anything else escaping is a bug.
 */
function assertOnlyUserErrors(text: string, overrides: string[] = []): void {
  try {
    parseExperimentText(text, { fileName: "fuzz.yaml", overrides });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.message).not.toBe("");
    expect(error.message).not.toMatch(/[\r\n]/);
  }
}

const RUNS = 500;

/** A YAML rendering of any value; `undefined` becomes the empty document. */
function toYaml(value: unknown): string {
  return stringify(value) ?? "";
}

const VALID = parse(INIT_TEMPLATE) as Json;
const VALID_PATHS = pathsOf(VALID);

/** Interesting values for an experiment key: JSON, plus strings that look like our units. */
const replacementValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    "0",
    "0s",
    "1KB",
    "2MiB",
    "-1s",
    "1e999",
    "5 parsecs",
    "",
    "TRIM_HORIZON",
    "zipf",
    "analytics",
    "clicks",
  ),
  fc.double(),
  fc.integer({ min: -2, max: 20_000 }),
);

describe("parseExperimentText fuzz: only one-line UserErrors escape", () => {
  it("random strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })),
        (text) => assertOnlyUserErrors(text),
      ),
      { numRuns: RUNS },
    );
  });

  it("random strings spliced into a valid file", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: INIT_TEMPLATE.length }),
        fc.string({ maxLength: 20 }),
        (at, insert) =>
          assertOnlyUserErrors(INIT_TEMPLATE.slice(0, at) + insert + INIT_TEMPLATE.slice(at)),
      ),
      { numRuns: RUNS },
    );
  });

  it("random YAML documents from random JSON values and arbitrary data", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) =>
        assertOnlyUserErrors(toYaml(value)),
      ),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => assertOnlyUserErrors(JSON.stringify(value) ?? "")),
      { numRuns: RUNS },
    );
  });

  it("random experiment-shaped documents", () => {
    const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), replacementValue);
    const shaped = fc.record(
      {
        duration: anyValue,
        stream: fc.oneof(
          fc.record({ shards: anyValue, retention: anyValue }, { requiredKeys: [] }),
          anyValue,
        ),
        producers: fc.array(
          fc.dictionary(
            fc.constantFrom("name", "rate", "recordSize", "keys", "retries", "batch"),
            anyValue,
          ),
        ),
        consumers: fc.array(
          fc.dictionary(fc.constantFrom("name", "maxRecords", "pollInterval"), anyValue),
        ),
        events: fc.array(
          fc.dictionary(fc.constantFrom("at", "stopConsumer", "startConsumer"), anyValue),
        ),
        limits: fc.dictionary(
          fc.constantFrom("maxRecordBytes", "retentionMinUs", "putRecordsMaxRecords"),
          anyValue,
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(shaped, (value) => assertOnlyUserErrors(toYaml(value))),
      { numRuns: RUNS },
    );
  });

  it("mutations of a valid experiment: a key deleted or a value replaced", () => {
    expect(() => parseExperimentText(INIT_TEMPLATE)).not.toThrow();
    const mutation = fc.record({
      path: fc.constantFrom(...VALID_PATHS),
      replacement: fc.option(replacementValue, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        let doc = VALID;
        for (const { path, replacement } of mutations) doc = mutate(doc, path, replacement);
        assertOnlyUserErrors(toYaml(doc));
      }),
      { numRuns: RUNS },
    );
  });

  it("random --set assignments", () => {
    const segment = fc.oneof(
      fc.constantFrom(
        "stream",
        "shards",
        "producers",
        "producers[0]",
        "producers[7]",
        "0",
        "rate",
        "[0]",
        "events",
        "x",
      ),
      fc.string({ maxLength: 6 }),
    );
    const assignment = fc.oneof(
      fc
        .tuple(
          fc.array(segment, { minLength: 0, maxLength: 4 }),
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.jsonValue().map((v) => JSON.stringify(v) ?? ""),
          ),
        )
        .map(([path, value]) => `${path.join(".")}=${value}`),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(assignment, { maxLength: 3 }), (assignments) =>
        assertOnlyUserErrors(INIT_TEMPLATE, assignments),
      ),
      { numRuns: RUNS },
    );
  });
});
