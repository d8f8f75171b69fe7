/**
 * Polling consumer applications (models/consumers/polling-application.ts), through
 * simulateWithSeries. One shard, Poisson arrivals of λ = 100 records/s of 100 bytes, far below
 * every write limit; record mode where exact acceptance times matter.
 *
 * Recurring facts used in the bounds below:
 * - In record mode a PutRecord record is accepted at its creation instant, so the n-th
 *   record's acceptance time is Gamma(n, λ): mean n/λ, standard deviation √n/λ.
 * - An application's first poll after a (re)start is at a uniform offset in [0, P) (P the
 *   poll interval); later polls follow every max(P, records × processingTime).
 * - A count of Poisson arrivals in an interval of length L is Poisson(λL); we allow 5
 *   standard errors (two-sided normal tail 5.7e-7).
 */
import { describe, expect, it } from "vitest";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { consumer, experiment, perRecordProcessing, producer } from "../../helpers/experiment.js";

const S = 1_000_000;
const RATE = 100;
/**
 * GetRecords answers at once in this file (response time 0): these tests are about the poll
 * loop, cursors and retention. The response time's own effect is checked in
 * test/theory/polling-latency.test.ts and test/theory/propagation-delay.test.ts.
 */
const INSTANT_RESPONSE = { getRecordsResponseTimeUs: 0 };
const SEEDS = [1, 2, 3];

describe("a consumer that cannot keep up", () => {
  /**
   * Reads at most 100 records per GetRecords and spends 20 ms on each: one poll every
   * max(1 s, 100 × 20 ms) = 2 s once the backlog exceeds 100, i.e. 50 records/s against 100
   * arriving. Let D be the records delivered by the last poll, at t_last ∈ (T − 2 s, T]. The
   * oldest unread record is record D + 1, accepted at A ~ Gamma(D + 1, λ), so
   * MillisBehindLatest there is t_last − A ∈ (T − 2 − (D+1)/λ − 5σ, T − (D+1)/λ + 5σ) with
   * σ = √(D+1)/λ; it grows by 1 − 50/100 = 0.5 s per second, so the run's maximum is at the
   * end. D itself: from the second poll on, each reads 100 records every 2 s, so D lies in
   * [100·(T/2 − 2), 100·(T/2 + 1)].
   */
  for (const seed of SEEDS) {
    it(`seed ${seed}: MillisBehindLatest grows ≈ 0.5 s per second and unread > 0`, () => {
      const seconds = 60;
      const { result, series } = simulateWithSeries(
        experiment({
          limits: INSTANT_RESPONSE,
          seed,
          granularity: "record",
          durationUs: seconds * S,
          producers: [producer({ rate: RATE })],
          consumers: [consumer({ maxRecords: 100, processing: perRecordProcessing(20_000, 100) })],
        }),
      );
      const c = result.consumers[0];
      if (c === undefined) throw new Error("no consumer");
      const delivered = c.delivered;
      expect(delivered).toBeGreaterThanOrEqual(100 * (seconds / 2 - 2));
      expect(delivered).toBeLessThanOrEqual(100 * (seconds / 2 + 1));
      expect(c.unread).toBe(result.records.accepted - delivered);
      expect(c.expiredUnread).toBe(0);
      expect(c.unread).toBeGreaterThan(2000);

      const sigma = Math.sqrt(delivered + 1) / RATE;
      const oldestUnread = (delivered + 1) / RATE;
      const maxBehindSeconds = c.maxMillisBehindLatest / 1000;
      expect(maxBehindSeconds).toBeGreaterThan(seconds - 2 - oldestUnread - 5 * sigma);
      expect(maxBehindSeconds).toBeLessThan(seconds - oldestUnread + 5 * sigma);

      // The per-second series grows: its maximum over 50–60 s exceeds that over 10–20 s by
      // 0.5 × 40 s = 20 s, give or take the 2 s poll phase at each end (±1 s of lag each)
      // and each end's Gamma spread (5σ ≤ 5·√3000/100 ≈ 2.7 s).
      const behind = series.consumers[0]?.millisBehindLatest ?? new Float64Array();
      const early = Math.max(...behind.slice(10, 20));
      const late = Math.max(...behind.slice(50, 60));
      const growth = (late - early) / 1000;
      expect(growth).toBeGreaterThan(20 - 2 - 2 * 2.7);
      expect(growth).toBeLessThan(20 + 2 + 2 * 2.7);
    });
  }

  it("the same application without processing time keeps up (lag 0 at every poll)", () => {
    const { result, series } = simulateWithSeries(
      experiment({
        limits: INSTANT_RESPONSE,
        granularity: "record",
        durationUs: 60 * S,
        producers: [producer({ rate: RATE })],
        consumers: [consumer()],
      }),
    );
    const c = result.consumers[0];
    expect(c?.maxMillisBehindLatest).toBe(0);
    // Unread are only the records accepted after the last poll, within the last second.
    const incoming = series.shards[0]?.incomingRecords ?? new Float64Array();
    expect(c?.unread).toBeLessThanOrEqual(incoming[59] as number);
  });
});

describe("polling applications share a shard's 5 GetRecords/s", () => {
  const seconds = 30;
  function run(apps: number, pollIntervalUs: number) {
    return simulateWithSeries(
      experiment({
        limits: INSTANT_RESPONSE,
        durationUs: seconds * S,
        producers: [producer({ rate: RATE })],
        consumers: Array.from({ length: apps }, (_, i) =>
          consumer({ name: `app${i}`, pollIntervalUs }),
        ),
      }),
    ).result;
  }

  it("5 applications polling every 200 ms (25 calls/s) are throttled", () => {
    const result = run(5, 200_000);
    const throttled = result.consumers.reduce((sum, c) => sum + c.readThrottled, 0);
    const calls = result.consumers.reduce((sum, c) => sum + c.getRecordsCalls, 0);
    expect(result.shards[0]?.readThrottled).toBe(throttled);
    // The shared bucket admits at most its 5 initial tokens plus 5 per second, and the
    // applications together ask for more than that, so the bucket is used to the full.
    expect(calls).toBeLessThanOrEqual(5 * seconds + 5);
    expect(calls).toBeGreaterThanOrEqual(5 * seconds - 5);
    // Alone, each would poll 5 times a second unthrottled (see below); together at least
    // four of them are refused: the limiter is shared, not per application.
    expect(result.consumers.filter((c) => c.readThrottled > 0).length).toBeGreaterThanOrEqual(4);
    // A throttled call waits readBackoff (1 s) jittered ×0.5–1.5, so each application is
    // refused at most twice per second.
    for (const c of result.consumers) expect(c.readThrottled).toBeLessThanOrEqual(2 * seconds);
    // Throttled reads delay records, they do not lose them.
    for (const c of result.consumers) {
      expect(c.delivered + c.unread + c.expiredUnread).toBe(result.records.accepted);
    }
  });

  it("1 application polling every 1 s is never throttled", () => {
    const result = run(1, S);
    const c = result.consumers[0];
    expect(c?.readThrottled).toBe(0);
    expect(result.shards[0]?.readThrottled).toBe(0);
    // One call per second, the first at a random offset within the first second.
    expect(c?.getRecordsCalls).toBeGreaterThanOrEqual(seconds - 1);
    expect(c?.getRecordsCalls).toBeLessThanOrEqual(seconds);
  });

  it("1 application polling every 200 ms, exactly at the limit, is never throttled", () => {
    const result = run(1, 200_000);
    expect(result.consumers[0]?.readThrottled).toBe(0);
    expect(result.consumers[0]?.getRecordsCalls).toBeGreaterThanOrEqual(5 * seconds - 1);
  });
});

describe("stopping and restarting an application keeps its cursor", () => {
  /**
   * startAt LATEST at t = 0 skips nothing (nothing has been written yet). Stopped at 10 s and
   * restarted at 20 s, it resumes from its cursor rather than jumping to the tip: its last
   * poll before the stop is at t_s ∈ (9, 10] s, the first after the restart at
   * t_r ∈ [20, 21) s, and the oldest unread record arrived within 0.1 s after t_s (the gap
   * is Exp(λ): longer than 0.1 s with probability e^(−10)). That record's latency is
   * t_r − A ∈ (9.9, 12) s, the run's largest (others wait at most one poll interval); a jump
   * to LATEST would skip ~1,000 records and keep every latency under 1 s. Latencies come
   * from an HdrHistogram within 0.1 %. MillisBehindLatest is sampled after each read, and
   * the restart's read returns the whole backlog (~1,000 < 10,000 records), so it stays 0.
   */
  for (const seed of SEEDS) {
    it(`seed ${seed}: LATEST, stopped 10 s–20 s, reads every record`, () => {
      const seconds = 40;
      const { result, series } = simulateWithSeries(
        experiment({
          limits: INSTANT_RESPONSE,
          seed,
          granularity: "record",
          durationUs: seconds * S,
          producers: [producer({ rate: RATE })],
          consumers: [consumer({ startAt: { type: "LATEST" } })],
          events: [
            { atUs: 10 * S, kind: "stopConsumer", consumer: "c" },
            { atUs: 20 * S, kind: "startConsumer", consumer: "c" },
          ],
        }),
      );
      const c = result.consumers[0];
      if (c === undefined) throw new Error("no consumer");
      expect(c.skipped).toBe(0);
      expect(c.expiredUnread).toBe(0);
      expect(c.delivered + c.unread).toBe(result.records.accepted);
      const incoming = series.shards[0]?.incomingRecords ?? new Float64Array();
      expect(c.unread).toBeLessThanOrEqual(incoming[seconds - 1] as number);
      expect(c.latencyMs.max).toBeGreaterThan(9_900 * 0.999);
      expect(c.latencyMs.max).toBeLessThan(12_000 * 1.001);
      expect(c.maxMillisBehindLatest).toBe(0);
      // While stopped it makes no calls: its lag series is empty from 11 s to 19 s.
      const behind = series.consumers[0]?.millisBehindLatest ?? new Float64Array();
      expect(Math.max(...behind.slice(11, 20))).toBe(0);
    });
  }
});

describe("an application stopped for longer than the retention period loses records", () => {
  /**
   * Retention 3 s (allowed by lowering limits.retentionMinUs). Stopped at 5 s, restarted at
   * 15 s. Its last poll before the stop is at t_s ∈ (4, 5] s and the first after the restart
   * at t_r ∈ [15, 16) s; everything accepted in (t_s, t_r − 3 s] has expired by then, an
   * interval of length L ∈ (7, 9) s. Later polls come every second, well within retention.
   * In record mode trimming is exact, so expired ~ Poisson(λL): within
   * [λ·7 − 5√(λ·9), λ·9 + 5√(λ·9)]. In segment mode stored segments span up to 1 s of
   * appends and are trimmed whole, at most 1 s late, so L ∈ (6, 9) s.
   * On return, the oldest record left was accepted just after t_r − 3 s (within 0.1 s, but
   * for probability e^(−10)), so in record mode the largest latency is in (2.9, 3] s (the
   * histogram is within 0.1 %).
   */
  for (const granularity of ["record", "segment"] as const) {
    for (const seed of SEEDS) {
      it(`${granularity} mode, seed ${seed}: expired records are counted as data loss`, () => {
        const { result } = simulateWithSeries(
          experiment({
            seed,
            granularity,
            durationUs: 25 * S,
            limits: { ...INSTANT_RESPONSE, retentionMinUs: S },
            stream: { shards: 1, retentionUs: 3 * S },
            producers: [producer({ rate: RATE })],
            consumers: [consumer()],
            events: [
              { atUs: 5 * S, kind: "stopConsumer", consumer: "c" },
              { atUs: 15 * S, kind: "startConsumer", consumer: "c" },
            ],
          }),
        );
        const c = result.consumers[0];
        if (c === undefined) throw new Error("no consumer");
        const shortest = granularity === "record" ? 7 : 6;
        const slack = 5 * Math.sqrt(RATE * 9);
        expect(c.expiredUnread).toBeGreaterThan(RATE * shortest - slack);
        expect(c.expiredUnread).toBeLessThan(RATE * 9 + slack);
        expect(c.delivered + c.expiredUnread + c.unread).toBe(result.records.accepted);
        expect(result.records.dropped).toBe(0);
        expect(result.dataLoss.dropped).toBe(0);
        expect(result.dataLoss.expiredUnread).toBe(c.expiredUnread);
        expect(result.dataLoss.records).toBe(c.expiredUnread);
        expect(result.dataLoss.fraction).toBeCloseTo(c.expiredUnread / result.records.offered, 9);
        if (granularity === "record") {
          expect(c.latencyMs.max).toBeGreaterThan(2_900 * 0.999);
          expect(c.latencyMs.max).toBeLessThanOrEqual(3_000 * 1.001);
        }
      });
    }
  }

  it("two applications: a record only one of them missed is lost once", () => {
    const { result } = simulateWithSeries(
      experiment({
        granularity: "record",
        durationUs: 25 * S,
        limits: { ...INSTANT_RESPONSE, retentionMinUs: S },
        stream: { shards: 1, retentionUs: 3 * S },
        producers: [producer({ rate: RATE })],
        consumers: [consumer({ name: "stopped" }), consumer({ name: "steady" })],
        events: [
          { atUs: 5 * S, kind: "stopConsumer", consumer: "stopped" },
          { atUs: 15 * S, kind: "startConsumer", consumer: "stopped" },
        ],
      }),
    );
    const [stopped, steady] = result.consumers;
    expect(stopped?.expiredUnread).toBeGreaterThan(0);
    expect(steady?.expiredUnread).toBe(0);
    expect(result.records.expiredUnread).toBe(stopped?.expiredUnread);
    expect(result.dataLoss.records).toBe(stopped?.expiredUnread);
  });
});
