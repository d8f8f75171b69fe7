// Preloaded with `node --import` by test/package/cli-bundle.test.ts: installs hooks.mjs, which
// writes down every module the process loads. Plain JavaScript, as Node runs it unbuilt.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
