import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { KplClient } from "../../../models/producers/kpl/kpl-client.js";
import { createdAt, type Segment } from "../../../models/shards/segment.js";
import { KPL_TEST_SETTINGS } from "../../helpers/kpl-settings.js";

/** Ten records created over [0, 1.1 s]: record j at 100 ms·(j + 1). */
const segment: Segment = {
  count: 10,
  bytes: 10_000,
  firstCreatedUs: 0,
  lastCreatedUs: 1_100_000,
  producer: 0,
  shard: 0,
};

describe("KPL RecordTtl expiry of a run of records", () => {
  const client = new KplClient(KPL_TEST_SETTINGS, DEFAULT_PROFILE, 1000, 8);

  it("expires exactly the records created before the cutoff", () => {
    // At 30.45 s the cutoff is 0.45 s: records at 0.1–0.4 s expire, 0.5 s on stay.
    const [expired, alive] = client.expire(segment, 30_450_000);
    expect(expired).toBe(4);
    expect(alive?.count).toBe(6);
    const at = (s: Segment, j: number) => createdAt(s.firstCreatedUs, s.lastCreatedUs, j, s.count);
    expect(alive === undefined ? -1 : at(alive, 0)).toBe(500_000);
  });

  it("expires the whole run when its last record is older than the cutoff, though the span's end is not", () => {
    // Cutoff 1.05 s: the last record (1.0 s) is older, the span's end (1.1 s) is not.
    expect(client.expire(segment, 31_050_000)).toEqual([10, undefined]);
  });
});
