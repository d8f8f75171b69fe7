import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's chromium; `.ci/run` installs it. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Browser tests run wherever chromium is, and must run (failing if it is missing) when
 * KINESIM_BROWSER_TESTS=required, as in CI; elsewhere, without chromium, they are skipped.
 */
export const skipBrowserTests =
  !existsSync(CHROMIUM) && process.env.KINESIM_BROWSER_TESTS !== "required";

/** Headless, offline: nothing but the page under test. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
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
