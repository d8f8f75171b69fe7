import { runWorkloadInChild } from "./child-workload.js";
import type { MachineInfo } from "./machine.js";
import { repoFile } from "./paths.js";
import type { LongResult } from "./results-file.js";
import { childTable } from "./tables/child-table.js";
import { atMost, mebibytes, type TargetRow } from "./targets.js";

/** seven-days: under 2 GiB peak resident memory. */
const LONG_MAX_MIB = 2048;

/** The ~3-minute memory benchmark (`--long`), in a fresh node process; prints its table. */
export function runSevenDays(machine: MachineInfo): LongResult {
  const sevenDays = runWorkloadInChild("seven-days", repoFile("bench/workloads/seven-days.yaml"));
  console.log(childTable("Extra: memory (npm run bench:long)", [sevenDays]));
  console.log();
  return {
    generatedAt: new Date().toISOString(),
    machine,
    sevenDays,
    targetMaxRssMiB: LONG_MAX_MIB,
    verdict: sevenDays.maxRssMiB < LONG_MAX_MIB ? "pass" : "miss",
  };
}

/** Its row: this run's figure, or the last one kept in bench/results.json. */
export function sevenDaysRow(long: LongResult | null, ran: boolean): TargetRow {
  if (ran && long !== null) {
    return atMost("seven-days peak RSS", long.sevenDays.maxRssMiB, LONG_MAX_MIB, mebibytes);
  }
  return {
    benchmark: "seven-days peak RSS",
    measured:
      long === null
        ? "not run (bench:long)"
        : `last run: ${mebibytes(long.sevenDays.maxRssMiB)} (${long.verdict})`,
    target: `≤ ${mebibytes(LONG_MAX_MIB)}`,
    verdict: "skipped",
    basis: long === null ? "~3 min: npm run bench:long" : `kept from ${long.generatedAt}`,
  };
}
