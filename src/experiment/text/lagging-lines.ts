import { clock, duration } from "../../format/number-format.js";
import type { RunResult } from "../run/result-types.js";

/**
 * Under the consumer table: what "max behind" measures, and for each application that fell
 * behind, from when and when it caught up (or that it had not by the end).
 */
export function laggingLines(result: RunResult): string[] {
  const consumers = result.consumers.filter((c) => c.maxOldestUnreadAgeMs !== undefined);
  if (consumers.length === 0) return [];
  const lines = ["  max behind: the oldest unread record's age, read or not (IteratorAge)"];
  for (const c of consumers) {
    const spans = c.lagging?.spans ?? [];
    if (spans.length === 0 || c.lagging === undefined) continue;
    const over = duration(c.lagging.laggingSeconds * 1000);
    for (const span of spans.slice(0, 3)) {
      const end =
        span.caughtUpAtSeconds === null
          ? "not caught up by the end"
          : `caught up at ${clock(span.caughtUpAtSeconds)}`;
      lines.push(`  ${c.name}: over ${over} behind from ${clock(span.fromSeconds)}, ${end}`);
    }
    if (spans.length > 3) lines.push(`  ${c.name}: ${spans.length - 3} more such spans`);
  }
  return lines;
}
