import type { ConsumerApplication } from "../../models/consumers/consumer-application.js";
import type { OperationRequest, StreamOperations } from "../../models/stream/stream-operations.js";
import type { Simulation } from "../engine/simulation.js";
import type { EventConfig } from "./config-types.js";
import { UserError } from "./user-error.js";

/** Schedules an experiment's `events:` on the simulation clock. */
export function scheduleEvents(
  simulation: Simulation,
  events: readonly EventConfig[],
  consumers: readonly ConsumerApplication[],
  operations: StreamOperations,
): void {
  for (const event of events) {
    if (event.kind === "stopConsumer" || event.kind === "startConsumer") {
      const consumer = consumers.find((candidate) => candidate.settings.name === event.consumer);
      if (consumer === undefined)
        throw new UserError(`events: no consumer named "${event.consumer}"`);
      simulation.scheduleAt(event.atUs, () =>
        event.kind === "stopConsumer" ? consumer.readers.pause() : consumer.readers.resume(),
      );
    } else {
      const request = operationRequest(event);
      simulation.scheduleAt(event.atUs, () => operations.request(request));
    }
  }
}

function operationRequest(event: Exclude<EventConfig, { consumer: string }>): OperationRequest {
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
