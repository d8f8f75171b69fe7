#!/usr/bin/env node
// The kinesim command. `npm install` (the `prepare` script) compiles the TypeScript sources and
// bundles the command into dist/cli/ (scripts/build-cli.mjs): one file to load rather than
// hundreds of modules to resolve, with V8's code cache beside it (load-cli-bundle.js). This
// file only loads that bundle.
import { existsSync } from "node:fs";
import { CLI_BUNDLE, loadCliBundle } from "./load-cli-bundle.js";

if (!existsSync(CLI_BUNDLE)) {
  process.stderr.write("kinesim: not built yet; run `npm install` (or `npm run build`) first\n");
  process.exit(2);
}
// A reader that stops reading (`kinesim run --json | head`) closes the pipe: nothing is left
// to say to it, so exit quietly rather than with an unhandled EPIPE and a stack.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { main } = loadCliBundle().exports;
const status = await main(process.argv.slice(2));
// Every command has finished its work when main returns (files written, workers joined). Exit
// once stdout and stderr have taken what was written to them (a pipe may be asynchronous)
// rather than let Node wind down on its own: that waits for V8 to finish the incremental
// marking the run started, ~14 ms of every `npm start` for a heap about to be thrown away.
process.exitCode = status;
flushed(process.stdout, () => flushed(process.stderr, () => process.exit(status)));

/** Calls `then` once `stream` has handed on everything written to it. */
function flushed(stream, then) {
  if (stream.writableLength === 0) then();
  else stream.write("", then);
}
