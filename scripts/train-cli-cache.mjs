/**
 * Makes dist/cli/kinesim.cache, V8's code cache of the command's bundle (bin/load-cli-bundle.js
 * reads it): loads the bundle as the command does, runs what `npm start` runs (the quickstart,
 * with its report written to a temporary folder), then asks V8 for the compiled code of every
 * function that ran. scripts/build-cli.mjs runs this in a process of its own, with Node's
 * default flags, as users start the command (V8 refuses a cache made under other flags).
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLI_CODE_CACHE, loadCliBundle } from "../bin/load-cli-bundle.js";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const out = mkdtempSync(join(tmpdir(), "kinesim-cli-cache-"));
try {
  const { exports, script } = loadCliBundle();
  const status = await exports.main([
    "run",
    join(root, "experiments/quickstart.yaml"),
    "--out",
    out,
  ]);
  if (status !== 0) throw new Error(`the quickstart exited with ${status}`);
  // Written beside it and renamed into place: a command starting meanwhile reads the old
  // cache or the new one, never half of one.
  const partial = `${CLI_CODE_CACHE}.partial`;
  writeFileSync(partial, script.createCachedData());
  renameSync(partial, CLI_CODE_CACHE);
} finally {
  rmSync(out, { recursive: true, force: true });
}
