#!/usr/bin/env node
// The kinesim command. The TypeScript sources are compiled to dist/ by `npm install`
// (the `prepare` script); this file only loads the compiled entry point.
import { existsSync } from "node:fs";

const entry = new URL("../dist/src/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("kinesim: not built yet; run `npm install` (or `npm run build`) first\n");
  process.exit(2);
}
// A reader that stops reading (`kinesim run --json | head`) closes the pipe: nothing is left
// to say to it, so exit quietly rather than with an unhandled EPIPE and a stack.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
