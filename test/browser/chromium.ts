import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium-options.js";

/**
 * Browser tests run wherever chromium is, and must run (failing if it is missing) when
 * KINESIM_BROWSER_TESTS=required, as in CI; elsewhere, without chromium, they are skipped.
 */
export const skipBrowserTests =
  !existsSync(CHROMIUM) && process.env.KINESIM_BROWSER_TESTS !== "required";

/**
 * The run's chromium (chromium-server.ts starts one for all browser test files), or one of
 * this file's own when the run has none to share. Closing what this returns closes only this
 * file's connection and pages.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = inject("chromiumEndpoint");
  if (endpoint !== undefined && endpoint !== "") return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Collects what a page reports as wrong: console errors and uncaught exceptions. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** Where screenshots go (git-ignored), for a person to look at. */
export function screenshotPath(name: string): string {
  mkdirSync("test-output", { recursive: true });
  return `test-output/${name}`;
}
