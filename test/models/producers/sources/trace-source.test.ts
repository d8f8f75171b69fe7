/**
 * TraceSource (models/producers/sources/trace-source.ts): a trace's records at their own
 * times, keys and sizes, taken one by one (record mode) or gathered per open shard between
 * two instants (segment mode). Exact: nothing here is drawn (volumeScale 1).
 */
import { describe, expect, it } from "vitest";
import { TraceCursor } from "../../../../models/producers/sources/trace-cursor.js";
import { TraceSource } from "../../../../models/producers/sources/trace-source.js";
import type { Shard } from "../../../../models/shards/shard.js";
import { KeyObserver } from "../../../../models/skew/key-observer.js";
import { createKeySpace } from "../../../../models/workload/keys/create-key-space.js";
import { randomStream } from "../../../../src/engine/random-streams.js";
import { evenStream } from "../../../helpers/even-stream.js";

const S = 1_000_000;

/** Key i of the space is "k<i>" (2 bytes): each is sent to shard i mod 2 by the route below. */
const keys = createKeySpace({ distribution: "fixed", keys: ["k0", "k1", "k2", "k3"] });

const stream = () => evenStream(2);

/** A trace of records at `timesUs`, record j with key j mod 4 and 100 + j bytes of data. */
function source(timesUs: readonly number[], horizonUs: number, listSizes = true) {
  const observer = new KeyObserver(keys.cardinality);
  const cursor = new TraceCursor(
    {
      timesUs: Float64Array.from(timesUs),
      keyIndex: Uint32Array.from(timesUs.map((_, j) => j % 4)),
      sizes: Float64Array.from(timesUs.map((_, j) => 100 + j)),
      volumeScale: 1,
    },
    randomStream(1, "trace"),
  );
  const route = (_router: unknown, keyIndex: number) => keyIndex % 2;
  return {
    observer,
    source: new TraceSource(cursor, keys, route, observer, 3, listSizes, horizonUs),
  };
}

describe("a trace source in record mode", () => {
  it("gives the trace's times, keys and sizes, and ends with the trace or the horizon", () => {
    const times = [1 * S, 2 * S, 2 * S, 5 * S];
    const take = (horizonUs: number) => {
      const { source: s } = source(times, horizonUs);
      const taken: [number, number, number][] = [];
      let nowUs = 0;
      for (let at = s.nextArrival(nowUs); at >= 0; at = s.nextArrival(nowUs)) {
        expect(s.relative).toBe(false);
        expect(s.arrives).toBe(true);
        nowUs = at;
        const record = s.take();
        taken.push([at, record.keyIndex, record.sizeBytes]);
      }
      return taken;
    };
    expect(take(10 * S)).toEqual([
      [1 * S, 0, 100],
      [2 * S, 1, 101],
      [2 * S, 2, 102],
      [5 * S, 3, 103],
    ]);
    expect(take(4 * S)).toEqual([
      [1 * S, 0, 100],
      [2 * S, 1, 101],
      [2 * S, 2, 102],
    ]);
  });
});

describe("a trace source in segment mode", () => {
  it("gathers the records of [from, to) per shard, with their sizes and keys counted", () => {
    const { source: s, observer } = source([1 * S, 2 * S, 3 * S, 4 * S, 6 * S], 10 * S);
    const router = stream().router;
    const segments = s.segmentsBetween(router, 0, 5 * S);
    // Records 0 and 2 (keys k0, k2: 2 B each) go to shard 0, records 1 and 3 to shard 1; the
    // record at 6 s is not yet created. The tick's rate is its own count: 4 records in 5 s.
    expect(segments).toEqual([
      {
        count: 2,
        bytes: 100 + 2 + 102 + 2,
        firstCreatedUs: 0,
        lastCreatedUs: 5 * S,
        producer: 3,
        shard: (router.shards[0] as Shard).index,
        density: 0.8,
        listed: { bytes: [102, 104] },
      },
      {
        count: 2,
        bytes: 101 + 2 + 103 + 2,
        firstCreatedUs: 0,
        lastCreatedUs: 5 * S,
        producer: 3,
        shard: (router.shards[1] as Shard).index,
        density: 0.8,
        listed: { bytes: [103, 105] },
      },
    ]);
    expect(observer.entries().map((entry) => [entry.keyIndex, entry.estimate])).toEqual(
      expect.arrayContaining([
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    );
    expect(s.takeOversize()).toEqual([]);
    expect(s.segmentsBetween(router, 5 * S, 6 * S)).toEqual([]);
    expect(s.segmentsBetween(router, 6 * S, 7 * S).map((segment) => segment.count)).toEqual([1]);
  });

  it("lists no sizes for a KPL producer, which aggregates its records", () => {
    const { source: s } = source([1 * S, 2 * S], 10 * S, false);
    const segments = s.segmentsBetween(stream().router, 0, 3 * S);
    expect(segments.map((segment) => segment.listed)).toEqual([undefined, undefined]);
  });
});
