/**
 * Bundles the kinesim command into dist/cli/ (issue 14: a user starts it hundreds of times,
 * and resolving and loading ~550 separate modules took most of a `--version`).
 *
 *   node scripts/build-cli.mjs      (part of `npm run build`; `npm install` runs it too)
 *
 * Two bundles, each with every dependency inside:
 * - dist/cli/kinesim.cjs, the command, CommonJS: bin/load-cli-bundle.js runs it with V8's code
 *   cache, and V8 caches scripts, not ES modules. Each command's module is a lazy `import()` in
 *   src/cli/main.ts; in one CommonJS file esbuild keeps each such module, and what it imports,
 *   in a function run on first use, so `--version` and `--help` parse none of the model (the
 *   cache holds it compiled) and run none of it (test/package/cli-bundle.test.ts).
 * - dist/cli/sweep-worker.js, the sweep's worker thread, an ES module. execute-sweep.ts starts
 *   it as `new URL("./sweep-worker.js", import.meta.url)`, which esbuild leaves as written.
 * Then dist/cli/kinesim.cache: scripts/train-cli-cache.mjs runs the quickstart through the
 * bundle, in a process of its own, and saves what V8 compiled.
 * The library (dist/src, `kinesim` and `kinesim/node`) stays tsc's output, unbundled.
 */
import { spawnSync } from "node:child_process";
import { rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { nativeUnpacking } from "./native-unpacking-plugin.mjs";

/**
 * In the command's bundle, src/cli/import/aws-sdk.ts (the SDK's one door) stays a file of its
 * own, required from beside the bundle: `import` alone loads it.
 */
const awsSdkApart = {
  name: "aws-sdk-apart",
  setup(build) {
    build.onResolve({ filter: /^\.\/aws-sdk\.js$/ }, (args) =>
      args.kind === "entry-point" ? undefined : { path: "./aws-sdk.cjs", external: true },
    );
  },
};

/**
 * commander requires node:child_process when it loads, for subcommands that are executables of
 * their own (kinesim has none): with the net, dgram and stream modules it pulls in, ~5 ms of
 * every start, `--version` included. In the command's bundle commander gets a stand-in that
 * requires the module on first use instead.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /commander[\\/]lib[\\/]command\.js$/.test(args.importer)
        ? { path: "node:child_process", namespace: "lazy-child-process" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-child-process" }, () => ({
      contents: [
        "let loaded;",
        "module.exports = new Proxy({}, {",
        '  get: (_, name) => (loaded ??= require("node:child_process"))[name],',
        "});",
      ].join("\n"),
      loader: "js",
    }));
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "cli");
/**
 * Which source modules each bundle file holds (test/package/cli-bundle.test.ts checks what a
 * command loads), beside dist/cli/ rather than in it: the package does not ship it.
 */
const contentsFile = join(root, "dist", "cli-contents.json");

/** Per output file name, the source paths (from the root) with code in it. */
function contentsOf(outputs) {
  const contents = {};
  for (const [output, { inputs }] of Object.entries(outputs)) {
    if (!/\.c?js$/.test(output)) continue;
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
  const common = {
    bundle: true,
    platform: "node",
    target: "node20",
    outdir,
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
  };
  const command = await build({
    ...common,
    entryPoints: {
      kinesim: join(root, "src/cli/main.ts"),
      "aws-sdk": join(root, "src/cli/import/aws-sdk.ts"),
    },
    format: "cjs",
    outExtension: { ".js": ".cjs" },
    // CommonJS has no import.meta: its one use, the worker's URL, reads the bundle's own. The
    // banner comes before esbuild's "use strict", so it says it first: a statement before the
    // directive would leave the whole bundle in sloppy mode, which ES modules never are.
    define: { "import.meta.url": "__kinesimUrl" },
    banner: {
      js: '"use strict";\nconst __kinesimUrl = require("node:url").pathToFileURL(__filename).href;',
    },
    plugins: [nativeUnpacking, awsSdkApart, lazyChildProcess],
  });
  const worker = await build({
    ...common,
    entryPoints: { "sweep-worker": join(root, "src/experiment/sweep/sweep-worker.ts") },
    format: "esm",
    // Some dependencies are CommonJS and call `require` (js-md5 and seedrandom for node:crypto):
    // an ES module has none, so the worker's bundle makes its own.
    banner: {
      js: 'import { createRequire as __kinesimRequire } from "node:module";\nconst require = __kinesimRequire(import.meta.url);',
    },
  });
  const outputs = { ...command.metafile.outputs, ...worker.metafile.outputs };
  writeFileSync(contentsFile, JSON.stringify(contentsOf(outputs), null, 1));
  const training = spawnSync(process.execPath, [join(root, "scripts/train-cli-cache.mjs")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (training.status !== 0) throw new Error("scripts/train-cli-cache.mjs failed");
  return { outdir, files: Object.keys(outputs).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildCli();
  const bytes = statSync(join(built.outdir, "kinesim.cjs")).size;
  // stderr: `npm run fingerprint` builds first, and its stdout is the fingerprint alone.
  console.error(`dist/cli/: ${built.files} files, kinesim.cjs ${(bytes / 1e3).toFixed(0)} kB`);
}
