import { clearlyWithin } from "../../src/engine/clearly-within.js";
import type { LimitsProfile } from "../limits/profile.js";

/**
 * How AWS meters Kinesis usage (kinesis-facts.md §11), as plain functions of a record's size.
 * The two unit definitions below are billing conventions that the limits profile does not
 * (yet) carry; they are named here, once, with their source.
 */

/**
 * Bytes in a billed GB: 2^30 (a GiB), not 10^9. The pricing page defines the on-demand
 * Data-In unit as "the size of each record rounded up to the nearest 1 KB (1,024 bytes)",
 * and its provisioned example computes 100 records/s × 35 KB = "3.4 MB/sec" (3,500 ÷ 1,024):
 * AWS's pricing uses binary multiples throughout, so a billed GB is 1,024³ bytes. (The choice
 * is worth 7.4 %: 10^9-byte GBs would bill 1.074× more of them.)
 */
export const BILLING_GB_BYTES = 1024 ** 3;

/**
 * Age after which stored data is billed as long-term retention (kinesis-facts.md §11: extended
 * retention covers 24 h–7 d, long-term retention "> 7 d"): 7 × 24 h.
 */
export const LONG_TERM_RETENTION_AFTER_HOURS = 7 * 24;

/**
 * PUT payload units of one record (kinesis-facts.md §11): the record is billed in chunks of
 * `profile.putPayloadUnitBytes` (25 KiB = 25,600 bytes), at least one.
 *
 * AWS's examples: a 5 KB record is 1 unit, 45 KB is 2, and "1 MB" is 40. The last holds for
 * 1,000,000 bytes (39.06 chunks → 40) and for 1,000 KiB = 1,024,000 bytes (exactly 40 chunks),
 * i.e. AWS's "1 MB" there means a thousand KB; a full 1 MiB record (1,048,576 bytes, the
 * largest record) is 40.96 chunks → 41 units.
 */
export function putPayloadUnitsPerRecord(recordBytes: number, profile: LimitsProfile): number {
  return Math.max(1, Math.ceil(recordBytes / profile.putPayloadUnitBytes));
}

/**
 * Bytes one record bills as on-demand Data-In (kinesis-facts.md §11): its size rounded up to a
 * multiple of `profile.onDemandInRoundingBytes` (1 KiB), so a 100-byte record bills 1,024.
 */
export function onDemandBilledBytesPerRecord(recordBytes: number, profile: LimitsProfile): number {
  const unit = profile.onDemandInRoundingBytes;
  return Math.max(1, Math.ceil(recordBytes / unit)) * unit;
}

/**
 * PUT payload units of a run of `records` records totalling `bytes`, billing each at the
 * run's mean size (how segments are metered; exact for a segment of one record).
 */
export function putPayloadUnitsOf(records: number, bytes: number, profile: LimitsProfile): number {
  if (records === 0) return 0;
  // Records of at most one chunk on average bill one unit each: no need to divide (every
  // shard's every tick meters its run).
  if (clearlyWithin(bytes, records * profile.putPayloadUnitBytes)) return records;
  return records * putPayloadUnitsPerRecord(bytes / records, profile);
}

/** On-demand billed Data-In bytes of a run of `records` records totalling `bytes` (mean size). */
export function onDemandBilledBytesOf(
  records: number,
  bytes: number,
  profile: LimitsProfile,
): number {
  if (records === 0) return 0;
  const unit = profile.onDemandInRoundingBytes;
  if (clearlyWithin(bytes, records * unit)) return records * unit;
  return records * onDemandBilledBytesPerRecord(bytes / records, profile);
}
