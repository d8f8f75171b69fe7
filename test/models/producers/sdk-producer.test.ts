/**
 * SdkProducer (models/producers/sdk-producer.ts) on its own: a kernel, a stream of real shards
 * and one producer, run for a few simulated seconds, checked through its counters and the
 * shards (no experiment file, no consumers, no result building).
 *
 * Tolerances: Z = 5 standard deviations (two-sided normal tail 5.7e-7):
 * - Poisson arrivals at rate λ over T: the records offered are Poisson(λT), |N − λT| < Z·√(λT).
 *   A record-mode run counts arrivals in (0, T]; a segment-mode run, after `createUntil(T)`,
 *   the records created in [0, T + 1 µs): λ·1 µs is far below the tolerance.
 * - Records too large for the stream, a share q of N: Binomial(N, q), |n − Nq| < Z·√(Nq(1 − q)).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import type { ProducerSettings } from "../../../models/producers/producer-settings.js";
import { SdkProducer } from "../../../models/producers/sdk-producer.js";
import type { Shard } from "../../../models/shards/shard.js";
import { KinesisStream } from "../../../models/stream/kinesis-stream.js";
import { standardNormalCdf } from "../../../models/workload/record-size.js";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { Simulation } from "../../../src/engine/simulation.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { producer } from "../../helpers/experiment.js";

const S = 1_000_000;
const Z = 5;
const GRANULARITIES = ["segment", "record"] as const;
type Granularity = (typeof GRANULARITIES)[number];

interface Setup {
  settings: ProducerSettings;
  granularity: Granularity;
  shards?: number;
  seed?: number;
  durationUs?: number;
}

/** One producer over a fresh stream, started; `finish` runs to the end as a run does. */
function producerRun(setup: Setup) {
  const profile = DEFAULT_PROFILE;
  const durationUs = setup.durationUs ?? 10 * S;
  const simulation = new Simulation();
  const stream = new KinesisStream({
    shardCount: setup.shards ?? 1,
    profile,
    limiter: "bucket",
    retentionUs: 24 * 3600 * S,
    coalesceUs: setup.granularity === "record" ? 0 : S,
    metricsResolutionUs: S,
    durationUs,
  });
  const p = new SdkProducer(
    {
      simulation,
      random: new RandomStreams(setup.seed ?? 1),
      stream,
      granularity: setup.granularity,
      resolutionUs: 10_000,
      profile,
      horizonUs: durationUs,
    },
    setup.settings,
    0,
  );
  p.start();
  const finish = () => {
    simulation.run(durationUs);
    p.createUntil(durationUs);
  };
  return { simulation, stream, producer: p, finish, durationUs };
}

/** Records the shards appended, per shard index. */
function appended(stream: KinesisStream): number[] {
  return stream.shards.map((shard) => shard.log.nextSeq);
}

/**
 * offered = accepted + dropped + held, the pending counter agrees with the buffers, and the
 * shards hold exactly what the producer counts as accepted.
 */
function expectConserved(p: SdkProducer, stream: KinesisStream): void {
  const { offered, accepted, dropped, pending } = p.stats;
  expect(offered).toBe(accepted + dropped + p.heldRecords);
  expect(pending).toBe(p.heldRecords);
  expect(appended(stream).reduce((a, b) => a + b, 0)).toBe(accepted);
}

/** A KPL producer's settings, as the loader fills them. */
function kplSettings(kpl: string, rest = "rate: 2000, recordSize: 100B"): ProducerSettings {
  const config = parseExperimentText(`
duration: 10s
stream: { shards: 1 }
producers: [{ name: p, ${rest}, kpl: ${kpl} }]
`);
  return config.producers[0] as ProducerSettings;
}

describe("SdkProducer: every record offered is accepted, dropped or still held", () => {
  const cases: { name: string; settings: ProducerSettings; shards: number; over: boolean }[] = [
    {
      name: "PutRecord, below the limits",
      settings: producer({ rate: 500 }),
      shards: 1,
      over: false,
    },
    {
      name: "PutRecords, twice the records limit, 3 retries",
      settings: producer({
        rate: 2000,
        api: "putRecords",
        retries: { max: 3, backoffUs: 100_000, maxBackoffUs: 5 * S },
      }),
      shards: 1,
      over: true,
    },
    {
      name: "PutRecord, twice the records limit, no retries",
      settings: producer({ rate: 2000 }),
      shards: 1,
      over: true,
    },
    {
      name: "PutRecords, varying sizes above the bytes limit, 5 retries",
      settings: producer({
        rate: 3000,
        api: "putRecords",
        recordSize: { distribution: "uniform", minBytes: 100, maxBytes: 2000 },
        keys: { distribution: "zipf", cardinality: 1000, exponent: 1.1, prefix: "k" },
        retries: { max: 5, backoffUs: 50_000, maxBackoffUs: S },
      }),
      shards: 2,
      over: true,
    },
    {
      name: "KPL, aggregating, above the bytes limit",
      settings: kplSettings("{}", "rate: 4000, recordSize: 400B"),
      shards: 1,
      over: true,
    },
    {
      name: "KPL, not aggregating, over the limit",
      settings: kplSettings("{ aggregation: false }", "rate: 1500, recordSize: 100B"),
      shards: 1,
      over: true,
    },
  ];
  for (const granularity of GRANULARITIES) {
    for (const { name, settings, shards, over } of cases) {
      it(`${granularity} mode, ${name}: every 0.1 s and at the end`, () => {
        const {
          simulation,
          stream,
          producer: p,
          finish,
        } = producerRun({
          settings,
          granularity,
          shards,
          durationUs: 3 * S,
        });
        for (let tenth = 1; tenth < 30; tenth++) {
          simulation.run(tenth * 100_000 + 123);
          expectConserved(p, stream);
        }
        finish();
        expectConserved(p, stream);
        expect(p.stats.offered).toBeGreaterThan(0);
        // The overloaded cases do throttle (else they would test nothing more than the first).
        expect(p.stats.throttledAttempts > 0).toBe(over);
        if (settings.kpl === undefined) {
          // Every refused attempt was retried or given up.
          expect(p.stats.throttledAttempts).toBe(
            p.stats.retries + p.stats.dropped - p.stats.oversize,
          );
        }
        // A shard never accepts more than its bucket's depth plus what refills over the run.
        const { shardWriteRecordsPerSecond, ingressBucketDepthSeconds } = DEFAULT_PROFILE;
        for (const shard of stream.shards) {
          expect(shard.metrics.kinesisRecordsIn).toBeLessThanOrEqual(
            shardWriteRecordsPerSecond * (3 + ingressBucketDepthSeconds) + 1e-6,
          );
        }
      });
    }
  }
});

describe("SdkProducer: records offered", () => {
  for (const granularity of GRANULARITIES) {
    it(`${granularity} mode: Poisson arrivals at 1,000/s for 10 s offer Poisson(10,000) records`, () => {
      for (const seed of [1, 2, 3]) {
        const run = producerRun({
          settings: producer({ rate: 1000 }),
          granularity,
          shards: 2,
          seed,
        });
        run.finish();
        const { offered, accepted, dropped, throttledAttempts } = run.producer.stats;
        expect(Math.abs(offered - 10_000)).toBeLessThan(Z * Math.sqrt(10_000));
        // 500/s a shard against 1,000/s, bucket 1,000 deep: nothing throttled, nothing lost.
        expect(throttledAttempts).toBe(0);
        expect(dropped).toBe(0);
        expect(accepted + run.producer.heldRecords).toBe(offered);
      }
    });

    it(`${granularity} mode: constant arrivals at 500/s for 10 s offer exactly 5,000 records`, () => {
      const run = producerRun({
        settings: producer({ rate: 500, arrival: "constant" }),
        granularity,
        shards: 1,
      });
      run.finish();
      expect(run.producer.stats.offered).toBe(5000);
      expectConserved(run.producer, run.stream);
    });

    it(`${granularity} mode: a zero rate offers nothing and sends nothing`, () => {
      for (const api of ["putRecord", "putRecords"] as const) {
        const run = producerRun({ settings: producer({ rate: 0, api }), granularity, shards: 2 });
        run.finish();
        expect(run.producer.stats).toMatchObject({ offered: 0, accepted: 0, putCalls: 0 });
        expect(run.producer.heldRecords).toBe(0);
        expect(appended(run.stream)).toEqual([0, 0]);
        expect(run.producer.observedKeyCounts()).toEqual([]);
      }
    });

    it(`${granularity} mode: once the rate steps to zero, nothing more is offered or sent`, () => {
      for (const api of ["putRecord", "putRecords"] as const) {
        const run = producerRun({
          settings: producer({
            rate: [
              { atUs: 0, rate: 1000 },
              { atUs: 5 * S, rate: 0 },
            ],
            api,
          }),
          granularity,
          shards: 2,
        });
        // The last records wait at most a tick or a linger (100 ms) before they are sent.
        run.simulation.run(5 * S + 300_000);
        const atStop = { ...run.producer.stats };
        const shardsAtStop = appended(run.stream);
        expect(run.producer.heldRecords).toBe(0);
        run.finish();
        expect(run.producer.stats).toEqual(atStop);
        expect(appended(run.stream)).toEqual(shardsAtStop);
        // Poisson(5,000) records, all accepted.
        expect(Math.abs(atStop.offered - 5000)).toBeLessThan(Z * Math.sqrt(5000));
        expect(atStop.accepted).toBe(atStop.offered);
      }
    });
  }

  it("is deterministic for a seed; another seed offers other records", () => {
    const shardCounts = (granularity: Granularity, seed: number, rate: number) => {
      const run = producerRun({
        settings: producer({
          rate,
          api: "putRecords",
          retries: { max: 2, backoffUs: 100_000, maxBackoffUs: S },
        }),
        granularity,
        shards: 4,
        seed,
        durationUs: 2 * S,
      });
      run.finish();
      return { stats: { ...run.producer.stats }, shards: appended(run.stream) };
    };
    for (const granularity of GRANULARITIES) {
      // 3,000/s a shard, throttled and retried: the same seed gives the same run.
      const first = shardCounts(granularity, 7, 12_000);
      expect(first.stats.retries).toBeGreaterThan(0);
      expect(shardCounts(granularity, 7, 12_000)).toEqual(first);
      // 2,000/s on four shards for 2 s, nothing throttled: each shard takes about
      // Poisson(1,000) records, independently (Poisson splitting). Two seeds agree on one
      // shard with probability about 1/√(4π·1,000) ≈ 0.009, on all four about 6e-9.
      expect(shardCounts(granularity, 8, 2000).shards).not.toEqual(
        shardCounts(granularity, 7, 2000).shards,
      );
    }
  });
});

describe("SdkProducer: PutRecords batches in record mode", () => {
  // One key (one byte, one shard), no retries: every call is a first attempt, so the records
  // sent (accepted or dropped) fill whole calls; the linger (10 s) never fires before a batch
  // fills, and the records still batching at the end are held.
  const settings = (rate: number, bytes: number): ProducerSettings =>
    producer({
      rate,
      api: "putRecords",
      recordSize: { distribution: "fixed", bytes },
      keys: { distribution: "fixed", keys: ["k"] },
      batch: {
        maxRecords: DEFAULT_PROFILE.putRecordsMaxRecords,
        maxBytes: DEFAULT_PROFILE.putRecordsMaxBytes,
        lingerUs: 10 * S,
      },
    });

  it(`a call carries ${DEFAULT_PROFILE.putRecordsMaxRecords} small records`, () => {
    const run = producerRun({ settings: settings(5000, 100), granularity: "record" });
    run.finish();
    const { accepted, dropped, putCalls } = run.producer.stats;
    expect(putCalls).toBeGreaterThan(50);
    expect(accepted + dropped).toBe(DEFAULT_PROFILE.putRecordsMaxRecords * putCalls);
    expect(run.producer.heldRecords).toBeLessThan(DEFAULT_PROFILE.putRecordsMaxRecords);
    expectConserved(run.producer, run.stream);
  });

  it("a call carries as many large records as fit in PutRecords' byte limit", () => {
    // 100,000 B of data and a 1-byte key: ⌊10,485,760 / 100,001⌋ = 104 records a call.
    const perCall = Math.floor(DEFAULT_PROFILE.putRecordsMaxBytes / 100_001);
    expect(perCall).toBe(104);
    const run = producerRun({ settings: settings(200, 100_000), granularity: "record" });
    run.finish();
    const { accepted, dropped, putCalls } = run.producer.stats;
    expect(putCalls).toBeGreaterThan(10);
    expect(accepted + dropped).toBe(perCall * putCalls);
    expect(run.producer.heldRecords).toBeLessThan(perCall);
    expectConserved(run.producer, run.stream);
  });
});

describe("SdkProducer: the KPL path", () => {
  for (const granularity of GRANULARITIES) {
    it(`${granularity} mode: aggregation puts many user records in one Kinesis record`, () => {
      // 2,000 records/s on 2 shards, flushed every 100 ms (RecordMaxBufferedTime): about 100
      // user records per Kinesis record; without aggregation, one each.
      const aggregated = producerRun({
        settings: kplSettings("{}"),
        granularity,
        shards: 2,
        durationUs: 5 * S,
      });
      aggregated.finish();
      const kinesisRecords = (run: typeof aggregated) =>
        run.stream.shards.reduce((sum, shard) => sum + shard.metrics.kinesisRecordsIn, 0);
      const { accepted } = aggregated.producer.stats;
      expect(accepted).toBeGreaterThan(7_500);
      expect(kinesisRecords(aggregated)).toBeLessThan(accepted / 20);
      expect(aggregated.producer.kpl?.stats.userRecordsPut).toBe(accepted);
      expectConserved(aggregated.producer, aggregated.stream);

      const plain = producerRun({
        settings: kplSettings("{ aggregation: false }"),
        granularity,
        shards: 2,
        durationUs: 5 * S,
      });
      plain.finish();
      expect(kinesisRecords(plain)).toBeCloseTo(plain.producer.stats.accepted, 6);
      expectConserved(plain.producer, plain.stream);
    });
  }
});

describe("SdkProducer: replaying a trace", () => {
  const keys = ["alpha", "bravo", "charlie", "delta", "echo"];
  // 48 records at 0 s, 0.25 s, …, 11.75 s; key i % 5, 100 + i bytes. The run's span is
  // [0, 10 s], both ends included: 41 records; the last 7 are never offered.
  const count = 48;
  const timesUs = Float64Array.from({ length: count }, (_, i) => i * 250_000);
  const trace = (volumeScale: number): ProducerSettings =>
    producer({
      rate: 4,
      keys: {
        distribution: "empirical",
        keys,
        hashKeys: keys.map(() => ""),
        counts: keys.map(() => count / keys.length),
      },
      recordSize: { distribution: "fixed", bytes: 120 },
      trace: {
        timesUs,
        keyIndex: Uint32Array.from({ length: count }, (_, i) => i % keys.length),
        sizes: Float64Array.from({ length: count }, (_, i) => 100 + i),
        volumeScale,
      },
    });
  const inRun = [...timesUs].filter((us) => us <= 10 * S).length;

  for (const granularity of GRANULARITIES) {
    it(`${granularity} mode: offers each record of the run's span once, on its key's shard`, () => {
      for (const volumeScale of [1, 2]) {
        const run = producerRun({ settings: trace(volumeScale), granularity, shards: 4 });
        run.finish();
        expect(inRun).toBe(41);
        expect(run.producer.stats.offered).toBe(inRun * volumeScale);
        expectConserved(run.producer, run.stream);
        // Each record lands on the shard its key hashes to. In segment mode the record created
        // at the run's last microsecond is offered but still held, as a tick would send it
        // later; in record mode PutRecord sends it at once.
        const sent = granularity === "segment" ? inRun - 1 : inRun;
        expect(run.producer.heldRecords).toBe((inRun - sent) * volumeScale);
        const expected = run.stream.shards.map(() => 0);
        const perKey = keys.map(() => 0);
        for (let i = 0; i < inRun; i++) {
          const key = keys[i % keys.length] as string;
          const shard = run.stream.router.routePartitionKey(key).index;
          if (i < sent) expected[shard] = (expected[shard] as number) + volumeScale;
          perKey[i % keys.length] = (perKey[i % keys.length] as number) + volumeScale;
        }
        expect(appended(run.stream)).toEqual(expected);
        const observed = Object.fromEntries(
          run.producer.observedKeyCounts().map(({ key, records }) => [key, records]),
        );
        expect(observed).toEqual(Object.fromEntries(keys.map((key, k) => [key, perKey[k]])));
        // The records' own sizes reach the shards: data plus key bytes.
        let bytes = 0;
        for (let i = 0; i < sent; i++) {
          bytes += volumeScale * (100 + i + (keys[i % keys.length] as string).length);
        }
        const bytesIn = run.stream.shards.reduce((sum, shard) => sum + shard.metrics.bytesIn, 0);
        expect(bytesIn).toBeCloseTo(bytes, 6);
      }
    });
  }
});

describe("SdkProducer: records too large for the stream", () => {
  // Log-normal data sizes, median 500 kB, σ = 1, no cap; the one-byte key "k". A record is
  // too large when its data exceeds 1 MiB − 1 B: q = 1 − Φ(ln(1,048,575 / 500,000)) ≈ 0.23.
  const q = 1 - standardNormalCdf(Math.log((DEFAULT_PROFILE.maxRecordBytes - 1) / 500_000));
  for (const granularity of GRANULARITIES) {
    it(`${granularity} mode: a share q is dropped as oversize, never sent nor throttled`, () => {
      for (const seed of [1, 2]) {
        const run = producerRun({
          settings: producer({
            rate: 200,
            recordSize: { distribution: "lognormal", medianBytes: 500_000, sigma: 1 },
            keys: { distribution: "fixed", keys: ["k"] },
          }),
          granularity,
          seed,
        });
        run.finish();
        const { offered, oversize, dropped, throttledAttempts, retries } = run.producer.stats;
        expect(Math.abs(oversize - offered * q)).toBeLessThan(Z * Math.sqrt(offered * q * (1 - q)));
        // No retries: the others are accepted or throttled and dropped.
        expect(dropped).toBe(oversize + throttledAttempts);
        expect(retries).toBe(0);
        expectConserved(run.producer, run.stream);
        // The shards saw only the records that were sent: their refusals are the producer's.
        const refused = run.stream.shards.reduce(
          (sum, shard) => sum + shard.metrics.throttledAttempts,
          0,
        );
        expect(refused).toBe(throttledAttempts);
      }
    });
  }
});

describe("SdkProducer: a reshard during the run", () => {
  for (const granularity of GRANULARITIES) {
    it(`${granularity} mode: records waiting for the closed parent go to its children`, () => {
      // 3,000 records/s on 2 shards: both throttle, so retries are waiting when shard 0 splits.
      const run = producerRun({
        settings: producer({
          rate: 3000,
          api: "putRecords",
          retries: { max: 10, backoffUs: 200_000, maxBackoffUs: S },
        }),
        granularity,
        shards: 2,
      });
      run.simulation.run(3 * S);
      expect(run.producer.heldRecords).toBeGreaterThan(0);
      const parent = run.stream.shards[0] as Shard;
      const parentAtSplit = parent.log.nextSeq;
      run.stream.splitShard(parent, 2n ** 126n, run.simulation.nowUs);
      run.finish();
      expect(parent.log.nextSeq).toBe(parentAtSplit);
      const [left, right] = [run.stream.shards[2] as Shard, run.stream.shards[3] as Shard];
      expect(left.log.nextSeq).toBeGreaterThan(0);
      expect(right.log.nextSeq).toBeGreaterThan(0);
      expectConserved(run.producer, run.stream);
    });
  }
});
