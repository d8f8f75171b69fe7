import { poisson } from "../../src/engine/distributions/poisson.js";
import { PoissonTables } from "../../src/engine/distributions/poisson-tables.js";
import type { Random } from "../../src/engine/random-streams.js";
import type { LimitsProfile } from "../limits/profile.js";
import { densityOver } from "../shards/segment.js";
import type { Shard } from "../shards/shard.js";
import { sameRate } from "../shards/shard-log.js";
import { DueTicks } from "../shards/window/due-ticks.js";
import { recordBytes, ShardWindow } from "../shards/window/shard-window.js";
import { WindowTicks } from "../shards/window/window-ticks.js";
import type { KeyObserver } from "../skew/key-observer.js";
import type { KeySpace } from "../workload/keys/key-space.js";
import type { RateSource } from "../workload/rate-source.js";
import { type ProducerContext, producerRandom } from "./producer-context.js";
import type { ProducerSettings, ProducerStats } from "./producer-settings.js";
import { callsForRecords } from "./senders/sdk-send.js";
import type { SdkTickPut } from "./senders/sdk-tick-put.js";
import type { KeyShares } from "./sources/key-shares.js";
import { observeTickKeys } from "./sources/segment-draws.js";

/**
 * Windows pay only where a window holds many ticks: a producer whose ticks are long (a
 * PutRecords batch that waits long, at a low rate) makes few steps anyway, and windows add a
 * draw, a split and a walk to each. Replaying 2 shards at 1,000 records/s in 100 ms ticks
 * took 221 ms in windows against 165 ms tick by tick. A cost choice only.
 */
const PAYS_UP_TO_TICK_US = 50_000;

/**
 * Whether windows pay for a producer of `peakRate` records per second at its peak, of
 * `bytesPerRecord` each, over `shards` shards, whose tick at its peak rate is `peakTickUs`
 * long (see {@link PAYS_UP_TO_TICK_US}).
 *
 * Windows pay where the stream's shards together can take the producer's peak. A shard
 * well below its limits then takes runs of ticks in one draw (its walk decides within a few
 * splits); one near a limit draws its ticks one by one but still skips the put path
 * (shard-window.ts); a shard over its limits sits at the bottom of its buckets and puts every
 * tick the ordinary way, a little dearer in windows. Measured on the 1,000-shard workload,
 * whole process, windows against ticks: its own 1,000 shards (exactly provisioned) 2 min
 * 1.87 s against 2.36 s, an hour 65.3 s against 71.7 s; 1,100 shards 1.51 s against 2.38 s;
 * on 900 shards (11 % over) 14.0 s against 11.5 s. A cost choice only: windows give the same
 * results in distribution wherever they are used.
 */
export function windowsPay(
  peakRate: number,
  bytesPerRecord: number,
  shards: number,
  peakTickUs: number,
  profile: LimitsProfile,
): boolean {
  return (
    peakRate <= shards * profile.shardWriteRecordsPerSecond &&
    peakRate * bytesPerRecord <= shards * profile.shardWriteBytesPerSecond &&
    peakTickUs <= PAYS_UP_TO_TICK_US
  );
}

/** What a producer hands its windows of ticks. */
export interface WindowedTicksSetup {
  readonly context: ProducerContext;
  readonly settings: ProducerSettings;
  readonly producer: number;
  readonly stats: ProducerStats;
  readonly rate: RateSource;
  readonly keys: KeySpace;
  readonly shares: KeyShares;
  readonly observer: KeyObserver;
  /** Data bytes of every record (windows need one size). */
  readonly dataBytes: number;
  /** The tick after one at a given time (the sender's, which follows the rate). */
  readonly tickUsAt: (timeUs: number) => number;
  /** The first attempt of a tick's records through the plain SDK. */
  readonly put: SdkTickPut;
  /** Windows end at multiples of this (a divisor of the metrics' second and interval). */
  readonly windowUs: number;
}

/**
 * Segment mode's ticks for a plain-SDK producer of Poisson records of one size, in windows
 * (design.md §17): the producer works out its ticks up to the window's end, and each shard's
 * {@link ShardWindow} draws its records for runs of those ticks at once. Shards far enough
 * from their limits store them only when looked at; the others are given them tick by tick
 * here, through the ordinary put path. The producer's own tick total (its PutRecords calls,
 * and the keys that stand for its records in the hottest-keys count) is drawn per tick: the
 * sum of independent Poisson counts is Poisson with the producer's mean.
 */
export class WindowedTicks {
  private readonly shards: Shard[];
  private readonly windows: ShardWindow[];
  /** The shards that decide at each tick of the window. */
  private readonly due: DueTicks;
  private readonly tickTotals: Random;
  private readonly keySample: Random;
  private ticks: WindowTicks | undefined;
  private windowEndUs = Number.NEGATIVE_INFINITY;
  /** The producer's tick within the window. */
  private tick = 0;

  constructor(private readonly setup: WindowedTicksSetup) {
    const { context, settings, producer, stats, dataBytes, keys, shares } = setup;
    const random = (what: string) => producerRandom(context, settings.name, what);
    this.tickTotals = random("window-tick-totals");
    this.keySample = random("key-sample");
    // The stream's shards never change in a run with windows (windowed-writes.ts).
    const router = context.stream.router;
    this.due = new DueTicks(router.shards.length);
    const owner = {
      producer,
      stats,
      random: random("arrivals"),
      dataBytes,
      keyBytes: keys.meanKeyBytes,
      due: this.due,
      poissonTables: new PoissonTables(),
    };
    const clock = () => context.simulation.nowUs;
    const probabilities = shares.splitterFor(router).probabilities;
    this.shards = [...router.shards];
    this.windows = this.shards.map((shard, position) => {
      const window = new ShardWindow(shard, owner, probabilities[position] as number, position);
      shard.attachWindow(window, clock);
      return window;
    });
  }

  /** The producer's tick at `nowUs`, for the records created since `fromUs`. */
  onTick(nowUs: number, fromUs: number): void {
    if (nowUs >= this.windowEndUs) this.startWindow(nowUs, fromUs);
    const ticks = this.ticks as WindowTicks;
    const tick = this.tick;
    if (ticks.timeUs(tick) !== nowUs) {
      throw new Error("invariant violated: a producer's tick off its window's ticks");
    }
    const { put, stats, dataBytes, keys, settings } = this.setup;
    const keyBytes = keys.meanKeyBytes;
    put.begin(nowUs);
    const due = this.due;
    for (let w = 0; w < due.words; w++) {
      let marks = due.word(tick, w);
      while (marks !== 0) {
        const bit = 31 - Math.clz32(marks & -marks);
        marks &= marks - 1;
        this.decideShard(32 * w + bit, nowUs, ticks, tick);
      }
    }
    put.finish(false);
    const records = poisson(this.tickTotals, ticks.expected(tick, tick + 1));
    this.tick++;
    const bytes = recordBytes(records, dataBytes, keyBytes);
    stats.putCalls += callsForRecords(settings, records, bytes);
    if (records > 0) {
      observeTickKeys(keys, this.setup.observer, this.keySample, records, nowUs);
    }
  }

  /**
   * Shard `i`'s decision at the producer's tick, if it is due (a mark left by a clear run
   * that has changed since is passed over): its next run, or records put the ordinary way.
   */
  private decideShard(i: number, nowUs: number, ticks: WindowTicks, tick: number): void {
    const window = this.windows[i] as ShardWindow;
    if (window.clearUntil > tick && window.ticks === ticks) return;
    const count = window.decide(nowUs, ticks, tick);
    this.due.mark(i, window.clearUntil);
    if (count <= 0) return;
    const { put, stats, producer, dataBytes, keys } = this.setup;
    stats.offered += count;
    stats.pending += count;
    const createdFromUs = window.drawnCreatedStartUs;
    put.run(
      count,
      recordBytes(count, dataBytes, keys.meanKeyBytes),
      createdFromUs,
      nowUs,
      producer,
      (this.shards[i] as Shard).index,
      densityOver(window.drawnExpected, createdFromUs, nowUs),
      undefined,
    );
  }

  /** Works out the window's ticks from `nowUs` on, at the producer's tick lengths. */
  private startWindow(nowUs: number, fromUs: number): void {
    const { rate, tickUsAt, windowUs } = this.setup;
    const endUs = (Math.floor(nowUs / windowUs) + 1) * windowUs;
    const timesUs = [nowUs];
    const cumulative = [0, rate.expectedCount(fromUs, nowUs)];
    const firstRate = densityOver(cumulative[1] as number, fromUs, nowUs);
    let atUs = nowUs;
    for (;;) {
      const nextUs = atUs + tickUsAt(atUs);
      if (nextUs >= endUs) break;
      const expected = rate.expectedCount(atUs, nextUs);
      // A window's part is stored as one run spread evenly over its span, as the log merges
      // ticks: its rate stays within the log's tolerance (a step, a ramp or a spike ends it).
      if (!sameRate(firstRate, densityOver(expected, atUs, nextUs))) break;
      timesUs.push(nextUs);
      cumulative.push((cumulative[cumulative.length - 1] as number) + expected);
      atUs = nextUs;
    }
    this.ticks = new WindowTicks(timesUs, fromUs, cumulative);
    this.due.start(timesUs.length);
    this.windowEndUs = atUs + 1;
    this.tick = 0;
  }
}
