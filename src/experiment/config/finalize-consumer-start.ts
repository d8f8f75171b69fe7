import type { StartSettings } from "../../../models/consumers/consumer-settings.js";
import { failAt as fail } from "./format-error.js";
import type { ParsedExperimentFile } from "./schema.js";
import { formatDurationUs } from "./units.js";

type ParsedConsumer = ParsedExperimentFile["consumers"][number];

/**
 * A consumer's start settings (startAt, timestamp, launchAt, restartFrom), checked: an
 * AT_TIMESTAMP start needs its time, at most when the application starts (it reads records
 * already in the stream); the application starts before the run ends; restartFrom is for
 * applications without the KCL, which restart from their checkpoints.
 */
export function finalizeConsumerStart(
  consumer: ParsedConsumer,
  index: number,
  durationUs: number,
): StartSettings {
  const at = (key: string) => ["consumers", index, key] as const;
  const launchAtUs = consumer.launchAt ?? 0;
  if (launchAtUs >= durationUs) {
    fail(
      at("launchAt"),
      `expected a time before the end of the run (${formatDurationUs(durationUs)}), got ${formatDurationUs(launchAtUs)}`,
    );
  }
  if (consumer.restartFrom !== undefined && consumer.kcl !== undefined) {
    fail(at("restartFrom"), "only without kcl (a KCL application restarts from its checkpoints)");
  }
  const restartFrom = consumer.restartFrom ?? "lastRecord";
  if (consumer.startAt !== "AT_TIMESTAMP") {
    if (consumer.timestamp !== undefined) {
      fail(at("timestamp"), `only with startAt: AT_TIMESTAMP (startAt is ${consumer.startAt})`);
    }
    return { startAt: { type: consumer.startAt }, launchAtUs, restartFrom };
  }
  const timestampUs = consumer.timestamp;
  if (timestampUs === undefined) {
    return fail(
      at("timestamp"),
      "required with startAt: AT_TIMESTAMP (the time of the first record to read, e.g. 5m)",
    );
  }
  if (timestampUs > launchAtUs) {
    fail(
      at("timestamp"),
      `expected a time at most the application's start (launchAt ${formatDurationUs(launchAtUs)}): AT_TIMESTAMP reads records already in the stream; got ${formatDurationUs(timestampUs)}`,
    );
  }
  return { startAt: { type: "AT_TIMESTAMP", timestampUs }, launchAtUs, restartFrom };
}
