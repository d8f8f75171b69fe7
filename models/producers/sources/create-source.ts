import type { ShardRouter } from "../../hashing/shard-router.js";
import type { Shard } from "../../shards/shard.js";
import type { KeyObserver } from "../../skew/key-observer.js";
import type { KeySpace } from "../../workload/keys/key-space.js";
import type { RateSource } from "../../workload/rate-source.js";
import type { RecordSizeModel } from "../../workload/record-size.js";
import { type ProducerContext, producerRandom } from "../producer-context.js";
import type { ProducerSettings } from "../producer-settings.js";
import { DrawnSource } from "./drawn-source.js";
import type { ProducerSource } from "./producer-source.js";
import { TraceCursor } from "./trace-cursor.js";
import { TraceSource } from "./trace-source.js";

/** What the producer has built that its source reads. */
export interface SourceParts {
  readonly keys: KeySpace;
  readonly sizes: RecordSizeModel;
  readonly rate: RateSource;
  /** The rate when it never changes, else undefined. */
  readonly constantRate: number | undefined;
  readonly observer: KeyObserver;
  /** Position among a router's shards of a key's shard (the producer's routing). */
  readonly route: (router: ShardRouter<Shard>, keyIndex: number) => number;
}

/**
 * The producer's source: its trace when it replays one, else records drawn from its rate,
 * keys and sizes, each drawing from its producer's own random streams.
 */
export function createProducerSource(
  context: ProducerContext,
  settings: ProducerSettings,
  index: number,
  parts: SourceParts,
): ProducerSource {
  const random = (what: string) => producerRandom(context, settings.name, what);
  // The KPL aggregates runs of user records into Kinesis records of their mean size, so only
  // the plain SDK's segments list their records' sizes.
  const listSizes = settings.kpl === undefined;
  if (settings.trace !== undefined) {
    return new TraceSource(
      new TraceCursor(settings.trace, random("trace")),
      parts.keys,
      parts.route,
      parts.observer,
      index,
      listSizes,
      context.horizonUs,
    );
  }
  return new DrawnSource({
    keys: parts.keys,
    sizes: parts.sizes,
    rate: parts.rate,
    arrival: settings.arrival,
    constantRate: parts.constantRate,
    random: {
      arrivals: random("arrivals"),
      keys: random("keys"),
      sizes: random("sizes"),
      keySample: random("key-sample"),
    },
    observer: parts.observer,
    producer: index,
    listSizes,
    resolutionUs: context.resolutionUs,
    horizonUs: context.horizonUs,
  });
}
