// Fingerprints of everything kinesim outputs for the shipped experiments: a refactor must
// leave every line unchanged. Run it before and after (`npm run fingerprint > before.txt`,
// then `diff before.txt <(npm run -s fingerprint)`); each line is a SHA-256 and what it hashes.
// It runs the built CLI (dist/), so build first (the npm script does).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "kinesim.js");

function kinesim(args) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, CI: "true", NO_COLOR: "1" },
  });
  return `status ${run.status}\n${run.stdout}\n${run.stderr}`;
}

// The only figure that may differ between two runs: how long the run took on this machine
// (engine.wallMs, and the summary's "simulated in 0.51 s"). Masked before hashing.
const withoutWallClock = (text) =>
  text
    .replace(/"wallMs":\s*\d+(\.\d+)?/g, '"wallMs": 0')
    .replace(/simulated in \d+(\.\d+)? s/g, "simulated in 0 s");
const sha = (text) => createHash("sha256").update(withoutWallClock(text)).digest("hex");
const line = (what, text) => process.stdout.write(`${sha(text)}  ${what}\n`);

line("kinesim schema", kinesim(["schema"]));
const experiments = readdirSync(join(root, "experiments"))
  .filter((name) => name.endsWith(".yaml"))
  .sort();
for (const name of experiments) {
  const path = `experiments/${name}`;
  const out = mkdtempSync(join(tmpdir(), "kinesim-fingerprint-"));
  line(`run ${path}`, kinesim(["run", path]));
  line(`run ${path} --json`, kinesim(["run", path, "--json"]));
  kinesim(["run", path, "--out", out]);
  for (const file of ["result.json", "timeseries.csv", "report.html"]) {
    line(`run ${path} --out: ${file}`, readFileSync(join(out, file), "utf8"));
  }
  rmSync(out, { recursive: true, force: true });
}
for (const args of [
  ["explain", "experiments/quickstart.yaml"],
  ["skew", "experiments/hot-key.yaml"],
  ["plan", "--records-per-second", "40000", "--record-size", "1024"],
  ["hash", "--shards", "4", "user-42"],
  ["sweep", "experiments/quickstart.yaml", "--vary", "stream.shards=2,4", "--replications", "2"],
  // Record mode (the per-record reference path), with drawn records, the KPL and a trace.
  ...["quickstart", "kpl-small-records", "trace-replay", "hot-key"].map((name) => [
    "run",
    `experiments/${name}.yaml`,
    "--set",
    "granularity=record",
    "--set",
    "duration=3m",
    "--json",
  ]),
]) {
  line(args.join(" "), kinesim(args));
}
