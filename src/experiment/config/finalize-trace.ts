import type { LimitsProfile } from "../../../models/limits/profile.js";
import type { TraceReplaySettings } from "../../../models/producers/producer-settings.js";
import { createKeySpace } from "../../../models/workload/keys/create-key-space.js";
import { utf8Length } from "../../../models/workload/keys/key-space.js";
import type { KeysConfig } from "../../../models/workload/keys/keys-config.js";
import { longestKeyBytes } from "../../../models/workload/keys/longest-key.js";
import type { RatePoint } from "../../../models/workload/rate-profile.js";
import type { RecordSizeConfig } from "../../../models/workload/record-size.js";
import { parseCloudWatchExport } from "../../../models/workload/trace/cloudwatch-export.js";
import { parseRecordTrace, type RecordTrace } from "../../../models/workload/trace/record-trace.js";
import { TraceFormatError } from "../../../models/workload/trace/trace-error.js";
import { type TraceFormat, traceFormatOf } from "../../../models/workload/trace/trace-rows.js";
import { US_PER_SECOND } from "../../engine/time-units.js";
import { int } from "../../format/number-format.js";
import { failAt as fail } from "./format-error.js";
import type { ParsedExperimentFile } from "./schema.js";
import { formatBytes } from "./units.js";

/**
 * Reads a file named in an experiment (a trace), relative to the experiment file; throws a
 * UserError when it cannot. Parsing stays free of I/O: the caller (the CLI, the library's
 * loader, a sweep worker, the browser playground) decides where files come from.
 */
export type TraceReader = (path: string) => string;

type Path = readonly PropertyKey[];
type ParsedProducer = ParsedExperimentFile["producers"][number];

/** What a replayed file gives a producer in place of its rate, keys and sizes. */
export interface ReplayedTraffic {
  readonly rate: number | readonly RatePoint[];
  readonly arrival: "poisson" | "constant";
  readonly recordSize: RecordSizeConfig;
  readonly keys: KeysConfig;
  readonly trace?: TraceReplaySettings;
}

/** Reads and parses a trace file, turning every mistake into one line naming the file. */
function readAndParse<T>(
  read: TraceReader | undefined,
  file: string,
  at: Path,
  parse: (text: string) => T,
): T {
  if (read === undefined) {
    fail(at, `cannot read "${file}" here: load the experiment from a file (loadExperimentFile)`);
  }
  const text = read(file);
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TraceFormatError) fail(at, `${file}: ${error.message}`);
    throw error;
  }
}

function formatOf(file: string, given: TraceFormat | undefined, at: Path): TraceFormat {
  const format = given ?? traceFormatOf(file);
  if (format === undefined) {
    fail(at, `cannot tell the format of "${file}" from its extension: add format: csv or ndjson`);
  }
  return format;
}

/** A record trace's sizes as an empirical distribution (distinct sizes ascending). */
export function empiricalSizesOf(
  trace: RecordTrace,
): Extract<RecordSizeConfig, { distribution: "empirical" }> {
  const counts = new Map<number, number>();
  for (const size of trace.sizes) counts.set(size, (counts.get(size) ?? 0) + 1);
  const bytes = [...counts.keys()].sort((a, b) => a - b);
  return { distribution: "empirical", bytes, counts: bytes.map((size) => counts.get(size) ?? 0) };
}

/** `recordSize: {distribution: trace, file}` → the empirical distribution of the file's sizes. */
export function traceRecordSizes(
  file: string,
  format: TraceFormat | undefined,
  at: Path,
  read: TraceReader | undefined,
  profile: LimitsProfile,
  keyBytes: number,
): RecordSizeConfig {
  const filePath = [...at, "file"];
  const trace = readAndParse(read, file, filePath, (text) =>
    parseRecordTrace(text, formatOf(file, format, [...at, "format"])),
  );
  const sizes = empiricalSizesOf(trace);
  const largest = sizes.bytes.at(-1) ?? 0;
  const smallest = sizes.bytes[0] ?? 0;
  // The record limit counts the partition key too (kinesis-facts.md §1).
  const dataLimit = profile.maxRecordBytes - keyBytes;
  if (smallest < 1 || largest > dataLimit) {
    fail(
      filePath,
      `${file}: sizes must be between 1 B and ${int(dataLimit)} B (the stream's max record size, ${formatBytes(profile.maxRecordBytes)}, less the longest partition key, ${keyBytes} B), found ${smallest < 1 ? smallest : largest} B`,
    );
  }
  return sizes;
}

/** `producers[].trace`: the records of the file, their keys and sizes, scaled. */
export function replayRecordTrace(
  settings: NonNullable<ParsedProducer["trace"]>,
  at: Path,
  read: TraceReader | undefined,
  profile: LimitsProfile,
): ReplayedTraffic {
  const filePath = [...at, "file"];
  const trace = readAndParse(read, settings.file, filePath, (text) =>
    parseRecordTrace(text, formatOf(settings.file, settings.format, [...at, "format"])),
  );
  const maxChars = profile.partitionKeyMaxChars;
  for (const key of trace.keys) {
    if (Array.from(key).length > maxChars) {
      fail(
        filePath,
        `${settings.file}: partition key "${key.slice(0, 40)}…" is longer than ${maxChars} characters`,
      );
    }
  }
  const keyBytes = trace.keys.map(utf8Length);
  trace.sizes.forEach((size, i) => {
    const total = size + (keyBytes[trace.keyIndex[i] as number] as number);
    if (total > profile.maxRecordBytes) {
      fail(
        filePath,
        `${settings.file}: a record of ${formatBytes(total)} with its key is larger than ${formatBytes(profile.maxRecordBytes)}`,
      );
    }
  });
  const counts = new Array<number>(trace.keys.length).fill(0);
  for (const index of trace.keyIndex) counts[index] = (counts[index] as number) + 1;
  const timesUs = trace.timesUs.map((us) => Math.round(us * settings.timeScale));
  checkSpan(timesUs.at(-1) as number, settings.timeScale, filePath, settings.file);
  const n = timesUs.length;
  const lastUs = timesUs[n - 1] as number;
  // The trace lasts until its last record plus one mean gap, so that repeating it keeps its
  // mean rate; a trace whose records all share one instant lasts one second.
  const spanUs = n > 1 && lastUs > 0 ? Math.round((lastUs * n) / (n - 1)) : US_PER_SECOND;
  return {
    rate: perSecondRate(timesUs, settings.volumeScale, filePath, settings.file),
    arrival: "poisson",
    recordSize: empiricalSizesOf(trace),
    keys: { distribution: "empirical", keys: trace.keys, hashKeys: trace.hashKeys, counts },
    trace: {
      timesUs,
      keyIndex: trace.keyIndex,
      sizes: trace.sizes,
      volumeScale: settings.volumeScale,
      ...(settings.repeat ? { repeatEveryUs: spanUs } : {}),
    },
  };
}

/**
 * The most steps a trace's per-second rate may take. A step is an object of some 80 bytes,
 * against 20 bytes for a record's columns: a trace whose records sit alone in their seconds
 * (a sparse log over months) makes two per record, so this bounds the rate's memory at about
 * 160 MB. A dense trace makes at most one a second, 2 million being 23 days of them.
 */
const MAX_RATE_STEPS = 2_000_000;

/**
 * The trace's records per second, second by second (times already scaled), as a rate profile
 * of steps: the producer's rate for sizing and skew (`kinesim skew` sees the trace's busiest
 * second, not its mean) and for its batching tick. The replay itself follows the records.
 * Walks the (sorted) times once: a step where the count changes, so a sparse trace (records
 * years apart) makes a few points, not one per second of its span.
 */
function perSecondRate(
  timesUs: Float64Array,
  volumeScale: number,
  filePath: Path,
  file: string,
): RatePoint[] {
  const points: RatePoint[] = [];
  const step = (second: number, count: number) => {
    const rate = count * volumeScale;
    if (points.at(-1)?.rate === rate) return;
    if (points.length === MAX_RATE_STEPS) {
      fail(
        filePath,
        `${file}: its count of records per second changes more than ${int(MAX_RATE_STEPS)} times (a record alone in its second makes two changes): more than kinesim keeps for a trace's rate`,
      );
    }
    points.push({ atUs: second * US_PER_SECOND, rate });
  };
  let second = 0;
  let count = 0;
  for (const us of timesUs) {
    const at = Math.floor(us / US_PER_SECOND);
    if (at !== second) {
      step(second, count);
      // The seconds between are empty.
      if (at > second + 1) step(second + 1, 0);
      second = at;
      count = 0;
    }
    count++;
  }
  step(second, count);
  return points;
}

/**
 * Refuses a replay whose end (`endUs`, times scaled) outruns the engine's clock: simulated time is whole
 * microseconds in a double, exact to 2^53 µs (about 285 years, design.md), the longest run
 * there can be, so later records could never be sent.
 */
function checkSpan(endUs: number, timeScale: number, filePath: Path, file: string): void {
  if (endUs <= Number.MAX_SAFE_INTEGER) return;
  const years = endUs / US_PER_SECOND / SECONDS_PER_YEAR;
  fail(
    filePath,
    `${file}: spans about ${int(Math.round(years))} years from its first time to its last${timeScale === 1 ? "" : ` (after timeScale ${timeScale})`}: more than the longest run kinesim can simulate, 2^53 µs (about 285 years)`,
  );
}

const SECONDS_PER_YEAR = 365.25 * 86_400;

/**
 * `producers[].cloudwatch`: a rate that steps every period to the period's records, and a
 * record size per period of IncomingBytes ÷ IncomingRecords less the mean key (the byte
 * limits count the key too, kinesis-facts.md §1). `within: uniform` spaces a period's records
 * evenly (the exact count); `poisson` draws Poisson arrivals at the period's rate.
 */
export function replayCloudWatch(
  settings: NonNullable<ParsedProducer["cloudwatch"]>,
  keys: KeysConfig,
  at: Path,
  read: TraceReader | undefined,
  profile: LimitsProfile,
): ReplayedTraffic {
  // The producer's own keys: the export says nothing about partition keys.
  const filePath = [...at, "file"];
  const periodSeconds = settings.period === undefined ? undefined : settings.period / US_PER_SECOND;
  const meanKeyBytes = createKeySpace(keys).meanKeyBytes;
  const metrics = readAndParse(read, settings.file, filePath, (text) =>
    parseCloudWatchExport(text, periodSeconds, meanKeyBytes),
  );
  if (!metrics.records.some((records) => records > 0)) {
    fail(filePath, `${settings.file}: every period has IncomingRecords 0: nothing to replay`);
  }
  const periodUs = Math.max(1, Math.round(metrics.periodUs * settings.timeScale));
  checkSpan(metrics.records.length * periodUs, settings.timeScale, filePath, settings.file);
  // No record may outgrow the stream's max record size with its key (kinesis-facts.md §1).
  const dataLimit = profile.maxRecordBytes - longestKeyBytes(keys);
  const points: RatePoint[] = [];
  const sizes: number[] = [];
  let size = 1;
  metrics.records.forEach((records, i) => {
    const rate = (records * settings.volumeScale * US_PER_SECOND) / periodUs;
    if (points.at(-1)?.rate !== rate) points.push({ atUs: i * periodUs, rate });
    if (records > 0) {
      const perRecord = (metrics.bytes[i] as number) / records - meanKeyBytes;
      size = Math.max(1, Math.min(dataLimit, Math.round(perRecord)));
    }
    sizes.push(size);
  });
  points.push({ atUs: metrics.records.length * periodUs, rate: 0 });
  // A leading period without records takes the first known size.
  const firstSize = sizes.find((_, i) => (metrics.records[i] as number) > 0) ?? 1;
  for (let i = 0; i < sizes.length && (metrics.records[i] as number) === 0; i++)
    sizes[i] = firstSize;
  return {
    rate: points,
    arrival: settings.within === "uniform" ? "constant" : "poisson",
    recordSize: { distribution: "perPeriod", periodUs, bytes: sizes },
    keys,
  };
}
