import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { it } from "vitest";
import { loadExperimentFile } from "../../src/experiment/load-experiment.js";
import { runExperiment } from "../../src/experiment/simulate.js";
import { parseCatalogue } from "./catalogue-parser.js";
import { failure, valueAt } from "./result-check.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
it("report", { timeout: 1_000_000 }, () => {
  const catalogue = parseCatalogue(readFileSync(`${root}experiments/README.md`, "utf8"));
  const only = process.env.ONLY;
  const lines: string[] = [];
  for (const row of catalogue.rows) {
    if (only !== undefined && !row.file.includes(only)) continue;
    const { result } = runExperiment(loadExperimentFile(`${root}${row.file}`, row.overrides));
    lines.push(`## line ${row.line}: ${row.file} ${row.overrides.map((o) => `--set ${o}`).join(" ")}`);
    for (const check of row.checks) {
      const why = failure(check, result);
      lines.push(`${why === undefined ? "  ok  " : "  FAIL"} ${check.text}  => ${JSON.stringify(valueAt(result, check.path))}`);
    }
  }
  writeFileSync(process.env.OUT ?? "/tmp/catalogue-report.txt", `${lines.join("\n")}\n`);
});
