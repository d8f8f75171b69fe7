import { clock, duration } from "../../format/number-format.js";
import type { ConsumerResult, RunResult } from "../run/result-types.js";

/**
 * Under the consumer table: what "max behind" measures, and for each application that fell
 * behind, from when and when it caught up (or that it had not by the end).
 */
export function laggingLines(result: RunResult): string[] {
  const consumers = result.consumers.filter((c) => c.maxOldestUnreadAgeMs !== undefined);
  if (consumers.length === 0) return [];
  const lines = ["  max behind: the oldest unread record's age, read or not (IteratorAge)"];
  for (const c of consumers) {
    lines.push(...lagSpanWords(c, "the end").map((words) => `  ${c.name}: ${words}`));
  }
  return lines;
}

/**
 * Each span an application was behind (its oldest unread record at least `laggingSeconds`
 * old), in words: "over 10 s behind from 4:00, caught up at 4:31". At most three, then how
 * many more; none when it never fell behind. `end` names where the run stopped ("the end").
 * Shared by the summary and `kinesim explain`, so both say the same.
 */
export function lagSpanWords(consumer: Pick<ConsumerResult, "lagging">, end: string): string[] {
  const lagging = consumer.lagging;
  if (lagging === undefined || lagging.spans.length === 0) return [];
  const over = duration(lagging.laggingSeconds * 1000);
  const words = lagging.spans.slice(0, 3).map((span) => {
    const caughtUp =
      span.caughtUpAtSeconds === null
        ? `not caught up by ${end}`
        : `caught up at ${clock(span.caughtUpAtSeconds)}`;
    return `over ${over} behind from ${clock(span.fromSeconds)}, ${caughtUp}`;
  });
  if (lagging.spans.length > 3) words.push(`${lagging.spans.length - 3} more such spans`);
  return words;
}
