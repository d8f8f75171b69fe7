import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Files that replace a module with vi.mock: they need a module graph of their own. */
const mocking = ["test/cli/output-files-cleanup.test.ts"];

/** Files that drive a headless chromium: a project of their own, sharing one browser. */
const browser = "test/browser/**/*.test.ts";

/** Files that take a large share of the whole run (test/catalogue simulates every experiment). */
const long = ["test/catalogue/"];

/**
 * Starts the long files first. vitest orders by the last run's durations, but a clean clone
 * (CI) has none and falls back to file size, which put the catalogue last: the run then ended
 * with one worker on it and the other idle.
 */
class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isLong = (file: TestSpecification) =>
      long.some((dir) => file.moduleId.includes(`/${dir}`));
    return [...sorted.filter(isLong), ...sorted.filter((file) => !isLong(file))];
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: LongFirst },
    testTimeout: 60_000,
    // vitest's default is one worker fewer than the cores: one worker on the 2-core machines
    // npm test must fit (issue 14), where the main process sat idle while the files ran.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: [...mocking, browser],
          // Each file re-importing the whole model in a fresh module graph was about a third of
          // a run's time. These files keep no state in shared modules and restore their spies
          // (vi.restoreAllMocks), so a worker reuses one graph across files.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: [browser],
          isolate: false,
          // One chromium for every browser file of the run (test/browser/chromium-server.ts).
          globalSetup: ["test/browser/chromium-server.ts"],
        },
      },
      {
        extends: true,
        // A vi.mock would not reach a module another file already loaded, and would leak into
        // the files after it: these run isolated, as every file did before.
        test: { name: "isolated", include: mocking },
      },
    ],
  },
});
