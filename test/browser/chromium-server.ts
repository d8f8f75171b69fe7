import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium-options.js";

declare module "vitest" {
  interface ProvidedContext {
    /** Where the browser test files connect to the one chromium of the run (empty: none). */
    chromiumEndpoint: string;
  }
}

/**
 * The browser test files' global setup: one headless chromium for the whole run, which each
 * file connects to instead of starting its own. A start costs about 2.5 s of CPU on the 2-core
 * machine `npm test` must fit (issue 14), and the files started eight. vitest runs this only
 * when a browser test is queued, so a run of other files starts no browser.
 */
export default async function startChromium(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    // The files skip, or fail when the browser tests are required (chromium.ts).
    project.provide("chromiumEndpoint", "");
    return async () => {};
  }
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  project.provide("chromiumEndpoint", server.wsEndpoint());
  return () => server.close();
}
