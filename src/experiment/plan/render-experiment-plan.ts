import type { LimitsProfile } from "../../../models/limits/profile.js";
import { int } from "../../format/number-format.js";
import type { ExperimentPlan } from "./plan-experiment.js";
import { bill, number, percent, rate, row, shardCount, usd, wrap } from "./render-plan.js";

/** `kinesim plan <experiment> --json`: the contract's four fields first, then the details. */
export function experimentPlanJson(plan: ExperimentPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/**
 * `kinesim plan <experiment>`'s readable report, at most 80 columns: the traffic's peak and
 * mean over its representative period, provisioned shards for the peak and the limit that
 * binds, what uneven keys would need, and a month in each capacity mode side by side.
 */
export function renderExperimentPlan(plan: ExperimentPlan, profile: LimitsProfile): string {
  const t = plan.traffic;
  const lines: string[] = [];
  lines.push(`kinesim plan · ${plan.experiment} · profile ${plan.profile}`);
  lines.push(...wrap(`traffic over ${duration(t.periodSeconds / 3600)} (${t.periodReason})`));
  lines.push(
    row(
      "peak",
      `${number(t.peakRecordsPerSecond)} records/s, ${rate(t.peakBytesPerSecond)} at ${clock(t.peakAtSeconds)}` +
        (t.bucketSeconds === 1 ? "" : ` (${int(t.bucketSeconds)} s means)`),
    ),
  );
  lines.push(
    row(
      "mean",
      `${number(t.meanRecordsPerSecond)} records/s, ${rate(t.meanBytesPerSecond)}; peak ÷ mean ${ratio(t.peakRecordsPerSecond, t.meanRecordsPerSecond)}`,
    ),
  );
  lines.push(
    row("records", `${number(t.meanRecordBytes)} B each on average, partition key included`),
  );
  lines.push(row("consumers", consumers(plan)));
  lines.push("");
  lines.push(
    row("shards", `${plan.shards} provisioned for the peak, limited by ${plan.limitingFactor}`),
  );
  const width = String(
    Math.max(plan.shardsFor.records, plan.shardsFor.bytes, plan.shardsFor.reads),
  ).length;
  const count = (shards: number) => String(shards).padStart(width);
  lines.push(
    row(
      "  records",
      `${count(plan.shardsFor.records)}  (${number(t.peakRecordsPerSecond)} records/s ÷ ${int(profile.shardWriteRecordsPerSecond)} per shard)`,
    ),
  );
  lines.push(
    row(
      "  bytes",
      `${count(plan.shardsFor.bytes)}  (${rate(t.peakBytesPerSecond)} ÷ ${rate(profile.shardWriteBytesPerSecond)} per shard)`,
    ),
  );
  lines.push(
    row(
      "  reads",
      `${count(plan.shardsFor.reads)}  (${plan.consumers.polling} polling × ${rate(t.peakBytesPerSecond)} ÷ ${rate(profile.shardReadBytesPerSecond)} shared per shard)`,
    ),
  );
  lines.push(
    row(
      "headroom",
      `${shardCount(plan.headroom.shards)}, every limit ≤ ${percent(plan.headroom.targetUtilization, 0)}; the file has ${shardCount(plan.experimentShards)}`,
    ),
  );
  lines.push(...keyLines(plan).map((line) => `  ${line}`));
  lines.push("");
  lines.push(
    ...wrap(
      `a month (${int(plan.hoursPerMonth)} h): ${duration(t.periodSeconds / 3600)} scaled ×${number(t.monthScale)}, at the profile's us-east-1 prices`,
    ),
  );
  lines.push(...bill(`provisioned, ${shardCount(plan.shards)} all month`, plan.provisioned));
  lines.push(...bill("on-demand, following the curve", plan.onDemand));
  lines.push(...wrap(`  ${cheaper(plan)}`));
  for (const note of plan.notes) {
    lines.push("");
    lines.push(...wrap(`note: ${note}`));
  }
  return `${lines.join("\n")}\n`;
}

function consumers(plan: ExperimentPlan): string {
  const { polling, efo } = plan.consumers;
  if (polling + efo === 0) return `none · retention ${number(plan.retentionHours)} h`;
  const parts = [];
  if (polling > 0) parts.push(`${polling} polling`);
  if (efo > 0) parts.push(`${efo} enhanced fan-out`);
  return `${parts.join(" + ")} · retention ${number(plan.retentionHours)} h`;
}

/** The key distribution's verdict: even keys are what the shard count assumes. */
function keyLines(plan: ExperimentPlan): string[] {
  const k = plan.keys;
  const head = `keys must spread evenly over the shards for ${shardCount(plan.shards)} to hold;`;
  if (k.shardsForHottest === null) {
    return wrap(`${head} with these keys no even split works: ${k.reason}`);
  }
  if (k.shardsForHottest <= plan.shards) {
    return wrap(
      `${head} these keys do (kinesim skew: hottest shard at ${percent(k.hottestShardUtilization, 0)} of its limit at each producer's peak)`,
    );
  }
  return wrap(
    `${head} these keys do not: the hottest shard is expected at ${percent(k.hottestShardUtilization, 0)} of its limit at each producer's peak, and an even split needs ${shardCount(k.shardsForHottest)} (kinesim skew)`,
  );
}

function cheaper(plan: ExperimentPlan): string {
  const p = plan.provisioned.monthlyUsd;
  const o = plan.onDemand.monthlyUsd;
  if (p === o) return "both modes cost the same";
  const [low, high, lowName] = p < o ? [p, o, "provisioned"] : [o, p, "on-demand"];
  return `${lowName} is cheaper by ${usd(high - low)} a month (${percent((high - low) / high, 0)})`;
}

function duration(hours: number): string {
  if (hours === 24) return "a day";
  if (hours >= 1) return `${number(hours)} h`;
  if (hours * 60 >= 1) return `${number(hours * 60)} min`;
  return `${number(hours * 3600)} s`;
}

/** Seconds from the start as h:mm:ss (days added when past a day). */
function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const text = `${h}:${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return days > 0 ? `day ${days + 1} ${text}` : text;
}

function ratio(peak: number, mean: number): string {
  return mean > 0 ? `${(peak / mean).toFixed(2)}×` : "—";
}
