import { MAX_TRACE_RECORDS } from "../../../models/workload/trace/record-trace.js";
import { US_PER_SECOND } from "../../engine/time-units.js";
import { int } from "../../format/number-format.js";
import type { ExperimentConfig } from "./config-types.js";
import { failAt as fail } from "./format-error.js";
import { traceCopies } from "./work-budget.js";

/**
 * In segment mode a tick lists the size of every copy of a trace's records it sends
 * (models/producers/sources/trace-segments.ts), and the shard lists those it refuses: some
 * 180 bytes a copy. One record scaled by `volumeScale: 1.5e8` aborted V8 ("invalid size
 * error") and 1e7 copies at one instant took 1.8 GB. A tick holds at most the trace's busiest
 * second of copies (a second for every second of `resolution`, when longer) and at most the
 * run's copies; this refuses a trace whose ticks could hold more than {@link MAX_TRACE_RECORDS},
 * as many records as a trace may hold (5 million at one instant took 830 MB).
 */
export function checkTraceTicks(config: ExperimentConfig): void {
  if (config.granularity !== "segment") return;
  const seconds = Math.max(1, config.resolutionUs / US_PER_SECOND);
  config.producers.forEach((producer, i) => {
    const trace = producer.trace;
    if (trace === undefined || !Array.isArray(producer.rate)) return;
    let busiest = 0;
    for (const point of producer.rate) busiest = Math.max(busiest, point.rate);
    const atOnce = Math.min(busiest * seconds, traceCopies(trace, config.durationUs));
    if (atOnce <= MAX_TRACE_RECORDS) return;
    fail(
      trace.volumeScale > 1 ? ["producers", i, "trace", "volumeScale"] : ["resolution"],
      `producer ${producer.name} would send up to ${int(atOnce)} records of its trace at once (its busiest second × volumeScale${seconds > 1 ? ` × ${seconds} s of resolution` : ""}); kinesim holds at most ${int(MAX_TRACE_RECORDS)} at once, as many as a trace may hold`,
    );
  });
}
