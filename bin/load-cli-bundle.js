// Loads the command's bundle, dist/cli/kinesim.cjs, with V8's code cache beside it
// (dist/cli/kinesim.cache, which scripts/build-cli.mjs makes by running the quickstart once).
// With the cache V8 neither parses the bundle nor compiles the functions the quickstart ran:
// that was about a tenth of an `npm start`. Node 20 has no compile cache of its own
// (module.enableCompileCache is Node 22), and V8 takes one only for a script, not an ES
// module, so the bundle is CommonJS and runs here as Node runs a CommonJS file. A cache that
// does not fit (another Node, other V8 flags, a rebuilt bundle) is refused by V8 itself and
// the bundle compiles from source as usual: the cache changes speed, never behaviour.
import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { constants, Script } from "node:vm";

export const CLI_BUNDLE = fileURLToPath(new URL("../dist/cli/kinesim.cjs", import.meta.url));
export const CLI_CODE_CACHE = fileURLToPath(new URL("../dist/cli/kinesim.cache", import.meta.url));

/** Runs the bundle's module code; returns its exports and the compiled script (for its cache). */
export function loadCliBundle() {
  const source = readSource(CLI_BUNDLE);
  let cachedData;
  try {
    cachedData = readFileSync(CLI_CODE_CACHE);
  } catch {
    // No cache (a build that made none): compile from source.
  }
  // The wrapper Node puts around a CommonJS file, so the bundle sees the same five names.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) { ${source}\n})`,
    {
      filename: CLI_BUNDLE,
      cachedData,
      // The bundled AWS SDK imports a few builtins with import().
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    },
  );
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(
      module.exports,
      module.exports,
      createRequire(CLI_BUNDLE),
      module,
      CLI_BUNDLE,
      dirname(CLI_BUNDLE),
    );
  return { exports: module.exports, script, cacheRejected: script.cachedDataRejected === true };
}

/**
 * A file's text. Node 20 decodes 1.2 MB of UTF-8 in ~14 ms even when every byte is ASCII, and
 * Latin-1 in a fraction of a millisecond; for ASCII bytes both give the same string. The
 * bundle is ASCII (scripts/build-cli.mjs; test/package/cli-bundle.test.ts checks it), but a
 * bundle that is not still reads right.
 */
function readSource(path) {
  const bytes = readFileSync(path);
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}
