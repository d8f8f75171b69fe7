import type { LimitsProfile } from "../../models/limits/profile.js";
import { US_PER_HOUR } from "../engine/time-units.js";
import { MAX_OFFERED_RATE } from "../experiment/config/magnitude-bounds.js";
import { parseDurationUs, parseSizeBytes } from "../experiment/config/units.js";
import { UserError } from "../experiment/config/user-error.js";
import { DEFAULT_PARTITION_KEY_BYTES } from "../experiment/plan/plan-simulation.js";
import type { PlanInput } from "../experiment/plan/plan-stream.js";
import { int } from "../format/number-format.js";

/** `kinesim plan`'s flags as commander hands them over (strings, booleans). */
export interface PlanFlags {
  readonly recordsPerSecond?: string;
  readonly recordSize?: string;
  readonly keySize?: string;
  readonly consumers?: string;
  readonly efo?: boolean;
  readonly retention?: string;
}

const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const WHOLE = /^\d+$/;

/**
 * Validates `kinesim plan`'s flags into a PlanInput; every mistake is one UserError line
 * naming the flag.
 */
export function parsePlanFlags(flags: PlanFlags, profile: LimitsProfile): PlanInput {
  const rate = recordsPerSecond(flags.recordsPerSecond);
  const record = recordBytes(flags.recordSize, profile);
  const key = keyBytes(flags.keySize, profile);
  // The max record size counts data and partition key together (kinesis-facts.md §1); the
  // keys --simulate writes are never longer than the mean rounded up.
  if (record + Math.ceil(key) > profile.maxRecordBytes) {
    throw new UserError(
      `--record-size: expected a size up to ${profile.maxRecordBytes - Math.ceil(key)} B (the max record size, ${profile.maxRecordBytes} B, counts the ${Math.ceil(key)} B partition key too), got "${flags.recordSize}"`,
    );
  }
  return {
    recordsPerSecond: rate,
    recordBytes: record,
    partitionKeyBytes: key,
    consumers: consumers(flags.consumers, Boolean(flags.efo), profile),
    efo: Boolean(flags.efo),
    retentionHours: retentionHours(flags.retention, profile),
  };
}

function recordsPerSecond(text: string | undefined): number {
  if (text === undefined) throw new UserError("--records-per-second: required, e.g. 5000");
  const value = Number(text.trim());
  if (!NUMBER.test(text.trim()) || !Number.isFinite(value) || value <= 0) {
    throw new UserError(`--records-per-second: expected a positive number, got "${text}"`);
  }
  // The experiments' bound (magnitude-bounds.ts): a million shards' worth of records, so
  // every count the plan prints is a whole number written out.
  if (value > MAX_OFFERED_RATE) {
    throw new UserError(
      `--records-per-second: expected at most ${int(MAX_OFFERED_RATE)} (a million shards' worth), got "${text}"`,
    );
  }
  return value;
}

function size(flag: string, text: string): number {
  try {
    return parseSizeBytes(text);
  } catch (error) {
    throw new UserError(`${flag}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function recordBytes(text: string | undefined, profile: LimitsProfile): number {
  if (text === undefined) throw new UserError("--record-size: required, e.g. 2KB");
  const bytes = size("--record-size", text);
  // The same bounds as an experiment file's recordSize (kinesis-facts.md §1: 1 MiB records).
  if (bytes < 1 || bytes > profile.maxRecordBytes) {
    throw new UserError(
      `--record-size: expected a size from 1 B to ${profile.maxRecordBytes} B, got "${text}"`,
    );
  }
  return bytes;
}

function keyBytes(text: string | undefined, profile: LimitsProfile): number {
  if (text === undefined) return DEFAULT_PARTITION_KEY_BYTES;
  const bytes = size("--key-size", text);
  // kinesis-facts.md §1: keys of at most 256 characters; plan assumes one byte per character.
  if (bytes < 1 || bytes > profile.partitionKeyMaxChars) {
    throw new UserError(
      `--key-size: expected a mean partition-key size from 1 B to ${profile.partitionKeyMaxChars} B, got "${text}"`,
    );
  }
  return bytes;
}

/**
 * Most consumer applications: a shard answers 5 GetRecords calls a second from all of them
 * together (kinesis-facts.md §2), so a thousand applications could each poll a shard only
 * once every 200 s; and it keeps the read side's shard count a whole number written out.
 */
export const PLAN_MAX_CONSUMERS = 1000;

function consumers(text: string | undefined, efo: boolean, profile: LimitsProfile): number {
  if (text === undefined) return 1;
  const value = Number(text.trim());
  if (!WHOLE.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UserError(`--consumers: expected a whole number ≥ 0, got "${text}"`);
  }
  // Enhanced fan-out registers at most 20 consumers per stream (kinesis-facts.md §3).
  const max = efo ? profile.efoMaxConsumersPerStream : PLAN_MAX_CONSUMERS;
  if (value > max) {
    const why = efo
      ? "the enhanced fan-out consumers a stream may register"
      : "a shard answers 5 GetRecords calls a second from all of them";
    throw new UserError(`--consumers: expected at most ${int(max)} (${why}), got "${text}"`);
  }
  return value;
}

/** `--retention 168` (hours) or a duration such as `7d`; within the profile's 24 h–8,760 h (§7). */
function retentionHours(text: string | undefined, profile: LimitsProfile): number {
  const minHours = profile.retentionMinUs / US_PER_HOUR;
  const maxHours = profile.retentionMaxUs / US_PER_HOUR;
  if (text === undefined) return profile.retentionDefaultUs / US_PER_HOUR;
  const trimmed = text.trim();
  let hours: number;
  if (NUMBER.test(trimmed)) {
    hours = Number(trimmed);
  } else {
    try {
      hours = parseDurationUs(trimmed) / US_PER_HOUR;
    } catch {
      throw new UserError(
        `--retention: expected hours (e.g. 168) or a duration like "7d", got "${text}"`,
      );
    }
  }
  if (!(hours >= minHours && hours <= maxHours)) {
    throw new UserError(`--retention: expected ${minHours} to ${maxHours} hours, got "${text}"`);
  }
  return hours;
}
