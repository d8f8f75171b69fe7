import type { ConsumerApplication } from "../../../models/consumers/consumer-application.js";
import type { Narrator } from "../../../models/narration/narrator.js";
import type { OperationRequest } from "../../../models/stream/operation-request.js";
import type { StreamOperations } from "../../../models/stream/stream-operations.js";
import type { Simulation } from "../../engine/simulation.js";
import type { EventConfig } from "../config/config-types.js";
import { UserError } from "../config/user-error.js";

/** Schedules an experiment's `events:` on the simulation clock. */
export function scheduleEvents(
  simulation: Simulation,
  events: readonly EventConfig[],
  consumers: readonly ConsumerApplication[],
  operations: StreamOperations,
  narrator?: Narrator,
): void {
  for (const event of events) {
    if (event.kind === "stopConsumer" || event.kind === "startConsumer") {
      const consumer = consumers.find((candidate) => candidate.settings.name === event.consumer);
      if (consumer === undefined)
        throw new UserError(`events: no consumer named "${event.consumer}"`);
      simulation.scheduleAt(event.atUs, () => {
        const restartedFrom =
          event.kind === "startConsumer" &&
          consumer.readers.running === false &&
          consumer.readers.stoppedLongerThanIterators(event.atUs)
            ? restartWords(consumer)
            : undefined;
        if (event.kind === "stopConsumer") consumer.readers.pause();
        else consumer.readers.resume();
        narrator?.note({
          kind: "consumer",
          atUs: event.atUs,
          consumer: event.consumer,
          action: event.kind === "stopConsumer" ? "stopped" : "started",
          ...(restartedFrom === undefined ? {} : { restartedFrom }),
        });
      });
    } else if (event.kind === "stopWorker" || event.kind === "startWorker") {
      const consumer = consumers.find((candidate) => candidate.settings.name === event.consumer);
      const leases = consumer?.leases;
      if (leases === undefined) {
        throw new UserError(
          `events: "${event.consumer}" is not a KCL application (consumers[].kcl)`,
        );
      }
      if (event.worker < 1 || event.worker > leases.workers) {
        throw new UserError(
          `events: "${event.consumer}" has workers 1 to ${leases.workers}, not ${event.worker}`,
        );
      }
      simulation.scheduleAt(event.atUs, () =>
        event.kind === "stopWorker"
          ? leases.stopWorker(event.worker)
          : leases.startWorker(event.worker),
      );
    } else if (event.kind === "spike") {
      // Spikes are part of their producer's rate, given to it when it is built.
    } else {
      const request = operationRequest(event);
      simulation.scheduleAt(event.atUs, () => operations.request(request));
    }
  }
}

/** Where an application restarted after its iterators expired goes on, for narration. */
function restartWords(consumer: ConsumerApplication): string {
  if (consumer.leases !== undefined) return "checkpoint";
  const { restartFrom, startAt } = consumer.settings;
  return restartFrom === "lastRecord" ? "lastRecord" : startAt.type;
}

function operationRequest(
  event: Extract<EventConfig, { kind: "split" | "merge" | "updateShardCount" }>,
): OperationRequest {
  switch (event.kind) {
    case "split":
      return {
        kind: "split",
        shardId: event.shardId,
        ...(event.newStartingHashKey === undefined
          ? {}
          : { newStartingHashKey: BigInt(event.newStartingHashKey) }),
      };
    case "merge":
      return { kind: "merge", shardIds: event.shardIds };
    case "updateShardCount":
      return { kind: "updateShardCount", target: event.target };
  }
}
