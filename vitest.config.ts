import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Files that replace a module with vi.mock: they need a module graph of their own. */
const mocking = ["test/cli/output-files-cleanup.test.ts"];

export default defineConfig({
  test: {
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
          exclude: mocking,
          // Each file re-importing the whole model in a fresh module graph was about a third of
          // a run's time. These files keep no state in shared modules and restore their spies
          // (vi.restoreAllMocks), so a worker reuses one graph across files.
          isolate: false,
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
