import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository's root, where `kinesim` runs. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/** The `kinesim` command's entry file. */
export const bin = fileURLToPath(new URL("../../bin/kinesim.js", import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `kinesim` command (npm test builds dist/ first) from the repo root. */
export function kinesim(args: string[], cwd = repoRoot): CliRun {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
