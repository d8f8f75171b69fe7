import { int, ms } from "../../format/number-format.js";
import type { ConsumerResult, RunResult } from "../run/result-types.js";

/**
 * Whose records the run's latency figures (`latencyMs`, `latencyCdf`) describe: one
 * application's, or every application's pooled. Pooled figures of applications that read
 * differently (five polling, five by enhanced fan-out) describe none of them, so a figure
 * that shows them says so.
 */
export function latencyWhose(result: RunResult): string {
  const only = result.consumers.length === 1 ? result.consumers[0] : undefined;
  if (only !== undefined) return `records received by ${only.name}`;
  return `${applications(result.consumers.length)}' records pooled`;
}

/** "both applications", "all 10 applications". */
function applications(count: number): string {
  return count === 2 ? "both applications" : `all ${int(count)} applications`;
}

/** The label of a mode in the summary and the report: how the applications read. */
export function modeName(mode: ConsumerResult["mode"]): string {
  return mode === "efo" ? "EFO" : "polling";
}

/** The consumer modes present, polling first, with the applications of each in file order. */
export function consumersByMode(
  consumers: readonly ConsumerResult[],
): { mode: ConsumerResult["mode"]; consumers: ConsumerResult[] }[] {
  const modes: ConsumerResult["mode"][] = ["polling", "efo"];
  return modes
    .map((mode) => ({ mode, consumers: consumers.filter((c) => c.mode === mode) }))
    .filter((group) => group.consumers.length > 0);
}

/**
 * The summary's latency lines, each saying whose latency it is. One application: its
 * percentiles and its name. Several: the pooled percentiles, said to be pooled, then a line
 * per consumer mode with the range of its applications' p50 and p99, so polling and
 * enhanced fan-out stand apart at the top of the summary; each application's own figures
 * are in the consumer table below.
 */
export function latencyLines(result: RunResult, columns: number): string[] {
  const latency = result.latencyMs;
  const consumers = result.consumers;
  if (consumers.length === 0)
    return [row("latency", "no records delivered (no consumer application)")];
  if (latency.count === 0) {
    return [
      row(
        "latency",
        consumers.length === 1
          ? `no records delivered to ${consumers[0]?.name}`
          : `no records delivered to any of ${int(consumers.length)} applications`,
      ),
    ];
  }
  const percentiles = `p50 ${ms(latency.p50)}  p90 ${ms(latency.p90)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`;
  const only = consumers.length === 1 ? consumers[0] : undefined;
  if (only !== undefined) {
    const named = row("latency", `${percentiles}  (${only.name})`);
    if ([...named].length <= columns) return [named];
    const whose = row("", `(${latencyWhose(result)})`);
    return [
      row("latency", percentiles),
      [...whose].length <= columns ? whose : row("", `(${only.name})`),
    ];
  }
  const lines = [row("latency", percentiles), row("", `${latencyWhose(result)}; by mode:`)];
  for (const group of consumersByMode(consumers)) {
    const delivered = group.consumers.filter((c) => c.latencyMs.count > 0);
    const who = `${int(group.consumers.length)} ${modeName(group.mode)}`;
    lines.push(
      row(
        `  ${who}`,
        delivered.length === 0
          ? "no records delivered"
          : `p50 ${span(delivered.map((c) => c.latencyMs.p50))}  p99 ${span(delivered.map((c) => c.latencyMs.p99))}`,
      ),
    );
  }
  return lines;
}

/** "75.0 ms", or "889 ms to 993 ms" when the applications differ. */
export function span(values: readonly number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return ms(low) === ms(high) ? ms(low) : `${ms(low)} to ${ms(high)}`;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(14)}${value}`;
}
