import {
  onDemandBilledBytesPerRecord,
  putPayloadUnitsPerRecord,
} from "../../../models/cost/billing-units.js";
import type { LimitsProfile } from "../../../models/limits/profile.js";
import type { ProducerSettings } from "../../../models/producers/producer-settings.js";
import { baseRate } from "../../../models/workload/create-rate-source.js";
import { createKeySpace } from "../../../models/workload/keys/create-key-space.js";
import { utf8Length } from "../../../models/workload/keys/key-space.js";
import { createRecordSizeModel } from "../../../models/workload/record-size.js";
import { US_PER_DAY, US_PER_HOUR, US_PER_SECOND } from "../../engine/time-units.js";
import type { ExperimentConfig } from "../config/config-types.js";

/**
 * The traffic an experiment file offers, summed over its producers, over one representative
 * period: what `kinesim plan <experiment>` sizes and prices. No simulation: rates are
 * integrated exactly, traces are walked record by record.
 */
export interface OfferedTraffic {
  /** The representative period, and why it is that long. */
  readonly periodUs: number;
  readonly periodReason: string;
  /** Width of the buckets the peak is taken over (1 s unless the period is very long). */
  readonly bucketUs: number;
  /** Highest records/s and bytes/s (data + key) in any bucket, bursts at their on-factor. */
  readonly peakRecordsPerSecond: number;
  readonly peakBytesPerSecond: number;
  /** Start of the bucket with the most bytes/s. */
  readonly peakAtUs: number;
  /** Over the period, bursts at their long-run mean factor. */
  readonly records: number;
  /** Data + partition-key bytes. */
  readonly bytes: number;
  /** On-demand Data-In bytes (each record rounded up to 1 KiB, kinesis-facts.md §11). */
  readonly onDemandBilledBytes: number;
  /** Provisioned PUT payload units (25 KiB chunks, kinesis-facts.md §11). */
  readonly putPayloadUnits: number;
  /** What the sizing leaves out or approximates, one sentence each. */
  readonly notes: string[];
}

/** At most this many buckets (a day of seconds is 86,400; a trace of months gets wider ones). */
const MAX_BUCKETS = 1_000_000;

/**
 * The experiment's offered traffic over its representative period: a day when a producer
 * follows a daily curve or an hourly profile, a replayed trace's or CloudWatch export's length,
 * the run's duration for steps and ramps, the longest of these when producers differ, and an
 * hour when every rate is constant (any period gives the same answer).
 */
export function offeredTraffic(config: ExperimentConfig, profile: LimitsProfile): OfferedTraffic {
  const { periodUs, periodReason } = representativePeriod(config);
  const bucketUs = Math.max(
    US_PER_SECOND,
    Math.ceil(periodUs / MAX_BUCKETS / US_PER_SECOND) * US_PER_SECOND,
  );
  const buckets = Math.ceil(periodUs / bucketUs);
  const peakRecords = new Float64Array(buckets);
  const peakBytes = new Float64Array(buckets);
  const totals = { records: 0, bytes: 0, onDemandBilledBytes: 0, putPayloadUnits: 0 };
  const notes: string[] = [];
  for (const producer of config.producers) {
    const window = { periodUs, bucketUs, buckets };
    const series =
      producer.trace !== undefined
        ? traceSeries(producer, window, profile)
        : generatedSeries(producer, window, profile);
    const { peakFactor, meanFactor } = burstFactors(producer);
    for (let b = 0; b < buckets; b++) {
      peakRecords[b] = (peakRecords[b] as number) + (series.records[b] as number) * peakFactor;
      peakBytes[b] = (peakBytes[b] as number) + (series.bytes[b] as number) * peakFactor;
    }
    totals.records += series.totals.records * meanFactor;
    totals.bytes += series.totals.bytes * meanFactor;
    totals.onDemandBilledBytes += series.totals.onDemandBilledBytes * meanFactor;
    totals.putPayloadUnits += series.totals.putPayloadUnits * meanFactor;
    if (producer.bursts !== undefined) {
      notes.push(
        `${producer.name} bursts: its peak is taken at the on-factor (${producer.bursts.onFactor}×), its volume at the long-run mean (${round3(meanFactor)}×)`,
      );
    }
    if (producer.kpl?.aggregation === true) {
      notes.push(
        `${producer.name} aggregates with the KPL: its user records are counted as Kinesis records, so its records/s are an upper bound`,
      );
    }
  }
  if (config.events.some((event) => event.kind === "spike")) {
    notes.push("spike events are one-off: they are not in the representative period");
  }
  let peakIndex = 0;
  let peakRecordsPerSecond = 0;
  for (let b = 0; b < buckets; b++) {
    peakRecordsPerSecond = Math.max(peakRecordsPerSecond, peakRecords[b] as number);
    if ((peakBytes[b] as number) > (peakBytes[peakIndex] as number)) peakIndex = b;
  }
  const seconds = bucketUs / US_PER_SECOND;
  return {
    periodUs,
    periodReason,
    bucketUs,
    peakRecordsPerSecond: peakRecordsPerSecond / seconds,
    peakBytesPerSecond: (peakBytes[peakIndex] as number) / seconds,
    peakAtUs: peakIndex * bucketUs,
    ...totals,
    notes,
  };
}

interface Window {
  readonly periodUs: number;
  readonly bucketUs: number;
  readonly buckets: number;
}

interface ProducerSeries {
  /** Records and bytes (data + key) per bucket. */
  readonly records: Float64Array;
  readonly bytes: Float64Array;
  readonly totals: {
    records: number;
    bytes: number;
    onDemandBilledBytes: number;
    putPayloadUnits: number;
  };
}

function representativePeriod(config: ExperimentConfig): {
  periodUs: number;
  periodReason: string;
} {
  let periodUs = 0;
  let periodReason = "every rate is constant: an hour stands for any period";
  const longer = (us: number, reason: string) => {
    if (us > periodUs) {
      periodUs = us;
      periodReason = reason;
    }
  };
  for (const producer of config.producers) {
    const rate = producer.rate;
    if (producer.trace !== undefined) {
      longer(traceSpanUs(producer), `${producer.name}'s trace, its whole length`);
    } else if (typeof rate === "object" && ("daily" in rate || "hourly" in rate)) {
      longer(US_PER_DAY, `${producer.name}'s rate repeats daily`);
    } else if (producer.recordSize.distribution === "perPeriod" && Array.isArray(rate)) {
      longer(
        (rate.at(-1) as { atUs: number }).atUs,
        `${producer.name}'s CloudWatch export, its whole length`,
      );
    } else if (Array.isArray(rate) && rate.length > 1) {
      longer(config.durationUs, `the run's duration: ${producer.name}'s rate changes over it`);
    }
  }
  return periodUs > 0 ? { periodUs, periodReason } : { periodUs: US_PER_HOUR, periodReason };
}

/** As the replay repeats it: until the last record plus one mean gap (finalize-trace.ts). */
function traceSpanUs(producer: ProducerSettings): number {
  const trace = producer.trace as NonNullable<ProducerSettings["trace"]>;
  if (trace.repeatEveryUs !== undefined) return trace.repeatEveryUs;
  const n = trace.timesUs.length;
  const lastUs = trace.timesUs[n - 1] as number;
  return n > 1 && lastUs > 0 ? Math.round((lastUs * n) / (n - 1)) : US_PER_SECOND;
}

/** Bursts multiply the rate: by the on-factor at worst, by the time-weighted mean in the long run. */
function burstFactors(producer: ProducerSettings): { peakFactor: number; meanFactor: number } {
  const bursts = producer.bursts;
  if (bursts === undefined) return { peakFactor: 1, meanFactor: 1 };
  const meanFactor =
    (bursts.onFactor * bursts.meanOnUs + bursts.offFactor * bursts.meanOffUs) /
    (bursts.meanOnUs + bursts.meanOffUs);
  return { peakFactor: Math.max(bursts.onFactor, bursts.offFactor), meanFactor };
}

/**
 * A producer that draws its records: its rate integrated over each bucket, and its mean record
 * size (a CloudWatch replay's size per period). Billing units use the mean size, as the run's
 * meter does for a segment.
 */
function generatedSeries(
  producer: ProducerSettings,
  window: Window,
  profile: LimitsProfile,
): ProducerSeries {
  const keys = createKeySpace(producer.keys);
  const rate = baseRate(producer.rate);
  const sizeConfig = producer.recordSize;
  let bucketStartUs = 0;
  const sizes = createRecordSizeModel(
    sizeConfig,
    () => bucketStartUs,
    profile.maxRecordBytes - keys.meanKeyBytes,
  );
  const records = new Float64Array(window.buckets);
  const bytes = new Float64Array(window.buckets);
  const totals = { records: 0, bytes: 0, onDemandBilledBytes: 0, putPayloadUnits: 0 };
  for (let b = 0; b < window.buckets; b++) {
    bucketStartUs = b * window.bucketUs;
    const endUs = Math.min(window.periodUs, bucketStartUs + window.bucketUs);
    const count = rate.expectedCount(bucketStartUs, endUs) * (1 - sizes.oversizeShare);
    const recordBytes = dataBytesAt(sizeConfig, bucketStartUs, sizes.meanBytes) + keys.meanKeyBytes;
    records[b] = count;
    bytes[b] = count * recordBytes;
    totals.records += count;
    totals.bytes += count * recordBytes;
    totals.onDemandBilledBytes += count * onDemandBilledBytesPerRecord(recordBytes, profile);
    totals.putPayloadUnits += count * putPayloadUnitsPerRecord(recordBytes, profile);
  }
  return { records, bytes, totals };
}

/** Mean data bytes of the records sent at `timeUs`: a CloudWatch replay's period's, or the mean. */
function dataBytesAt(
  config: ProducerSettings["recordSize"],
  timeUs: number,
  meanBytes: number,
): number {
  if (config.distribution !== "perPeriod") return meanBytes;
  const period = Math.min(config.bytes.length - 1, Math.floor(timeUs / config.periodUs));
  return config.bytes[period] as number;
}

/**
 * A replayed trace: each record (times the volume scale) in its bucket with its own size and
 * key; copies of the trace follow each other when it repeats.
 */
function traceSeries(
  producer: ProducerSettings,
  window: Window,
  profile: LimitsProfile,
): ProducerSeries {
  const trace = producer.trace as NonNullable<ProducerSettings["trace"]>;
  const keys = producer.keys.distribution === "empirical" ? producer.keys.keys : [];
  const keyBytes = keys.map(utf8Length);
  const records = new Float64Array(window.buckets);
  const bytes = new Float64Array(window.buckets);
  const totals = { records: 0, bytes: 0, onDemandBilledBytes: 0, putPayloadUnits: 0 };
  const copies =
    trace.repeatEveryUs === undefined ? 1 : Math.ceil(window.periodUs / trace.repeatEveryUs);
  const scale = trace.volumeScale;
  for (let copy = 0; copy < copies; copy++) {
    const offsetUs = copy * (trace.repeatEveryUs ?? 0);
    for (let i = 0; i < trace.timesUs.length; i++) {
      const atUs = (trace.timesUs[i] as number) + offsetUs;
      if (atUs >= window.periodUs) break;
      const recordBytes = (trace.sizes[i] as number) + (keyBytes[trace.keyIndex[i] as number] ?? 0);
      const b = Math.floor(atUs / window.bucketUs);
      records[b] = (records[b] as number) + scale;
      bytes[b] = (bytes[b] as number) + scale * recordBytes;
      totals.records += scale;
      totals.bytes += scale * recordBytes;
      totals.onDemandBilledBytes += scale * onDemandBilledBytesPerRecord(recordBytes, profile);
      totals.putPayloadUnits += scale * putPayloadUnitsPerRecord(recordBytes, profile);
    }
  }
  return { records, bytes, totals };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
