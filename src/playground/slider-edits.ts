import { stringify } from "yaml";
import { DEFAULT_PROFILE } from "../index.js";

/**
 * The playground's sliders as `--set path=value` assignments on the experiment document, so
 * a browser run is exactly `kinesim run <lesson> --set …` with the same assignments (the page
 * shows that command). Pure: the document is the YAML as parsed, before validation, and is
 * never changed.
 */

/** Where the sliders stand. */
export interface SliderValues {
  /** stream.shards. */
  readonly shards: number;
  /** Multiplies every producer's offered rate (1: as written). */
  readonly rateFactor: number;
  /** 0: the experiment's own keys; above 0: one hot key takes this share of every producer's records. */
  readonly hotKeyShare: number;
  /** How many polling consumer applications read the stream. */
  readonly pollingConsumers: number;
}

/** The keys a hot-key share stands for: one hot key, the rest spread over 1,000 keys. */
const HOT_KEY_CARDINALITY = 1000;

type Doc = Record<string, unknown>;

function asRecord(value: unknown): Doc | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Doc)
    : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isPolling(consumer: unknown): boolean {
  const record = asRecord(consumer);
  // Without a mode, a KCL application reads by enhanced fan-out (the KCL's default).
  const mode = record?.mode ?? (record?.kcl === undefined ? "polling" : "efo");
  return mode === "polling";
}

/** The slider positions that change nothing: what the document says. */
export function baseSliderValues(document: unknown): SliderValues {
  const doc = asRecord(document) ?? {};
  const shards = asRecord(doc.stream)?.shards;
  return {
    // An on-demand stream without `shards` starts with the profile's initial count.
    shards: typeof shards === "number" ? shards : DEFAULT_PROFILE.onDemandInitialShards,
    rateFactor: 1,
    hotKeyShare: 0,
    pollingConsumers: asList(doc.consumers).filter(isPolling).length,
  };
}

/** A value as a `--set` right-hand side: YAML flow, on one line. */
export function flowValue(value: unknown): string {
  return stringify(value, { collectionStyle: "flow", lineWidth: 0 }).trim();
}

/** Rounds away binary noise (3000 × 1.1 = 3300.0000000000005) so commands stay readable. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** A rate as written (a number, "N/s", "N/min") times a factor; anything else unchanged. */
function scaleRate(rate: unknown, factor: number): unknown {
  if (typeof rate === "number") return round(rate * factor);
  if (typeof rate === "string") {
    const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|min)\s*$/.exec(rate);
    if (match !== null) return `${round(Number(match[1]) * factor)}/${match[2]}`;
  }
  return rate;
}

/** A producer's rate (number, profile of points, daily curve or hourly profile) times a factor. */
function scaleRateSetting(rate: unknown, factor: number): unknown {
  if (Array.isArray(rate)) {
    return rate.map((point) => {
      const fields = asRecord(point);
      return fields === undefined ? point : { ...fields, rate: scaleRate(fields.rate, factor) };
    });
  }
  const hourly = asRecord(rate)?.hourly;
  if (Array.isArray(hourly)) return { hourly: hourly.map((value) => scaleRate(value, factor)) };
  const daily = asRecord(asRecord(rate)?.daily);
  if (daily !== undefined) {
    return {
      daily: {
        ...daily,
        peak: scaleRate(daily.peak, factor),
        trough: scaleRate(daily.trough, factor),
      },
    };
  }
  return scaleRate(rate, factor);
}

function rateEdits(producers: unknown[], factor: number): string[] {
  const edits: string[] = [];
  producers.forEach((entry, i) => {
    const producer = asRecord(entry) ?? {};
    // Replayed traffic has no rate: its volumeScale multiplies the replayed records.
    for (const replay of ["trace", "cloudwatch"] as const) {
      const settings = asRecord(producer[replay]);
      if (settings === undefined) continue;
      const scale = typeof settings.volumeScale === "number" ? settings.volumeScale : 1;
      edits.push(`producers[${i}].${replay}.volumeScale=${round(scale * factor)}`);
    }
    if (producer.rate !== undefined) {
      edits.push(`producers[${i}].rate=${flowValue(scaleRateSetting(producer.rate, factor))}`);
    }
  });
  return edits;
}

function keyEdits(producers: unknown[], share: number): string[] {
  const keys = {
    distribution: "hotShare",
    share: round(share),
    hotKeys: 1,
    cardinality: HOT_KEY_CARDINALITY,
  };
  // A record trace brings its own keys; every other producer draws them.
  return producers.flatMap((entry, i) =>
    asRecord(entry)?.trace === undefined ? [`producers[${i}].keys=${flowValue(keys)}`] : [],
  );
}

/** The first free name of the form reader-N. */
function freshName(taken: Set<string>): string {
  let n = taken.size + 1;
  while (taken.has(`reader-${n}`)) n++;
  return `reader-${n}`;
}

/**
 * The consumer list with `count` polling applications: the first ones as written (enhanced
 * fan-out consumers stay), then plain polling readers named reader-N.
 */
function consumerList(consumers: unknown[], count: number): unknown[] {
  let keptPolling = 0;
  const kept = consumers.filter((consumer) => {
    if (!isPolling(consumer)) return true;
    keptPolling++;
    return keptPolling <= count;
  });
  const taken = new Set(kept.map((consumer) => String(asRecord(consumer)?.name)));
  for (let added = keptPolling; added < count; added++) {
    const name = freshName(taken);
    taken.add(name);
    kept.push({ name, mode: "polling" });
  }
  return kept;
}

/** The `--set` assignments for the sliders; none for a slider left where the document has it. */
export function sliderOverrides(document: unknown, values: SliderValues): string[] {
  const doc = asRecord(document) ?? {};
  const base = baseSliderValues(document);
  const producers = asList(doc.producers);
  const edits: string[] = [];
  if (values.shards !== base.shards) edits.push(`stream.shards=${values.shards}`);
  if (values.rateFactor !== 1) edits.push(...rateEdits(producers, values.rateFactor));
  if (values.hotKeyShare > 0) edits.push(...keyEdits(producers, values.hotKeyShare));
  if (values.pollingConsumers !== base.pollingConsumers) {
    const list = consumerList(asList(doc.consumers), values.pollingConsumers);
    edits.push(`consumers=${flowValue(list)}`);
  }
  return edits;
}
