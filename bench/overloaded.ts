import { mebibytes, seconds, type TargetRow, times } from "./targets.js";
import { type KinesimRun, runKinesim } from "./whole-process/kinesim-run.js";

const FILE = "bench/workloads/thousand-shards.yaml";
/** Simulated time of each run: long enough for the overloaded shards' retries to pile up. */
const DURATION = "duration=2m";
/** 1,000,000 records/s on 900 shards of 1,000 records/s: 11 % over the write limit. */
const OVERLOADED_SHARDS = 900;

export interface OverloadedResult {
  /** The 1,000-shard workload on its own 1,000 shards, 2 simulated minutes. */
  readonly provisioned: KinesimRun;
  /** The same traffic on 900 shards: every shard throttles, and retries pile up. */
  readonly overloaded: KinesimRun;
}

/**
 * The what-if a user sizing a stream runs first: the same traffic on too few shards. A
 * throttled run is retried, and every retried run is a stored segment of its own that the
 * reader then reads, so its cost follows the throttling, not the ticks: a row of its own,
 * beside the same 2 minutes on enough shards.
 */
export function benchOverloaded(): OverloadedResult {
  const provisioned = runKinesim(FILE, [DURATION]);
  const overloaded = runKinesim(FILE, [DURATION, `stream.shards=${OVERLOADED_SHARDS}`]);
  return { provisioned, overloaded };
}

export function overloadedRows(result: OverloadedResult): TargetRow[] {
  const { provisioned, overloaded } = result;
  return [
    {
      benchmark: "1,000 shards' traffic on 900 (11 % over the limit), 2 min",
      measured: `${seconds(overloaded.wallMs)}, ${mebibytes(overloaded.usage.maxRssMiB)} peak`,
      target: "— (31.0 s, 667 MiB before 628be59)",
      verdict: "skipped",
      basis: `${overloaded.summary.engineEvents.toLocaleString("en-US")} events, whole process`,
    },
    {
      benchmark: "the same ÷ on 1,000 shards",
      measured: times(overloaded.wallMs / provisioned.wallMs),
      target: "— (12.7× before 628be59)",
      verdict: "skipped",
      basis: `on 1,000 shards: ${seconds(provisioned.wallMs)}`,
    },
  ];
}
