import type { ConsumerConfig, EventConfig } from "./config-types.js";
import type { FinalizeContext } from "./finalize-context.js";
import { failAt as fail, previewValue } from "./format-error.js";
import { formatDurationUs } from "./units.js";

/**
 * `events:` within the run, naming consumers that exist, none before its consumer launches;
 * in time order (the sort is stable: equal times keep their file order).
 */
export function finalizeEvents(
  context: FinalizeContext,
  consumers: readonly ConsumerConfig[],
): EventConfig[] {
  const { file, check } = context;
  const consumerNames = new Set(consumers.map((c) => c.name));
  const events: EventConfig[] = file.events.map((e, i) => {
    check(
      e.atUs <= file.duration,
      ["events", i, "at"],
      `a time within the duration (${formatDurationUs(file.duration)})`,
    );
    if (
      (e.kind === "stopConsumer" || e.kind === "startConsumer") &&
      !consumerNames.has(e.consumer)
    ) {
      const known =
        consumers.length === 0
          ? "there are no consumers"
          : `consumers are ${consumers.map((c) => c.name).join(", ")}`;
      fail(["events", i, e.kind], `no consumer named ${previewValue(e.consumer)} (${known})`);
    }
    if (e.kind === "stopConsumer" || e.kind === "startConsumer") {
      const launchAtUs = consumers.find((c) => c.name === e.consumer)?.launchAtUs ?? 0;
      check(
        e.atUs >= launchAtUs,
        ["events", i, "at"],
        `a time at or after ${e.consumer}'s launchAt (${formatDurationUs(launchAtUs)})`,
      );
    }
    return e;
  });
  return events.sort((a, b) => a.atUs - b.atUs);
}
