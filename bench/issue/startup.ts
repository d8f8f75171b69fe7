import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, pairRatios } from "../median.js";
import { atMost, type TargetRow, times } from "../targets.js";
import { alternate } from "../whole-process/alternate.js";
import { timeNode } from "../whole-process/time-process.js";
import { START_VS_NODE_MAX, VERSION_VS_NODE_MAX } from "./goals.js";

/**
 * Rounds of each pairing: the commands are short, so many rounds cost little. `npm start`
 * sits near its goal, and its median over 5 pairs went from 3.64× to 4.19× between two
 * benches of builds that paired runs could not tell apart, so it takes 11.
 */
const VERSION_ROUNDS = 10;
const START_ROUNDS = 11;

export interface StartupPairing {
  readonly command: string;
  readonly rounds: number;
  readonly commandMs: readonly number[];
  readonly nodeMs: readonly number[];
  /** Median of the per-round ratios, command ÷ `node -e 0`. */
  readonly ratio: number;
}

export interface StartupResult {
  readonly version: StartupPairing;
  readonly start: StartupPairing;
}

/**
 * Rows 4 and 5: `kinesim --version` and `npm start` each paired with `node -e 0`, whole
 * processes, alternating. `npm start` is timed as the command it runs (npm's own start-up,
 * ~0.3 s, is not kinesim's), writing its report into a temporary directory.
 */
export function benchStartup(): StartupResult {
  const version = pair("kinesim --version", VERSION_ROUNDS, () =>
    timeNode(["bin/kinesim.js", "--version"]),
  );
  const out = mkdtempSync(join(tmpdir(), "kinesim-bench-start-"));
  try {
    const start = pair(
      "npm start (node bin/kinesim.js run experiments/quickstart.yaml --out <tmp>)",
      START_ROUNDS,
      () => timeNode(["bin/kinesim.js", "run", "experiments/quickstart.yaml", "--out", out]),
    );
    return { version, start };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function pair(
  command: string,
  rounds: number,
  run: () => { wallMs: number; status: number | null },
): StartupPairing {
  const runs = alternate(rounds, {
    node: () => timeNode(["-e", "0"]),
    command: () => {
      const timing = run();
      if (timing.status !== 0) throw new Error(`${command}: exited with ${timing.status}`);
      return timing;
    },
  });
  const commandMs = (runs.command ?? []).map((timing) => timing.wallMs);
  const nodeMs = (runs.node ?? []).map((timing) => timing.wallMs);
  return { command, rounds, commandMs, nodeMs, ratio: median(pairRatios(commandMs, nodeMs)) };
}

export function startupRows(result: StartupResult): TargetRow[] {
  const row = (label: string, pairing: StartupPairing, max: number) => {
    const target = atMost(label, pairing.ratio, max, times);
    target.basis =
      `median of ${pairing.rounds} paired ratios; medians ${Math.round(median(pairing.commandMs))} ms ` +
      `and ${Math.round(median(pairing.nodeMs))} ms for node -e 0`;
    return target;
  };
  return [
    row("kinesim --version ÷ node -e 0", result.version, VERSION_VS_NODE_MAX),
    row("npm start ÷ node -e 0", result.start, START_VS_NODE_MAX),
  ];
}
