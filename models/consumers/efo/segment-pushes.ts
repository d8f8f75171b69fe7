import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import type { Shard } from "../../shards/shard.js";
import type { ShardReader } from "../shard-readers.js";
import { pushKeptRuns } from "./kept-run-pushes.js";
import { PendingAppends } from "./pending-appends.js";
import { acceptedAtUs, type PushChain, type SegmentPushHost, visibleEnd } from "./push-chain.js";
import { pushSlices } from "./segment-push.js";
import type { Subscription } from "./subscription.js";
import { UniformSpreads } from "./uniform-spreads.js";

/**
 * How long the runs a shard accepted are kept with their own times for each application: far
 * longer than the push delay plus the interval between settlements, so that a reader keeping
 * up always finds them; a reader further behind reads the log.
 */
const KEEP_APPENDS_US = 10 * US_PER_SECOND;

/** How often every subscription is brought up to date when nothing else asks. */
const SETTLE_INTERVAL_US = US_PER_SECOND;

/**
 * Enhanced fan-out pushes in a segment run (design.md §4, kinesis-facts.md §3). They follow the
 * record-level rule — a push as soon as records are `propagationDelay` old, the application is
 * not busy with the last one and the connection's balance is not negative; it carries what is
 * visible, as far as the balance allows — but carry the runs the shard accepted (its segments,
 * or slices of them) rather than single records, so a reader that keeps up costs one push per
 * producer tick, not per record, and a backlog one push per 100 ms of the connection's time,
 * its records arriving as the 2 MiB/s allows (efo/push-receipts.ts).
 *
 * Nothing schedules those pushes: they are worked out later, in time order per shard, when
 * something needs them — every second, before a subscription closes or renews, before the KCL
 * looks at or moves a lease, before a child shard checks its parents, `propagationDelay` after
 * a shard closes, and at the end of a warm-up and of the run. Each push is accounted at its own
 * time (latencies, counters and series, MillisBehindLatest, the lease's batch), so the cost
 * follows settlements and ticks, not records, and the results are those of pushes as events.
 * Only retention is seen up to a second late: a record that expired meanwhile is lost to a
 * reader more than the retention period behind even if its push came just before.
 */
export class SegmentPushes {
  private readonly chains = new Map<Shard, PushChain>();
  /**
   * Whether a push that fits the connection's balance can be accounted by the short path
   * (efo/kept-run-pushes.ts): only while nobody narrates (narration notes every push).
   */
  private readonly shortPath: boolean;

  constructor(private readonly host: SegmentPushHost) {
    const { stream, simulation } = host.context;
    this.shortPath = host.context.narrator === undefined;
    // The readers' ages between pushes count from their runs' own acceptance times.
    host.delivery.unreadAge.acceptedAtUs = (reader, seq) => {
      const chain = this.chains.get(reader.shard);
      return chain === undefined ? reader.shard.log.acceptedAtUs(seq) : acceptedAtUs(chain, seq);
    };
    for (const shard of stream.shards) this.track(shard);
    stream.onShardOpened((shard) => this.track(shard));
    const settleEverySecond = () => {
      this.settleAll(simulation.nowUs);
      simulation.schedule(SETTLE_INTERVAL_US, settleEverySecond);
    };
    simulation.schedule(SETTLE_INTERVAL_US, settleEverySecond);
  }

  /** Brings every reader's pushes up to `nowUs`. */
  settleAll(nowUs: number): void {
    for (const reader of this.host.readers.all) this.settle(reader, nowUs);
  }

  /** A subscription opened (or pushes may flow again) at `nowUs`: no push before then. */
  opened(reader: ShardReader, nowUs: number): void {
    const chain = this.chains.get(reader.shard);
    if (chain !== undefined) chain.notBeforeUs = Math.max(chain.notBeforeUs, nowUs);
  }

  /**
   * Works out every push to the reader up to and including `untilUs`, in order, while pushes
   * flow: the caller is about to change what they depend on, or to look at their effects.
   */
  settle(reader: ShardReader, untilUs: number): void {
    const chain = this.chains.get(reader.shard);
    if (chain === undefined || chain.settling) return;
    // A window's ticks up to now are stored and their appends kept (a window stores its
    // ticks only when someone looks), so that the short path finds them.
    reader.shard.settle(Math.min(untilUs, this.host.context.simulation.nowUs));
    chain.settling = true;
    let lastVisibleUpToUs: number | undefined;
    while (this.host.flows(reader)) {
      const subscription = this.host.subscription(reader) as Subscription;
      if (this.shortPath) {
        const lastUs = pushKeptRuns(this.host, chain, reader, subscription, untilUs);
        if (lastUs !== undefined)
          lastVisibleUpToUs = lastUs - this.host.settings.propagationDelayUs;
      }
      const atUs = this.nextPushUs(chain, reader, subscription);
      if (atUs === undefined || atUs > untilUs) break;
      lastVisibleUpToUs = atUs - this.host.settings.propagationDelayUs;
      pushSlices(this.host, chain, reader, subscription, atUs, untilUs);
    }
    chain.settling = false;
    chain.spreads.flush();
    chain.notBeforeUs = Math.max(chain.notBeforeUs, untilUs + 1);
    if (lastVisibleUpToUs !== undefined) {
      // What the last push could see but did not carry (a paced backlog): behind, not in flight.
      reader.behindAtLastFetch = Math.max(
        0,
        visibleEnd(chain, lastVisibleUpToUs) - reader.cursor.seq,
      );
    }
  }

  private track(shard: Shard): void {
    const chain: PushChain = {
      shard,
      appends: new PendingAppends(KEEP_APPENDS_US),
      notBeforeUs: 0,
      settling: false,
      processing: undefined,
      spreads: new UniformSpreads(this.host.delivery.latency),
    };
    this.chains.set(shard, chain);
    shard.onAppend(chain.appends.add);
    // The shard's last event comes once every record before the close is visible: settle then,
    // so that a reader keeping up finishes the shard on time.
    const { simulation } = this.host.context;
    shard.onClose(() =>
      simulation.schedule(this.host.settings.propagationDelayUs, () => {
        const reader = this.host.readers.readerOf(shard);
        if (reader !== undefined) this.settle(reader, simulation.nowUs);
      }),
    );
  }

  /**
   * When the next push comes (undefined: not before new records): once the first record not
   * yet pushed is visible (or, at a closed shard's end, the close), the last push is
   * processed, and the connection's balance is not negative.
   */
  private nextPushUs(
    chain: PushChain,
    reader: ShardReader,
    subscription: Subscription,
  ): number | undefined {
    const { shard, cursor } = reader;
    let eventUs: number;
    if (cursor.seq < shard.log.nextSeq) eventUs = acceptedAtUs(chain, cursor.seq);
    else if (shard.status === "CLOSED") eventUs = shard.closedAtUs as number;
    else return undefined;
    return Math.max(
      eventUs + this.host.settings.propagationDelayUs,
      chain.notBeforeUs,
      subscription.busyUntilUs,
      subscription.bucket.readyAtUs(0),
    );
  }

  /**
   * One push at `atUs`: the records visible then, from the reader's position, at most
   * `maxInFlight` of them, and as many bytes as the connection's balance and the next
   * `LONGEST_PUSH_US` of its 2 MiB/s pay for (not beyond `untilUs`, nor past the end of the
   * metrics interval, so that each interval's outgoing bytes stay in it).
   */
  /**
   * The pushes, from the reader's position on, that carry whole kept runs within the
   * connection's balance and the application's `maxInFlight`, up to `untilUs`: the common case
   * of a reader keeping up, accounted exactly as {@link push} would, without its slicing and
   * pacing. Stops before any other push (a backlog, a shard's end), which {@link push} makes.
   * Returns the time of the last push made, if any.
   */
}
