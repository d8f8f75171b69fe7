import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadExperimentFile } from "../../src/experiment/config/load-experiment.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { renderSummary } from "../../src/experiment/text/render-summary.js";
import { checkSummaryShape } from "../helpers/summary-shape.js";
import { type CatalogueRow, parseCatalogue } from "./catalogue-parser.js";
import { failure } from "./result-check.js";

/**
 * The lesson catalogue (experiments/README.md) promises numbers; this runs every command it
 * lists and holds it to them. Rows are discovered, never listed here, so a new lesson needs
 * only its row.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const catalogue = parseCatalogue(readFileSync(`${root}experiments/README.md`, "utf8"));
const shipped = readdirSync(`${root}experiments`)
  .filter((file) => file.endsWith(".yaml"))
  .map((file) => `experiments/${file}`)
  .sort();

/** The concepts of Kinesis Data Streams the catalogue must map to lessons (issue 7). */
const REQUIRED_CONCEPTS = [
  "shards and their limits",
  "partition keys and hash ranges",
  "sequence numbers and ordering",
  "hot keys and key cardinality",
  "batching and kpl aggregation",
  "retries",
  "polling consumers sharing a shard",
  "enhanced fan-out",
  "kcl leases and failover",
  "consumer lag and retention loss",
  "replay from trim_horizon",
  "split and merge",
  "on-demand vs provisioned",
  "sizing and cost",
];

describe("the lesson catalogue lists every experiment", () => {
  it("has a row for every experiments/*.yaml", () => {
    const listed = new Set(catalogue.rows.map((row) => row.file));
    expect(shipped.filter((file) => !listed.has(file))).toEqual([]);
  });

  it("names only files that exist, in every row, concept and start-here entry", () => {
    const named = [
      ...catalogue.rows.map((row) => `line ${row.line}: ${row.file}`),
      ...catalogue.concepts.flatMap((c) => c.files.map((file) => `line ${c.line}: ${file}`)),
      ...catalogue.startHere.map((file) => `start here: ${file}`),
    ];
    expect(named.length).toBeGreaterThan(shipped.length);
    const missing = named.filter((entry) => !existsSync(`${root}${entry.split(": ")[1]}`));
    expect(missing).toEqual([]);
  });

  it("starts a newcomer with five different lessons", () => {
    expect(catalogue.startHere).toHaveLength(5);
    expect(new Set(catalogue.startHere).size).toBe(5);
  });

  it("maps every concept of Kinesis Data Streams to at least one lesson", () => {
    const taught = new Map(catalogue.concepts.map((c) => [c.concept.toLowerCase(), c.files]));
    const untaught = REQUIRED_CONCEPTS.filter(
      (concept) => (taught.get(concept) ?? []).length === 0,
    );
    expect(untaught).toEqual([]);
  });
});

/** Rows grouped by command (file + overrides): each distinct command runs once. */
function byCommand(rows: readonly CatalogueRow[]): Map<string, CatalogueRow[]> {
  const groups = new Map<string, CatalogueRow[]>();
  for (const row of rows) {
    const key = [row.file, ...row.overrides.map((o) => `--set ${o}`)].join(" ");
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

describe("every catalogue command shows the numbers its row promises", () => {
  it("runs every shipped experiment as it is, so that its summary is checked too", () => {
    const asShipped = new Set(
      catalogue.rows.filter((r) => r.overrides.length === 0).map((r) => r.file),
    );
    expect(shipped.filter((file) => !asShipped.has(file))).toEqual([]);
  });

  for (const [command, rows] of byCommand(catalogue.rows)) {
    const { file, overrides } = rows[0] as CatalogueRow;
    // Generous: retention-loss simulates 27 hours and the daily experiments 24; this bounds a
    // hang, it asserts nothing about speed.
    it(command, { timeout: 300_000 }, () => {
      const { result, series } = simulateWithSeries(
        loadExperimentFile(`${root}${file}`, overrides),
      );
      const failures = rows.flatMap((row) =>
        row.checks.flatMap((check) => {
          const why = failure(check, result);
          return why === undefined ? [] : [`line ${row.line}: ${why}`];
        }),
      );
      expect(failures).toEqual([]);
      // The terminal summary of the experiment as shipped (run once here rather than again
      // in the renderer's tests).
      if (overrides.length === 0) checkSummaryShape(renderSummary(result, series), result);
    });
  }
});
