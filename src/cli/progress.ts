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
 * Whether to draw a progress bar: only on a terminal's stderr, and never in CI (tests set
 * CI=true), so logs and captured output stay clean. What stdout carries does not matter: the
 * bar never touches it, so `run --json > result.json` still shows progress while stdout holds
 * exactly the JSON.
 */
export function showsProgress(
  stderr: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return stderr.isTTY === true && !env.CI;
}

/** A progress bar with an ETA on stderr, when `showsProgress` allows it. */
export function createProgress(total: number, unit: string): Progress {
  if (!showsProgress(process.stderr, process.env)) return silent;
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
