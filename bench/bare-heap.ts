import { performance } from "node:perf_hooks";
import { DELAY_SHIFT, LCG_INCREMENT, LCG_MULTIPLIER, LCG_SEED } from "./lcg.js";
import type { HoldWorkload, WorkloadRun } from "./workload.js";

/** A bare event: what the kernel's queue orders by, without the action or cancel flag. */
interface BareEvent {
  readonly time: number;
  readonly seq: number;
}

/**
 * The baseline: a plain array min-heap of {time, seq} ordered like the kernel's queue
 * (time, then scheduling order), running the hold workload with no callbacks at all.
 */
export function runBareHeap(workload: HoldWorkload): WorkloadRun {
  const heap: BareEvent[] = [];
  let state = LCG_SEED;
  let seq = 0;
  let scheduled = 0;
  let processed = 0;
  let lastTime = 0;

  const push = (event: BareEvent): void => {
    let index = heap.length;
    heap.push(event);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as BareEvent;
      if (!(event.time < parent.time || (event.time === parent.time && event.seq < parent.seq)))
        break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = event;
  };

  const pop = (): BareEvent | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const length = heap.length;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      let childEvent = heap[left] as BareEvent;
      if (right < length) {
        const rightEvent = heap[right] as BareEvent;
        if (
          rightEvent.time < childEvent.time ||
          (rightEvent.time === childEvent.time && rightEvent.seq < childEvent.seq)
        ) {
          child = right;
          childEvent = rightEvent;
        }
      }
      if (
        !(
          childEvent.time < last.time ||
          (childEvent.time === last.time && childEvent.seq < last.seq)
        )
      )
        break;
      heap[index] = childEvent;
      index = child;
    }
    heap[index] = last;
    return top;
  };

  const startedMs = performance.now();
  for (let i = 0; i < workload.population; i++) {
    state = (Math.imul(state, LCG_MULTIPLIER) + LCG_INCREMENT) >>> 0;
    push({ time: 1 + (state >>> DELAY_SHIFT), seq: seq++ });
    scheduled++;
  }
  for (;;) {
    const event = pop();
    if (event === undefined) break;
    processed++;
    lastTime = event.time;
    if (scheduled < workload.events) {
      state = (Math.imul(state, LCG_MULTIPLIER) + LCG_INCREMENT) >>> 0;
      push({ time: event.time + 1 + (state >>> DELAY_SHIFT), seq: seq++ });
      scheduled++;
    }
  }
  const wallMs = performance.now() - startedMs;
  return { events: processed, wallMs, lastTimeUs: lastTime };
}
