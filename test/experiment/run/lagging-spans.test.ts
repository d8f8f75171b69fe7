import { describe, expect, it } from "vitest";
import { mergeLaggingSpans } from "../../../src/experiment/run/lagging-spans.js";

const S = 1_000_000;

describe("mergeLaggingSpans", () => {
  it("merges overlapping shards' spans: the application caught up when the last shard did", () => {
    const spans = [
      { fromUs: 10 * S, toUs: 50 * S },
      { fromUs: 12 * S, toUs: 70 * S },
    ];
    expect(mergeLaggingSpans(spans, 10 * S)).toEqual([{ fromUs: 10 * S, toUs: 70 * S }]);
  });

  it("a span still open keeps the episode open", () => {
    const spans = [
      { fromUs: 10 * S, toUs: undefined },
      { fromUs: 20 * S, toUs: 30 * S },
    ];
    expect(mergeLaggingSpans(spans, 10 * S)).toEqual([{ fromUs: 10 * S, toUs: undefined }]);
  });

  it("falling behind again within the lagging age of catching up is the same episode", () => {
    // The iot-gateway lesson's end of catch-up: under the mark at 4,205 s, over at 4,209 s.
    const spans = [
      { fromUs: 609 * S, toUs: 4205 * S },
      { fromUs: 4209 * S, toUs: 4210 * S },
    ];
    expect(mergeLaggingSpans(spans, 10 * S)).toEqual([{ fromUs: 609 * S, toUs: 4210 * S }]);
  });

  it("falling behind again after the lagging age is a new episode", () => {
    const spans = [
      { fromUs: 0, toUs: 100 * S },
      { fromUs: 110 * S, toUs: 120 * S },
    ];
    expect(mergeLaggingSpans(spans, 10 * S)).toEqual(spans);
  });

  it("orders episodes by start whatever the shard order, and leaves its input alone", () => {
    const spans = [
      { fromUs: 300 * S, toUs: 400 * S },
      { fromUs: 0, toUs: 100 * S },
    ];
    const copy = structuredClone(spans);
    expect(mergeLaggingSpans(spans, S).map((span) => span.fromUs)).toEqual([0, 300 * S]);
    expect(spans).toEqual(copy);
  });
});
