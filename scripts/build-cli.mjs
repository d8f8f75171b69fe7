/**
 * Bundles the kinesim command into dist/cli/ (issue 14: a user starts it hundreds of times,
 * and resolving and loading ~550 separate modules took most of a `--version`).
 *
 *   node scripts/build-cli.mjs      (part of `npm run build`; `npm install` runs it too)
 *
 * Two entries, ESM for Node, with every dependency inside:
 * - dist/cli/kinesim.js, the command (bin/kinesim.js loads it). Each command's module is a
 *   lazy `import()` in src/cli/main.ts; `splitting` keeps it lazy here, as a chunk of its own,
 *   so `--version` and `--help` load neither the model nor the schema.
 * - dist/cli/sweep-worker.js, the sweep's worker thread. execute-sweep.ts starts it as
 *   `new URL("./sweep-worker.js", import.meta.url)`, which esbuild leaves as written: the
 *   chunks therefore stay beside the entries (no chunk subfolder), where that URL finds it.
 * The library (dist/src, `kinesim` and `kinesim/node`) stays tsc's output, unbundled.
 */
import { rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { nativeUnpacking } from "./native-unpacking-plugin.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "cli");
/**
 * Which source modules each bundle file holds (test/package/cli-bundle.test.ts checks what a
 * command loads), beside dist/cli/ rather than in it: the package does not ship it.
 */
const contentsFile = join(root, "dist", "cli-contents.json");

/** Per output file name, the source paths (from the root) with code in it. */
function contentsOf(metafile) {
  const contents = {};
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    if (!output.endsWith(".js")) continue;
    contents[output.replace(/^dist\/cli\//, "")] = Object.entries(inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path)
      .sort();
  }
  return contents;
}

/** Builds the bundle; returns the entries it wrote and the number of files, for the log line. */
export async function buildCli() {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: {
      kinesim: join(root, "src/cli/main.ts"),
      "sweep-worker": join(root, "src/experiment/sweep/sweep-worker.ts"),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    entryNames: "[name]",
    chunkNames: "chunk-[hash]",
    // Some dependencies are CommonJS and call `require` (js-md5 and seedrandom for node:crypto):
    // an ES module has none, so each output file makes its own.
    banner: {
      js: 'import { createRequire as __kinesimRequire } from "node:module";\nconst require = __kinesimRequire(import.meta.url);',
    },
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    // Without comments and spaces, and in shorter syntax (the same semantics; identifiers keep
    // their names, so stack traces still name functions): ~30 % less to read, decode and parse
    // on every start, and ASCII only (the comments held "§", "µ" and "−", which made V8 keep
    // each file's source as two-byte text). `npm start`: 2.33 G -> 2.24 G instructions.
    minifyWhitespace: true,
    minifySyntax: true,
    absWorkingDir: root,
    plugins: [nativeUnpacking],
  });
  writeFileSync(contentsFile, JSON.stringify(contentsOf(result.metafile), null, 1));
  return { outdir, files: Object.keys(result.metafile.outputs).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildCli();
  const bytes = statSync(join(built.outdir, "kinesim.js")).size;
  // stderr: `npm run fingerprint` builds first, and its stdout is the fingerprint alone.
  console.error(`dist/cli/: ${built.files} files, kinesim.js ${(bytes / 1e3).toFixed(0)} kB`);
}
