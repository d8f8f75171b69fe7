import { describe, expect, it } from "vitest";
import { runEvents } from "../../../src/experiment/run/run-events.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { consumer, experiment, producer } from "../../helpers/experiment.js";

const S = 1_000_000;

describe("result.events", () => {
  it("lists the consumer stops and starts and spikes the run applied, in time order", () => {
    const { result } = simulateWithSeries(
      experiment({
        durationUs: 20 * S,
        stream: { shards: 2 },
        producers: [producer({ name: "orders" })],
        consumers: [consumer({ name: "archiver" })],
        events: [
          { atUs: 12 * S, kind: "startConsumer", consumer: "archiver" },
          { atUs: 4 * S, kind: "stopConsumer", consumer: "archiver" },
          { atUs: 6 * S, kind: "split", shardId: "shardId-000000000000" },
          { atUs: 8 * S, kind: "spike", producer: "orders", factor: 3, forUs: 2 * S },
          // After the run's end: never applied, so not listed.
          { atUs: 25 * S, kind: "stopConsumer", consumer: "archiver" },
        ],
      }),
    );
    expect(result.events).toEqual([
      {
        atSeconds: 4,
        kind: "stopConsumer",
        target: "archiver",
        text: "consumer application archiver stopped",
      },
      {
        atSeconds: 8,
        kind: "spike",
        target: "orders",
        text: "producer orders at 3× its rate for 2 s",
      },
      {
        atSeconds: 12,
        kind: "startConsumer",
        target: "archiver",
        text: "consumer application archiver started",
      },
    ]);
    // The split is an operation, with its own record there, not repeated among events.
    expect(result.operations.map((op) => [op.atSeconds, op.split])).toEqual([
      [6, "shardId-000000000000"],
    ]);
  });

  it("names a KCL worker by application and number", () => {
    expect(
      runEvents([{ atUs: 3 * S, kind: "stopWorker", consumer: "billing", worker: 2 }], 10 * S),
    ).toEqual([
      {
        atSeconds: 3,
        kind: "stopWorker",
        target: "billing/2",
        text: "KCL worker 2 of billing stopped",
      },
    ]);
  });

  it("keeps file order among events at the same instant", () => {
    const kinds = runEvents(
      [
        { atUs: S, kind: "stopConsumer", consumer: "b" },
        { atUs: S, kind: "startConsumer", consumer: "a" },
      ],
      10 * S,
    ).map((event) => event.target);
    expect(kinds).toEqual(["b", "a"]);
  });
});
