import { performance } from "node:perf_hooks";
import { Simulation } from "../src/engine/simulation.js";
import { DELAY_SHIFT, LCG_INCREMENT, LCG_MULTIPLIER, LCG_SEED } from "./lcg.js";
import type { HoldWorkload, WorkloadRun } from "./workload.js";

/**
 * The hold workload through the kinesim kernel: `Simulation.schedule` callbacks that
 * reschedule themselves, with the same population and the same delay sequence as
 * {@link runBareHeap}, so both execute the same events in the same order.
 */
export function runKernel(workload: HoldWorkload): WorkloadRun {
  const simulation = new Simulation();
  let state = LCG_SEED;
  let scheduled = 0;
  let lastTime = 0;

  const tick = (): void => {
    lastTime = simulation.nowUs;
    if (scheduled < workload.events) {
      state = (Math.imul(state, LCG_MULTIPLIER) + LCG_INCREMENT) >>> 0;
      simulation.schedule(1 + (state >>> DELAY_SHIFT), tick);
      scheduled++;
    }
  };

  const startedMs = performance.now();
  for (let i = 0; i < workload.population; i++) {
    state = (Math.imul(state, LCG_MULTIPLIER) + LCG_INCREMENT) >>> 0;
    simulation.schedule(1 + (state >>> DELAY_SHIFT), tick);
    scheduled++;
  }
  simulation.run(Number.MAX_SAFE_INTEGER);
  const wallMs = performance.now() - startedMs;
  return { events: simulation.eventsProcessed, wallMs, lastTimeUs: lastTime };
}
