import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { KplClient } from "../../../models/producers/kpl/kpl-client.js";
import { runSegment, type Segment } from "../../../models/shards/segment.js";
import { KPL_TEST_SETTINGS } from "../../helpers/kpl-settings.js";

// V8's own test of whether two objects share a hidden class, reached through the flag that
// allows its natives syntax (set before the function that uses it is compiled).
setFlagsFromString("--allow-natives-syntax");
const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b);") as (
  a: object,
  b: object,
) => boolean;

/** Pairs of consecutive objects that share a hidden class. */
function sharedPairs(objects: readonly object[]): number {
  let shared = 0;
  for (let i = 1; i < objects.length; i++) {
    if (haveSameMap(objects[i] as object, objects[i - 1] as object)) shared++;
  }
  return shared;
}

/** A tick's runs as a producer draws them: rates that differ from tick to tick. */
function drawnRuns(count: number): Segment[] {
  return Array.from({ length: count }, (_, i) =>
    runSegment(10 + (i % 7), 10_000, i * 10_000, (i + 1) * 10_000, 0, i % 50, 333.3 + i * 0.1),
  );
}

describe("segments made on the write path share one hidden class", () => {
  it("holds for the check itself: a spread with a key added gives each object its own", () => {
    // What the segments below must not be built as: in this V8 every such object gets a
    // hidden class of its own, which held 80 MB of classes in a thousand-shard KPL run and
    // made every access to segments megamorphic.
    const spread = drawnRuns(100).map((segment) => ({ ...segment, recordWeight: 0.25 }));
    expect(sharedPairs(spread)).toBeLessThan(50);
  });

  it("holds for a KPL producer's aggregated runs", () => {
    const client = new KplClient(KPL_TEST_SETTINGS, DEFAULT_PROFILE, 1000, 8);
    const aggregated = drawnRuns(100).map((segment) => client.aggregate(segment, 1000));
    expect(aggregated.every((segment) => (segment.recordWeight ?? 1) < 1)).toBe(true);
    expect(sharedPairs(aggregated)).toBe(99);
  });

  it("holds for runs that list their records' sizes", () => {
    const listed = drawnRuns(100).map(({ count, bytes, firstCreatedUs, lastCreatedUs, shard }) =>
      runSegment(count, bytes, firstCreatedUs, lastCreatedUs, 0, shard, 1.5, { bytes: [1, 2] }),
    );
    expect(sharedPairs(listed)).toBe(99);
  });
});
