import { asList, asRecord, drawsKeys, isPolling } from "./document-fields.js";
import { assignmentText, type FieldEdit } from "./field-edit.js";
import { roundRate, scaleRateSetting } from "./rate-scaling.js";
import { type SliderValues, sliderStart } from "./slider-start.js";

/**
 * The sliders as edits of the experiment document as it was loaded (typed, pasted or picked):
 * each slider moved from its start changes its own fields and nothing else; a slider at its
 * start, or blocked, changes nothing. The page writes the edits into the YAML text, and shows
 * them as the `--set` assignments that make the same run on the command line. Pure: the
 * document is never changed.
 */

/** Keys for a hot share when a producer's keys have no cardinality to keep (hot, fixed). */
const HOT_KEY_CARDINALITY = 1000;

function rateEdits(producers: unknown[], factor: number): FieldEdit[] {
  const edits: FieldEdit[] = [];
  producers.forEach((entry, i) => {
    const producer = asRecord(entry) ?? {};
    // Replayed traffic has no rate: its volumeScale multiplies the replayed records.
    for (const replay of ["trace", "cloudwatch"] as const) {
      const settings = asRecord(producer[replay]);
      if (settings === undefined) continue;
      const scale = typeof settings.volumeScale === "number" ? settings.volumeScale : 1;
      edits.push({
        path: ["producers", i, replay, "volumeScale"],
        value: roundRate(scale * factor),
      });
    }
    if (producer.rate !== undefined) {
      edits.push({
        path: ["producers", i, "rate"],
        value: scaleRateSetting(producer.rate, factor),
      });
    }
  });
  return edits;
}

/**
 * A producer's whole keys for a share on hot keys, where more than `share` must change: at 0,
 * the same keys evenly; above 0, any distribution but hotShare becomes one hot key over the
 * keys it had (1,000 when it names no count). A hotShare above 0 only changes its share
 * (keyEdits).
 */
function keysWithShare(
  keys: Record<string, unknown> | undefined,
  share: number,
): FieldEdit["value"] {
  const prefix = keys?.prefix === undefined ? {} : { prefix: keys.prefix };
  // Without keys, a producer draws from 1,000 keys (the schema's default) too.
  const cardinality = keys?.cardinality ?? HOT_KEY_CARDINALITY;
  if (share === 0) return { distribution: "uniform", cardinality, ...prefix };
  return { distribution: "hotShare", share, hotKeys: 1, cardinality, ...prefix };
}

function keyEdits(producers: unknown[], share: number): FieldEdit[] {
  return producers.flatMap((entry, i) => {
    if (!drawsKeys(entry)) return [];
    const keys = asRecord(asRecord(entry)?.keys);
    if (keys?.distribution === "hotShare" && share > 0) {
      return [{ path: ["producers", i, "keys", "share"], value: roundRate(share) }];
    }
    return [{ path: ["producers", i, "keys"], value: keysWithShare(keys, roundRate(share)) }];
  });
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

/** The edits that put the sliders' values into the document; none for a slider at its start. */
export function sliderEdits(
  document: Record<string, unknown> | undefined,
  values: SliderValues,
): FieldEdit[] {
  if (document === undefined) return [];
  const start = sliderStart(document);
  const moved = (name: keyof SliderValues) =>
    start.blocked[name] === undefined && values[name] !== start.values[name];
  const producers = asList(document.producers);
  const edits: FieldEdit[] = [];
  if (moved("shards")) edits.push({ path: ["stream", "shards"], value: values.shards });
  if (moved("rateFactor")) edits.push(...rateEdits(producers, values.rateFactor));
  if (moved("hotKeyShare")) edits.push(...keyEdits(producers, values.hotKeyShare));
  if (moved("pollingConsumers")) {
    const list = consumerList(asList(document.consumers), values.pollingConsumers);
    edits.push({ path: ["consumers"], value: list });
  }
  return edits;
}

/** The same edits as `--set` assignments, for the command line the page shows. */
export function sliderOverrides(
  document: Record<string, unknown> | undefined,
  values: SliderValues,
): string[] {
  return sliderEdits(document, values).map(assignmentText);
}
