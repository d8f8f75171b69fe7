import cliProgress from "cli-progress";

/**
 * A progress reporter: `update(done)` as work completes, `stop()` at the end. `unit` names
 * what is counted ("runs"); empty shows the percentage alone.
 */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

/**
 * A progress bar with an ETA on stderr, only when stderr is a terminal and the output is for
 * a person: never with machine-readable output, in CI, or when stderr is redirected.
 */
export function createProgress(total: number, unit: string, machineReadable: boolean): Progress {
  if (machineReadable || !process.stderr.isTTY || process.env.CI) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `{bar} {percentage}% ${unit === "" ? "" : `| {value}/{total} ${unit} `}| ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
