import type { ProducerSettings } from "../producers/producer-settings.js";
import { createRateSource } from "../workload/create-rate-source.js";
import { createKeySpace } from "../workload/keys/create-key-space.js";
import { HEAD_KEY_LIMIT, type KeySpace } from "../workload/keys/key-space.js";
import type { KeysConfig } from "../workload/keys/keys-config.js";
import { createRecordSizeModel } from "../workload/record-size.js";

/**
 * What a producer puts on the stream at its peak, for expected-load arithmetic: records per
 * second, mean bytes per record counted against the shard limits (data blob plus partition
 * key, as the simulator counts them), and its key distribution.
 *
 * The rate is the producer's peak offered rate (`maxRate` of its rate profile or daily curve,
 * times its burst factor when it bursts); scheduled spikes (events) are not included. KPL
 * aggregation is not modelled here: user records count as Kinesis records, so for aggregating
 * KPL producers the records/s are an upper bound.
 */
export interface ProducerLoad {
  readonly name: string;
  /** Peak offered records per second. */
  readonly recordsPerSecond: number;
  /** Mean data-blob bytes of a record (partition key excluded). */
  readonly dataBytes: number;
  /** Mean bytes per record counted against the limits: data blob plus mean key bytes. */
  readonly meanRecordBytes: number;
  readonly keys: KeySpace;
  readonly keysConfig: KeysConfig;
}

/** Rate modulators draw lazily; reading `maxRate` never draws, so any source will do. */
const NO_DRAWS = () => 0.5;

/**
 * The peak load of each producer (of the records it sends: none above `maxRecordBytes`).
 * `keySpaces`, when given, are the producers' own key spaces (a finished run's), in order.
 *
 * @example
 * const [load] = producerLoads(config.producers);
 * load.recordsPerSecond * load.meanRecordBytes; // peak bytes per second
 */
export function producerLoads(
  producers: readonly ProducerSettings[],
  maxRecordBytes = Number.POSITIVE_INFINITY,
  keySpaces?: readonly KeySpace[],
): ProducerLoad[] {
  return producers.map((settings, index) => {
    // A run's producers have built their key spaces already: the same keys, and their names
    // already hashed (a cold start would otherwise build and hash 10,000 keys again).
    const keys = keySpaces?.[index] ?? createKeySpace(settings.keys);
    // Records too large for the stream (maxRecordBytes, data and key) are never sent: they
    // load no shard.
    const sizes = createRecordSizeModel(
      settings.recordSize,
      () => 0,
      maxRecordBytes - keys.meanKeyBytes,
    );
    const dataBytes = sizes.meanBytes;
    const offered = createRateSource(settings.rate, settings.bursts, [], NO_DRAWS).maxRate;
    return {
      name: settings.name,
      recordsPerSecond: offered * (1 - sizes.oversizeShare),
      dataBytes,
      meanRecordBytes: dataBytes + keys.meanKeyBytes,
      keys,
      keysConfig: settings.keys,
    };
  });
}

/** The heaviest key outside a key space's head, with how many keys are equally heavy. */
export interface TailKey {
  readonly key: string;
  readonly probability: number;
  /** Keys with this same probability, this one included. */
  readonly alike: number;
}

/**
 * The heaviest single key in the tail of a key distribution (the keys past its head list,
 * see `HEAD_KEY_LIMIT`), or undefined when the tail is empty or lighter than the head. Uniform
 * tails and the hot or cold part of a `hotShare` distribution are runs of equally likely keys;
 * a Zipf tail is lighter than every head key, so the head already holds the heaviest keys.
 */
export function heaviestTailKey(config: KeysConfig): TailKey | undefined {
  switch (config.distribution) {
    case "uniform":
      return config.cardinality > HEAD_KEY_LIMIT
        ? {
            key: `${config.prefix}0`,
            probability: 1 / config.cardinality,
            alike: config.cardinality,
          }
        : undefined;
    case "hotShare": {
      const coldKeys = Math.max(0, config.cardinality - config.hotKeys);
      const hotShare = coldKeys === 0 ? 1 : config.share;
      const candidates: TailKey[] = [];
      if (config.hotKeys > HEAD_KEY_LIMIT) {
        candidates.push({
          key: `${config.prefix}0`,
          probability: hotShare / config.hotKeys,
          alike: config.hotKeys,
        });
      }
      if (coldKeys > HEAD_KEY_LIMIT) {
        candidates.push({
          key: `${config.prefix}${config.hotKeys}`,
          probability: (1 - hotShare) / coldKeys,
          alike: coldKeys,
        });
      }
      return candidates.reduce<TailKey | undefined>(
        (best, candidate) =>
          best === undefined || candidate.probability > best.probability ? candidate : best,
        undefined,
      );
    }
    case "zipf":
    case "hot":
    case "fixed":
      return undefined;
  }
}
