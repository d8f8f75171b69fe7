import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { ChildWorkloadResult } from "./child-workload.js";
import type { MachineInfo } from "./machine.js";
import { repoFile } from "./paths.js";
import type { Verdict } from "./targets.js";

/** bench/results.json: the last run's figures with the date and machine (design.md §16). */
export const resultsPath = repoFile("bench/results.json");

export interface LongResult {
  /** When the long benchmark ran: it is kept across runs that skip it. */
  generatedAt: string;
  machine: MachineInfo;
  sevenDays: ChildWorkloadResult;
  targetMaxRssMiB: number;
  verdict: Verdict;
}

/** The last results file's long result, if it has one. */
export function readPreviousLong(): LongResult | null {
  if (!existsSync(resultsPath)) return null;
  try {
    const parsed = JSON.parse(readFileSync(resultsPath, "utf8")) as { long?: LongResult | null };
    return parsed.long ?? null;
  } catch {
    return null;
  }
}

export function writeResults(report: object): void {
  writeFileSync(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
}
