import { US_PER_SECOND } from "../../engine/time-units.js";
import type { EventConfig } from "../config/config-types.js";
import type { RunEvent } from "./result-types.js";

/**
 * The experiment's scheduled `events:` that result.json does not already carry elsewhere, as
 * the run applied them: consumer and KCL worker stops and starts, and producer spikes.
 * Resharding requests are in `operations[]` (with who asked and when they completed), so they
 * are not repeated here. Events past the run's end never happened and are left out. Sorted by
 * time, then in file order, so the same experiment gives the same timeline.
 */
export function runEvents(events: readonly EventConfig[], durationUs: number): RunEvent[] {
  const applied: RunEvent[] = [];
  for (const event of events) {
    if (event.atUs > durationUs) continue;
    const atSeconds = event.atUs / US_PER_SECOND;
    switch (event.kind) {
      case "stopConsumer":
      case "startConsumer": {
        const verb = event.kind === "stopConsumer" ? "stopped" : "started";
        applied.push({
          atSeconds,
          kind: event.kind,
          target: event.consumer,
          text: `consumer application ${event.consumer} ${verb}`,
        });
        break;
      }
      case "stopWorker":
      case "startWorker": {
        const verb = event.kind === "stopWorker" ? "stopped" : "started";
        applied.push({
          atSeconds,
          kind: event.kind,
          target: `${event.consumer}/${event.worker}`,
          text: `KCL worker ${event.worker} of ${event.consumer} ${verb}`,
        });
        break;
      }
      case "spike": {
        const forSeconds = event.forUs / US_PER_SECOND;
        applied.push({
          atSeconds,
          kind: "spike",
          target: event.producer,
          text: `producer ${event.producer} at ${event.factor}× its rate for ${forSeconds} s`,
        });
        break;
      }
      default:
        // split, merge and updateShardCount: operations[] has them.
        break;
    }
  }
  // A stable sort keeps file order among events at the same instant.
  return applied.sort((a, b) => a.atSeconds - b.atSeconds);
}
