import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { CliRun } from "../helpers/cli.js";
import { kinesimInProcess } from "../helpers/cli-in-process.js";
import { collectProblems, launchChromium } from "./chromium.js";

/** The viewport the reports are looked at in: a laptop's window. */
const REPORT_VIEWPORT = { width: 1100, height: 900 };

export interface BrowserFolder {
  /** The scratch folder `prepare` wrote into. */
  readonly out: string;
  readonly browser: Browser;
  /** Opens a file of the folder in a new page, collecting what the page reports as wrong. */
  open(path: string): Promise<{ page: Page; problems: string[] }>;
}

/**
 * For one describe block: a scratch folder that `prepare` fills (runs, reports) and a
 * connection to the run's headless chromium (launchChromium), both made before its tests and
 * removed after them.
 */
export function browserFolder(
  prefix: string,
  prepare: (out: string) => void | Promise<void>,
): BrowserFolder {
  let out = "";
  let browser: Browser | undefined;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), `kinesim-${prefix}-`));
    await prepare(out);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (out !== "") rmSync(out, { recursive: true, force: true });
  });
  const started = (): Browser => {
    if (browser === undefined) throw new Error("the browser starts in beforeAll");
    return browser;
  };
  return {
    get out() {
      return out;
    },
    get browser() {
      return started();
    },
    async open(path) {
      const page = await started().newPage({ viewport: REPORT_VIEWPORT });
      const problems = collectProblems(page);
      await page.goto(pathToFileURL(join(out, path)).href);
      return { page, problems };
    },
  };
}

/**
 * Runs the command line's `main` in this process (the reports are what these files look at;
 * the spawned command writes the same files, test/cli/output-files.test.ts) and expects it to
 * succeed with nothing on stderr.
 */
export async function kinesimSucceeds(args: string[]): Promise<CliRun> {
  const run = await kinesimInProcess(args);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run;
}
