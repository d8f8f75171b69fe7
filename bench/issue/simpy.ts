import { spawnSync } from "node:child_process";
import { median, pairRatios } from "../median.js";
import { atLeast, type TargetRow, times } from "../targets.js";
import { alternate } from "../whole-process/alternate.js";
import { type KinesimRun, runKinesim } from "../whole-process/kinesim-run.js";
import { timeProcess } from "../whole-process/time-process.js";
import { RECORD_VS_SIMPY_MIN, SEGMENT_VS_SIMPY_MIN } from "./goals.js";

const WORKLOAD = "bench/workloads/sixteen-shards.yaml";
const MODEL = "bench/reference/sixteen_shards_simpy.py";
/**
 * Debian's python3-simpy installs for the system interpreter only (a pyenv or venv `python3`
 * on PATH does not see it); KINESIM_BENCH_PYTHON names another that has SimPy 2.3.1.
 */
const PYTHON = process.env.KINESIM_BENCH_PYTHON ?? "/usr/bin/python3";
const NOT_MEASURED = "not measured: apt-get install python3-simpy (2.3.1)";

/** What the reference model prints with --json (bench/reference/sixteen_shards_simpy.py). */
export interface SimpyOutput {
  model: string;
  events: number;
  offered: number;
  accepted: number;
  throttled: number;
  delivered: number;
  latencyP50Ms: number;
  wallSeconds: number;
}

export interface SimpyRun {
  readonly wallMs: number;
  readonly output: SimpyOutput;
}

export interface SimpyResult {
  readonly rounds: number;
  /** The interpreter and its SimPy, or why the model was not run. */
  readonly python: string;
  /** Empty when SimPy is not importable: kinesim's runs are still made and shown. */
  readonly simpy: readonly SimpyRun[];
  readonly segment: readonly KinesimRun[];
  readonly record: readonly KinesimRun[];
  /** Per round, SimPy's wall time ÷ kinesim's (empty without SimPy). */
  readonly segmentRatios: readonly number[];
  readonly recordRatios: readonly number[];
  /** Medians of the per-round ratios (NaN without SimPy). */
  readonly segmentSpeedup: number;
  readonly recordSpeedup: number;
}

/** The interpreter's SimPy version, or undefined when it cannot import SimPy. */
function simpyVersion(): string | undefined {
  const probe = spawnSync(PYTHON, ["-c", "import SimPy; print(SimPy.__version__)"], {
    encoding: "utf8",
  });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

function runSimpy(): SimpyRun {
  const timing = timeProcess(PYTHON, [MODEL, "--json"]);
  if (timing.status !== 0) throw new Error(`${MODEL}: exited with ${timing.status}`);
  return { wallMs: timing.wallMs, output: JSON.parse(timing.stdout) as SimpyOutput };
}

/**
 * Row 6: the SimPy model of the sixteen-shard workload beside `kinesim run` of it in segment
 * (default) and record mode, each a whole process, alternating for `rounds` rounds. Without
 * SimPy, kinesim's two runs are still made, for the extra rows.
 */
export function benchSimpy(rounds: number): SimpyResult {
  const version = simpyVersion();
  const kinesim = {
    segment: () => runKinesim(WORKLOAD),
    record: () => runKinesim(WORKLOAD, ["granularity=record"]),
  };
  const runs =
    version === undefined
      ? alternate<SimpyRun | KinesimRun>(rounds, kinesim)
      : alternate<SimpyRun | KinesimRun>(rounds, { simpy: runSimpy, ...kinesim });
  const simpy = (runs.simpy ?? []) as SimpyRun[];
  const segment = runs.segment as KinesimRun[];
  const record = runs.record as KinesimRun[];
  const simpyMs = simpy.map((run) => run.wallMs);
  const segmentRatios = pairRatios(
    simpyMs,
    segment.map((run) => run.wallMs),
  );
  const recordRatios = pairRatios(
    simpyMs,
    record.map((run) => run.wallMs),
  );
  return {
    rounds,
    python: version === undefined ? NOT_MEASURED : `${PYTHON}, SimPy ${version}`,
    simpy,
    segment,
    record,
    segmentRatios,
    recordRatios,
    segmentSpeedup: median(segmentRatios),
    recordSpeedup: median(recordRatios),
  };
}

export function simpyRows(result: SimpyResult): TargetRow[] {
  const segmentLabel = "16 shards, 60 s: SimPy ÷ kinesim default (segment)";
  const recordLabel = "16 shards, 60 s: SimPy ÷ kinesim record mode";
  if (result.simpy.length === 0) {
    const missing = (benchmark: string, min: number): TargetRow => ({
      benchmark,
      measured: result.python,
      target: `≥ ${times(min)}`,
      verdict: "not measured",
    });
    return [missing(segmentLabel, SEGMENT_VS_SIMPY_MIN), missing(recordLabel, RECORD_VS_SIMPY_MIN)];
  }
  const basis = (ratios: readonly number[]) =>
    `median of ${ratios.length} paired ratios (${ratios.map(times).join(", ")})`;
  const segment = atLeast(segmentLabel, result.segmentSpeedup, SEGMENT_VS_SIMPY_MIN, times);
  segment.basis = basis(result.segmentRatios);
  const record = atLeast(recordLabel, result.recordSpeedup, RECORD_VS_SIMPY_MIN, times);
  record.basis = basis(result.recordRatios);
  return [segment, record];
}
