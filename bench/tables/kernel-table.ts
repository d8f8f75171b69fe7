import { integer, millis, rate } from "../format.js";
import type { KernelBenchResult } from "../kernel-bench.js";
import { renderTable } from "../table.js";

/** Extra rows: the kernel beside a bare binary-heap loop, in the bench's process. */
export function kernelTable(kernel: KernelBenchResult, maxSlowdown: number): string {
  const { workload } = kernel;
  const title =
    `Extra: kernel vs bare heap: ${integer(workload.events)} events, ` +
    `${integer(workload.population)} pending, delays 1–${workload.maxDelayUs} µs, best of ` +
    `${workload.runs} after a warm-up`;
  const table = renderTable(
    [
      { header: "loop", align: "left" },
      { header: "events", align: "right" },
      { header: "wall ms", align: "right" },
      { header: "events/s", align: "right" },
    ],
    (
      [
        ["bare heap", kernel.bareHeap],
        ["kinesim kernel", kernel.kernel],
      ] as const
    ).map(([label, loop]) => [
      label,
      integer(loop.events),
      millis(loop.wallMs),
      rate(loop.eventsPerSecond),
    ]),
  );
  const verdict = kernel.slowdown <= maxSlowdown ? "within" : "OUTSIDE";
  const summary =
    `ratio kernel ÷ bare (events/s): ${kernel.ratio.toFixed(2)} ` +
    `(kernel ${kernel.slowdown.toFixed(2)}× the bare loop's time, ${verdict} the ` +
    `${maxSlowdown}× target)` +
    (kernel.sameSchedule ? "" : "\nWARNING: the two loops did not run the same schedule");
  return `${title}\n\n${table}\n\n${summary}`;
}
