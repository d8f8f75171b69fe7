/**
 * What the bench reads back from `kinesim run`'s terminal summary (the text a user sees,
 * src/experiment/text/render-summary.ts), so that the timed command is exactly the one a user
 * types, without --json.
 */
export interface RunSummary {
  /** The simulation's own wall time, as the summary prints it (to 10 ms). */
  readonly simulationMs: number;
  readonly granularity: string;
  readonly engineEvents: number;
  readonly recordsOffered: number;
  readonly recordsAccepted: number;
  /** The latency line's median, in ms (NaN when nothing was delivered). */
  readonly latencyP50Ms: number;
}

/**
 * A count as the summary prints it: every digit below 10 million ("6,001,079"), three figures
 * above ("43.7 M", "3.45 B"; src/format/number-format.ts).
 */
const COUNT = String.raw`([\d,.]+(?: [MBT])?)`;
const SIMULATED = new RegExp(String.raw`simulated in ([\d.]+) s \((\w+) mode, ${COUNT} events\)`);
const RECORDS = new RegExp(String.raw`^\s*records\s+offered ${COUNT}\s+accepted ${COUNT}`, "m");
const LATENCY_P50 = /^\s*latency\s+p50 ([\d,.]+) (ms|s)\b/m;

/** Parses a summary; undefined when its second line is not there (a changed format). */
export function parseRunSummary(text: string): RunSummary | undefined {
  const simulated = SIMULATED.exec(text);
  if (simulated === null) return undefined;
  const records = RECORDS.exec(text);
  const p50 = LATENCY_P50.exec(text);
  return {
    simulationMs: Number(simulated[1]) * 1000,
    granularity: simulated[2] as string,
    engineEvents: number(simulated[3] as string),
    recordsOffered: records === null ? Number.NaN : number(records[1] as string),
    recordsAccepted: records === null ? Number.NaN : number(records[2] as string),
    latencyP50Ms:
      p50 === null ? Number.NaN : number(p50[1] as string) * (p50[2] === "s" ? 1000 : 1),
  };
}

const COUNT_UNITS: Record<string, number> = { M: 1e6, B: 1e9, T: 1e12 };

/** "6,001,079" → 6001079; "43.7 M" → 43,700,000 (to the three figures printed). */
function number(text: string): number {
  const [digits = "", unit] = text.split(" ");
  return Number(digits.replaceAll(",", "")) * (unit === undefined ? 1 : (COUNT_UNITS[unit] ?? NaN));
}
