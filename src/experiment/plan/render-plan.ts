import type { CostLine } from "../../../models/cost/run-cost.js";
import type { LimitsProfile } from "../../../models/limits/profile.js";
import { count, int } from "../../format/number-format.js";
import { formatBytes } from "../config/units.js";
import type { PlanSimulation } from "./plan-simulation.js";
import type { PlanResult } from "./plan-stream.js";

/** `kinesim plan`'s JSON: the contract's four fields first, then the details. */
export function planJson(plan: PlanResult, simulation?: PlanSimulation): string {
  const { shards, limitingFactor, provisioned, onDemand, ...details } = plan;
  const output = {
    shards,
    limitingFactor,
    provisioned,
    onDemand,
    ...details,
    ...(simulation === undefined ? {} : { simulation }),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

const WIDTH = 80;

/**
 * `kinesim plan`'s readable report, at most 80 columns: the shard count and why, utilization
 * and headroom, a month's bill in each capacity mode, warnings, and the simulation's check.
 */
export function renderPlan(
  plan: PlanResult,
  profile: LimitsProfile,
  simulation?: PlanSimulation,
): string {
  const { input } = plan;
  const bytesPerSecond = input.recordsPerSecond * (input.recordBytes + input.partitionKeyBytes);
  const lines: string[] = [];
  lines.push(
    `kinesim plan · ${number(input.recordsPerSecond)} records/s of ${formatBytes(input.recordBytes)}` +
      ` + ${number(input.partitionKeyBytes)} B key = ${rate(bytesPerSecond)}`,
  );
  const readers =
    input.consumers === 0
      ? "no consumers"
      : `${input.consumers} ${input.efo ? "enhanced fan-out" : "polling"} consumer${input.consumers === 1 ? "" : "s"}`;
  lines.push(`${readers} · retention ${number(input.retentionHours)} h · profile ${plan.profile}`);
  lines.push("");
  lines.push(row("shards", `${plan.shards}, limited by ${plan.limitingFactor}`));
  const countWidth = String(Math.max(plan.shardsFor.records, plan.shardsFor.bytes)).length;
  const count = (shards: number) => String(shards).padStart(countWidth);
  lines.push(
    row(
      "  records",
      `${count(plan.shardsFor.records)}  (${number(input.recordsPerSecond)} records/s ÷ ${int(profile.shardWriteRecordsPerSecond)} per shard)`,
    ),
  );
  lines.push(
    row(
      "  bytes",
      `${count(plan.shardsFor.bytes)}  (${rate(bytesPerSecond)} ÷ ${rate(profile.shardWriteBytesPerSecond)} per shard)`,
    ),
  );
  lines.push(
    row(
      "  reads",
      input.efo
        ? `${count(plan.shardsFor.reads)}  (enhanced fan-out: ${rate(profile.shardReadBytesPerSecond)} per consumer and shard)`
        : `${count(plan.shardsFor.reads)}  (${input.consumers} × ${rate(bytesPerSecond)} ÷ ${rate(profile.shardReadBytesPerSecond)} shared per shard)`,
    ),
  );
  const u = plan.utilization;
  lines.push(
    row(
      "utilization",
      `writes ${percent(u.writeRecords)} of records/s, ${percent(u.writeBytes)} of bytes/s;` +
        ` reads ${percent(u.read)}`,
    ),
  );
  lines.push(
    row(
      "headroom",
      `${shardCount(plan.headroom.shards)}, every limit ≤ ${percent(plan.headroom.targetUtilization, 0)}` +
        ` (${usd(plan.headroom.monthlyUsd)}/month)`,
    ),
  );
  lines.push(row("", "room for bursts, uneven keys, retries and growth"));
  lines.push("");
  lines.push(`a month (${int(plan.hoursPerMonth)} h) at the profile's us-east-1 prices`);
  lines.push(...bill(`provisioned, ${shardCount(plan.shards)}`, plan.provisioned));
  lines.push(...bill("on-demand", plan.onDemand));
  for (const warning of plan.warnings) {
    lines.push("");
    lines.push(...wrap(`warning: ${warning}`));
  }
  if (simulation !== undefined) {
    lines.push("");
    lines.push(
      `simulated ${number(simulation.durationSeconds / 60)} min at ${shardCount(simulation.shards)} (seed ${simulation.seed}):`,
    );
    lines.push(
      row(
        "  throttled",
        `${percent(simulation.throttleRate, 2)} of put attempts; data loss ${percent(simulation.dataLossFraction, 2)}`,
      ),
    );
    lines.push(
      row(
        "  latency",
        simulation.latencyP99Ms === null
          ? "not measured (no consumers simulated)"
          : `p99 ${int(simulation.latencyP99Ms)} ms`,
      ),
    );
    if (simulation.note !== undefined) lines.push(...wrap(`note: ${simulation.note}`));
  }
  return `${lines.join("\n")}\n`;
}

export function bill(title: string, cost: { monthlyUsd: number; items: CostLine[] }): string[] {
  const head = `  ${title}`;
  const total = usd(cost.monthlyUsd);
  return [
    `${head}${total.padStart(WIDTH - 2 - head.length)}`,
    ...cost.items.map((line) => {
      const left = `    ${line.item.padEnd(24)} ${quantity(line.quantity).padStart(16)} ${line.unit}`;
      return `${left}${usd(line.usd).padStart(WIDTH - 2 - left.length)}`;
    }),
  ];
}

export function shardCount(shards: number): string {
  return `${int(shards)} shard${shards === 1 ? "" : "s"}`;
}

export function row(label: string, value: string): string {
  return `  ${label.padEnd(13)}${value}`;
}

/** Words wrapped to 80 columns, continuation lines indented. */
export function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `  ${word}`;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

export function number(value: number): string {
  if (Number.isInteger(value)) return int(value);
  return value >= 100 ? int(value) : String(Number(value.toFixed(2)));
}

/** A bill's quantity: whole from 1,000 on, in the one count format (13.1 B units). */
function quantity(value: number): string {
  if (value >= 1000) return count(value);
  return String(Number(value.toFixed(value >= 10 ? 1 : 3)));
}

export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

export function usd(value: number): string {
  const cents = Math.round(value * 100);
  return `$${int(Math.trunc(cents / 100))}.${String(cents % 100).padStart(2, "0")}`;
}

/** Bytes per second in decimal MB/s (KB/s below 1 MB/s), or MiB/s when exactly whole MiB. */
export function rate(bytesPerSecond: number): string {
  const mib = 1024 * 1024;
  if (bytesPerSecond >= mib && bytesPerSecond % mib === 0) return `${bytesPerSecond / mib} MiB/s`;
  if (bytesPerSecond >= 1e6) return `${Number((bytesPerSecond / 1e6).toFixed(2))} MB/s`;
  if (bytesPerSecond >= 1e3) return `${Number((bytesPerSecond / 1e3).toFixed(2))} KB/s`;
  return `${Number(bytesPerSecond.toFixed(2))} B/s`;
}
