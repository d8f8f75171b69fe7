import { runBareHeap } from "./bare-heap.js";
import { bestOf } from "./best-of.js";
import { runKernel } from "./kernel-loop.js";
import { MAX_DELAY_US } from "./lcg.js";
import type { HoldWorkload, WorkloadRun } from "./workload.js";

export interface LoopResult {
  events: number;
  wallMs: number;
  eventsPerSecond: number;
}

export interface KernelBenchResult {
  workload: { events: number; population: number; maxDelayUs: number; runs: number };
  bareHeap: LoopResult;
  kernel: LoopResult;
  /** Kernel events/s ÷ bare-heap events/s: 1 is parity, 0.5 is "2× slower". */
  ratio: number;
  /** Kernel wall time ÷ bare-heap wall time: the slowdown factor the 2× target is about. */
  slowdown: number;
  /** Both loops ended at the same simulated time, i.e. ran the same schedule. */
  sameSchedule: boolean;
}

const RUNS = 3;

/** Times both loops on the same workload: one warm-up each, then the best of {@link RUNS}. */
export function benchKernel(workload: HoldWorkload): KernelBenchResult {
  runBareHeap(workload);
  runKernel(workload);
  const bare = bestOf(RUNS, () => runBareHeap(workload));
  const kernel = bestOf(RUNS, () => runKernel(workload));
  const bareHeap = toLoopResult(bare);
  const kernelResult = toLoopResult(kernel);
  return {
    workload: { ...workload, maxDelayUs: MAX_DELAY_US, runs: RUNS },
    bareHeap,
    kernel: kernelResult,
    ratio: kernelResult.eventsPerSecond / bareHeap.eventsPerSecond,
    slowdown: kernel.wallMs / bare.wallMs,
    sameSchedule: bare.events === kernel.events && bare.lastTimeUs === kernel.lastTimeUs,
  };
}

function toLoopResult(run: WorkloadRun): LoopResult {
  return {
    events: run.events,
    wallMs: run.wallMs,
    eventsPerSecond: run.events / (run.wallMs / 1000),
  };
}
