import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { loadExperimentFile } from "../../src/experiment/config/load-experiment.js";
import { resolveProfile } from "../../src/experiment/config/resolve-profile.js";
import { DESCRIPTION_OF_LIMITS } from "../../src/experiment/config/schema-limits.js";
import { UserError } from "../../src/experiment/config/user-error.js";
import { workTerms } from "../../src/experiment/config/work-budget.js";
import { repoRoot } from "../helpers/cli.js";
import type { RunBudget } from "../helpers/cli-bounded.js";
import { type Json, mutate, pathsOf } from "../helpers/document-mutation.js";
import { brokenPromise } from "../helpers/run-within-budget.js";

/**
 * Whatever the validator accepts, kinesim finishes within time and memory proportional to what
 * was asked, or refuses it with one line and exit 2 (issue 12). The loader fuzz tests check the
 * refusals in process; this one takes documents the loader ACCEPTS — catalogue experiments with
 * one to three values replaced by extreme ones — and runs each through the real command in a
 * child process with a heap limit and a wall-clock limit. A crash, a stack trace, a run killed
 * for time or memory, or `--json` output that is not one object fails the test; fast-check
 * prints the seed and the document to replay it.
 */

/**
 * Ten simulated seconds keep every seed near a second of work (most of it start-up); the
 * failures this guards against came from what a document asks for, not from running long.
 */
const SEED_DURATION = "10s";
const SEEDS = [
  "quickstart",
  "kpl-small-records",
  "trace-replay",
  "cloudwatch-replay",
  "bursty",
  "on-demand-spike",
  "timestamp-keys",
].map(seedDocument);

/**
 * Generous for a ten-second run on a loaded two-core machine, far below what the old failures
 * needed (minutes, gigabytes): a regression to those fails instead of passing slowly.
 */
const BUDGET: RunBudget = { timeoutMs: 60_000, heapMb: 768 };

/**
 * Accepted documents the child processes run (refused ones are skipped with `fc.pre`); about a
 * second each. KINESIM_FUZZ_RUNS=500 searches deeper.
 */
const RUNS = Number(process.env.KINESIM_FUZZ_RUNS ?? 16);

/** Values at the edges of what a schema field might take: huge, tiny, negative, wrongly typed. */
const extremeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    1e12,
    1e15,
    1e300,
    -1e300,
    1e-300,
    2 ** 31,
    2 ** 53 + 2,
    0,
    -1,
    0.5,
    "1us",
    "1e12s",
    "1000d",
    "1e999",
    "1TB",
    "0x10",
    "9".repeat(40),
    "=cmd|' /C calc'!A0",
    "\u001b[2J",
    null,
    [],
    {},
  ),
  fc.double(),
  fc.integer({ min: -2, max: 100_000 }),
);

/** Keeps a field's type and moves its magnitude: numbers, and the number inside "250ms" or "1KB". */
const scaleFactor = fc.constantFrom(1e-9, 1e-3, 0.1, 10, 1e3, 1e6, 1e9, 1e12, 1e15);

type Change =
  | { kind: "scale"; factor: number }
  | { kind: "replace"; value: Json }
  | { kind: "delete" }
  | { kind: "insert"; field: number; value: Json };

/**
 * Optional fields the seeds leave out, for the "insert" change: every `limits:` field, and the
 * timing and size settings of the first producer and consumer. Replacing and deleting only
 * reach fields a seed already has; `limits.getRecordsResponseTimeUs: 0` or
 * `kcl.renewalInterval: 1us` were never tried that way (issue 15).
 */
const INSERTABLE: readonly (readonly (string | number)[])[] = [
  ...Object.keys(DESCRIPTION_OF_LIMITS).map((key) => ["limits", key]),
  ...["resolution", "metricsResolution", "warmup", "granularity"].map((key) => [key]),
  ...["retention", "maxRecordSize", "mode"].map((key) => ["stream", key]),
  ...["arrival", "api", "recordSize", "bursts", "batch", "retries", "kpl"].map((key) => [
    "producers",
    0,
    key,
  ]),
  ["producers", 0, "kpl", "recordTtl"],
  ["producers", 0, "kpl", "aggregation"],
  ...[
    "mode",
    "pollInterval",
    "maxRecords",
    "maxInFlight",
    "readBackoff",
    "processingTime",
    "launchAt",
    "startAt",
    "parentPollInterval",
    "kcl",
  ].map((key) => ["consumers", 0, key]),
  ["consumers", 0, "kcl", "workers"],
  ["consumers", 0, "kcl", "renewalInterval"],
];

/** The new value for a node, or `undefined` to delete it. */
function changed(old: Json, change: Change): Json | undefined {
  if (change.kind === "delete") return undefined;
  if (change.kind === "insert") return change.value;
  if (change.kind === "replace") return change.value;
  if (typeof old === "number") return old * change.factor;
  if (typeof old === "string") {
    const quantity = /^(\d+(?:\.\d+)?)([a-zA-Z]+)$/.exec(old);
    if (quantity !== null) return `${Number(quantity[1]) * change.factor}${quantity[2]}`;
  }
  return old;
}

function valueAt(doc: Json, path: readonly (string | number)[]): Json {
  let node = doc;
  for (const step of path) node = (node as Record<string | number, Json>)?.[step];
  return node;
}

const scratch = mkdtempSync(join(tmpdir(), "kinesim-fuzz-run-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("accepted documents run within a budget", () => {
  it(
    "extreme values in catalogue experiments: exit 0 or one-line exit 2, never a crash",
    () => {
      const mutation = fc.record({
        path: fc.nat(),
        change: fc.oneof(
          fc.record({ kind: fc.constant("scale" as const), factor: scaleFactor }),
          fc.record({ kind: fc.constant("replace" as const), value: extremeValue }),
          fc.record({ kind: fc.constant("delete" as const) }),
          fc.record({ kind: fc.constant("insert" as const), field: fc.nat(), value: extremeValue }),
        ),
      });
      const document = fc
        .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([seed, mutations]) => {
          let doc: Json = seed.document;
          for (const { path, change } of mutations) {
            const paths = mutablePaths(doc);
            const at =
              change.kind === "insert"
                ? (INSERTABLE[change.field % INSERTABLE.length] ?? [])
                : (paths[path % paths.length] ?? []);
            doc = mutate(doc, at, changed(valueAt(doc, at), change));
          }
          return stringify(doc) ?? "";
        });
      let tried = 0;
      fc.assert(
        fc.property(document, (text) => {
          const file = join(scratch, `case-${tried++}.yaml`);
          writeFileSync(file, text);
          fc.pre(accepted(file));
          const broken = brokenPromise(["run", file, "--json"], BUDGET);
          if (broken !== undefined) throw new Error(`${broken}\n--- document ---\n${text}`);
        }),
        { numRuns: RUNS },
      );
      expect(tried).toBeGreaterThanOrEqual(RUNS);
    },
    RUNS * BUDGET.timeoutMs,
  );

  it(
    "random record traces and CloudWatch exports: exit 0 or one-line exit 2, never a crash",
    () => {
      let tried = 0;
      fc.assert(
        fc.property(fc.oneof(recordTraceFile, cloudWatchFile), ({ csv, section }) => {
          const traceFile = join(scratch, `trace-${tried}.csv`);
          const experimentFile = join(scratch, `trace-${tried++}.yaml`);
          writeFileSync(traceFile, csv);
          writeFileSync(
            experimentFile,
            stringify({
              duration: SEED_DURATION,
              stream: { shards: 2 },
              producers: [{ name: "replay", [section]: { file: traceFile } }],
              consumers: [{ name: "reader" }],
            }),
          );
          const broken = brokenPromise(["run", experimentFile, "--json"], BUDGET);
          if (broken !== undefined) throw new Error(`${broken}\n--- trace ---\n${csv}`);
        }),
        { numRuns: TRACE_RUNS },
      );
    },
    TRACE_RUNS * BUDGET.timeoutMs,
  );
});

const TRACE_RUNS = Math.ceil(RUNS / 2);

/**
 * A time as a trace may hold it: plain seconds or ISO 8601 (one style per file, mostly), with
 * outlying values now and then — far in the future, negative, not a number.
 */
const traceTimes = fc.oneof(
  { arbitrary: fc.constant("seconds" as const), weight: 3 },
  { arbitrary: fc.constant("iso" as const), weight: 2 },
  { arbitrary: fc.constant("mixed" as const), weight: 1 },
);

function traceTime(style: "seconds" | "iso" | "mixed"): fc.Arbitrary<string> {
  const seconds = fc.integer({ min: 0, max: 120_000 }).map((ms) => String(ms / 1000));
  const iso = fc
    .date({
      min: new Date("1970-01-01T00:00:00Z"),
      max: new Date("2100-01-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString());
  const outlying = fc.constantFrom("0", "-1", "1e12", "1e300", "9007199254740993", "NaN", "");
  const usual = style === "seconds" ? seconds : style === "iso" ? iso : fc.oneof(seconds, iso);
  return fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: outlying, weight: 1 });
}

/** A count or size: mostly ordinary, now and then at a limit or absurd. */
const traceQuantity = fc.oneof(
  { arbitrary: fc.nat({ max: 50_000 }).map(String), weight: 12 },
  { arbitrary: fc.constantFrom("0", "-5", "1.5", "1e15", "1e300", "abc", ""), weight: 1 },
);

/** A partition key: mostly ordinary, now and then hostile or empty. */
const traceKey = fc.oneof(
  { arbitrary: fc.constantFrom("a", "b", "user-7"), weight: 12 },
  { arbitrary: fc.constantFrom("=x", "", "\u001b[2J"), weight: 1 },
);

const recordTraceFile = traceTimes
  .chain((style) =>
    fc.array(fc.tuple(traceTime(style), traceKey, traceQuantity), {
      minLength: 1,
      maxLength: 12,
    }),
  )
  .map((rows) => ({
    section: "trace",
    csv: ["time,partitionKey,size", ...rows.map((row) => row.join(","))].join("\n"),
  }));

const cloudWatchFile = traceTimes
  .chain((style) =>
    fc.array(fc.tuple(traceTime(style), traceQuantity, traceQuantity), {
      minLength: 1,
      maxLength: 12,
    }),
  )
  .map((rows) => ({
    section: "cloudwatch",
    csv: ["Timestamp,IncomingRecords,IncomingBytes", ...rows.map((row) => row.join(","))].join(
      "\n",
    ),
  }));

interface Seed {
  readonly name: string;
  readonly document: Json;
}

/** A catalogue experiment, shortened, with its trace files named by absolute path. */
function seedDocument(name: string): Seed {
  const path = join(repoRoot, "experiments", `${name}.yaml`);
  const document = parse(readFileSync(path, "utf8")) as Record<string, Json>;
  return { name, document: absoluteFiles({ ...document, duration: SEED_DURATION }) };
}

function absoluteFiles(value: Json): Json {
  if (Array.isArray(value)) return value.map(absoluteFiles);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] =
      key === "file" && typeof child === "string" && !isAbsolute(child)
        ? join(repoRoot, "experiments", child)
        : absoluteFiles(child);
  }
  return copy;
}

/** Every path but the duration, which stays short so the budget stays meaningful. */
function mutablePaths(doc: Json): (string | number)[][] {
  return pathsOf(doc).filter((path) => !(path.length === 1 && path[0] === "duration"));
}

/**
 * Simulation steps above which an accepted document is left to work-budget.test.ts: a
 * ten-second run may legitimately ask for 4e7 steps (inserted `pollInterval: 1us` with no
 * response time), which takes about a minute here; this property is about crashes.
 */
const HEAVY_STEPS = 5_000_000;

function accepted(file: string): boolean {
  try {
    const config = loadExperimentFile(file);
    const steps = workTerms(config, resolveProfile(config)).reduce((s, t) => s + t.steps, 0);
    return steps <= HEAVY_STEPS;
  } catch (error) {
    if (error instanceof UserError) return false;
    throw error;
  }
}
