import { DEFAULT_PROFILE } from "../index.js";
import { asList, asRecord, drawsKeys, isPolling, producerName } from "./document-fields.js";
import { scaleRateSetting } from "./rate-scaling.js";

/**
 * Where the sliders start for a document: each at the value the document has, so a slider
 * left alone changes nothing. A slider that cannot show the document's value (producers
 * with different hot-key shares, a rate it cannot multiply) is blocked, with the reason as
 * its tooltip, rather than set to something the document does not say.
 */

/** Where the sliders stand. */
export interface SliderValues {
  /** stream.shards. */
  readonly shards: number;
  /** Multiplies every producer's offered rate (1: as written). */
  readonly rateFactor: number;
  /** 0: no hot key; above 0: one share of every key-drawing producer's records on its hot keys. */
  readonly hotKeyShare: number;
  /** How many polling consumer applications read the stream. */
  readonly pollingConsumers: number;
}

export type SliderName = keyof SliderValues;

export interface SliderStart {
  readonly values: SliderValues;
  /** Why a slider cannot show the document's value; such a slider is disabled. */
  readonly blocked: Readonly<Partial<Record<SliderName, string>>>;
}

const UNREADABLE = "the text is not an experiment the sliders can read yet (see the message)";

/** The share a producer's keys put on hot keys: `hotShare`'s share, else none. */
function hotShareOf(producer: unknown): number {
  const keys = asRecord(asRecord(producer)?.keys);
  return keys?.distribution === "hotShare" && typeof keys.share === "number" ? keys.share : 0;
}

function shardsStart(doc: Record<string, unknown>): { value: number; blocked?: string } {
  const stream = doc.stream;
  if (stream !== undefined && asRecord(stream) === undefined) {
    return { value: 1, blocked: "stream is not a mapping" };
  }
  const shards = asRecord(stream)?.shards;
  // An on-demand stream without `shards` starts with the profile's initial count.
  if (shards === undefined) return { value: DEFAULT_PROFILE.onDemandInitialShards };
  if (typeof shards === "number" && Number.isInteger(shards) && shards >= 1) {
    return { value: shards };
  }
  return { value: 1, blocked: `stream.shards is ${String(shards)}, not a whole number ≥ 1` };
}

function rateBlocked(producers: unknown[]): string | undefined {
  if (producers.length === 0) return "the experiment has no producers";
  for (const [i, producer] of producers.entries()) {
    const fields = asRecord(producer) ?? {};
    const replayed = fields.trace !== undefined || fields.cloudwatch !== undefined;
    if (fields.rate !== undefined && scaleRateSetting(fields.rate, 2) === undefined) {
      return `${producerName(producer, i)}'s rate is written in a form the slider cannot multiply; edit it in the YAML`;
    }
    if (fields.rate === undefined && !replayed) {
      return `${producerName(producer, i)} has no rate to multiply`;
    }
  }
  return undefined;
}

function hotShareStart(producers: unknown[]): { value: number; blocked?: string } {
  const drawing = producers.filter(drawsKeys);
  if (drawing.length === 0) {
    return {
      value: 0,
      blocked: "no producer draws partition keys (a record trace brings its own)",
    };
  }
  const shares = drawing.map(hotShareOf);
  const first = shares[0] ?? 0;
  if (shares.some((share) => share !== first)) {
    const each = producers
      .map((producer, i) =>
        drawsKeys(producer)
          ? `${producerName(producer, i)}: ${Math.round(hotShareOf(producer) * 1000) / 10} %`
          : "",
      )
      .filter((text) => text !== "")
      .join(", ");
    return {
      value: 0,
      blocked: `the producers put different shares on hot keys (${each}); edit them in the YAML`,
    };
  }
  const percent = first * 100;
  if (Math.abs(percent - Math.round(percent)) > 1e-9) {
    return {
      value: 0,
      blocked: `the hot-key share ${first} is not a whole percent; edit it in the YAML`,
    };
  }
  return { value: Math.round(percent) / 100 };
}

/** The sliders' start for a document; all blocked when the text is not a mapping. */
export function sliderStart(document: Record<string, unknown> | undefined): SliderStart {
  if (document === undefined) {
    return {
      values: { shards: 1, rateFactor: 1, hotKeyShare: 0, pollingConsumers: 0 },
      blocked: {
        shards: UNREADABLE,
        rateFactor: UNREADABLE,
        hotKeyShare: UNREADABLE,
        pollingConsumers: UNREADABLE,
      },
    };
  }
  const producers = asList(document.producers);
  const shards = shardsStart(document);
  const hot = hotShareStart(producers);
  const rate = rateBlocked(producers);
  const consumersBlocked =
    document.consumers !== undefined && !Array.isArray(document.consumers)
      ? "consumers is not a list"
      : undefined;
  const blocked: Partial<Record<SliderName, string>> = {};
  if (shards.blocked !== undefined) blocked.shards = shards.blocked;
  if (rate !== undefined) blocked.rateFactor = rate;
  if (hot.blocked !== undefined) blocked.hotKeyShare = hot.blocked;
  if (consumersBlocked !== undefined) blocked.pollingConsumers = consumersBlocked;
  return {
    values: {
      shards: shards.value,
      rateFactor: 1,
      hotKeyShare: hot.value,
      pollingConsumers: asList(document.consumers).filter(isPolling).length,
    },
    blocked,
  };
}
