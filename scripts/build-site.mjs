/**
 * Builds the browser playground: site/playground.js, one classic script (an IIFE, no
 * modules, nothing fetched) so site/index.html works opened from disk.
 *
 *   node scripts/build-site.mjs      (npm run build:site; `npm install` runs it too)
 *
 * Two esbuild bundles of src/playground: the simulation worker (the engine, models, parsing
 * and the report's charts, with the texts of experiments/traces/*), and the page, which holds
 * the worker's bundle as text (started from a Blob URL) and every experiments/*.yaml with its
 * one line from the catalogue (experiments/README.md). The data goes in through esbuild's
 * `define`, so the bundles never read files at run time.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const experiments = join(root, "experiments");
const outfile = join(root, "site", "playground.js");

/** The "teaches" cell of each lesson's first row in the catalogue table, in table order. */
function catalogue() {
  const rows = new Map();
  const path = join(experiments, "README.md");
  if (!existsSync(path)) return rows;
  const text = readFileSync(path, "utf8");
  for (const match of text.matchAll(/^\| \[([\w-]+)\]\(\1\.yaml\) \| ([^|]*) \|/gm)) {
    const [, name, teaches] = match;
    if (!rows.has(name)) rows.set(name, teaches.replace(/[`*]/g, "").trim());
  }
  return rows;
}

/** Every experiments/*.yaml: the catalogue's order first, then any the catalogue lacks. */
function lessons() {
  const teaches = catalogue();
  const order = [...teaches.keys()];
  const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length);
  return readdirSync(experiments)
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => {
      const name = file.slice(0, -".yaml".length);
      return {
        file,
        name,
        teaches: teaches.get(name) ?? "",
        text: readFileSync(join(experiments, file), "utf8"),
      };
    })
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** experiments/traces/* keyed as the experiments name them: `traces/clickstream.csv`. */
function traces() {
  const folder = join(experiments, "traces");
  const files = readdirSync(folder).sort();
  return Object.fromEntries(
    files.map((file) => [`traces/${file}`, readFileSync(join(folder, file), "utf8")]),
  );
}

const common = {
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
};

/** Builds the site; returns what it wrote, for the log line. */
export async function buildSite() {
  const traceTexts = traces();
  const worker = await build({
    ...common,
    entryPoints: [join(root, "src/playground/worker-main.ts")],
    write: false,
    define: { __KINESIM_TRACES__: JSON.stringify(traceTexts) },
  });
  const workerSource = worker.outputFiles[0].text;
  const lessonList = lessons();
  await build({
    ...common,
    entryPoints: [join(root, "src/playground/playground-main.ts")],
    outfile,
    define: {
      __KINESIM_LESSONS__: JSON.stringify(lessonList),
      __KINESIM_WORKER_SOURCE__: JSON.stringify(workerSource),
    },
  });
  return {
    outfile,
    lessons: lessonList.length,
    traces: Object.keys(traceTexts).length,
    bytes: readFileSync(outfile).length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildSite();
  console.log(
    `site/playground.js: ${(built.bytes / 1e6).toFixed(1)} MB, ${built.lessons} lessons, ${built.traces} traces`,
  );
}
