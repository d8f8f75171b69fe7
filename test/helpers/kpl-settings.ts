import type { KplSettings } from "../../models/producers/kpl/kpl-settings.js";

/**
 * The KPL's defaults as a producer's settings hold them (kinesis-facts.md §8), retrying as the
 * KPL does (`backoff: "none"`): what tests that build a KplClient by hand start from.
 */
export const KPL_TEST_SETTINGS: KplSettings = {
  aggregation: true,
  aggregationMaxCount: 4_294_967_295,
  aggregationMaxSizeBytes: 51_200,
  collectionMaxCount: 500,
  collectionMaxSizeBytes: 5_242_880,
  recordMaxBufferedTimeUs: 100_000,
  recordTtlUs: 30_000_000,
  rateLimitPercent: 150,
  failIfThrottled: false,
  backoff: "none",
};
