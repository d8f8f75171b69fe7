import { US_PER_SECOND } from "../../src/engine/time-units.js";
import { PeakRate } from "../../src/stats/peak-rate.js";
import { TimeSeries } from "../../src/stats/time-series.js";

/**
 * Counters and per-interval series of one shard (CloudWatch's shard-level metrics, kinesis-facts.md §10: IncomingRecords/Bytes count successful puts only; throttled records are
 * WriteProvisionedThroughputExceeded).
 *
 * Writes arrive every producer tick on every shard, so what they add is summed in this
 * object's own fields and handed to the series and peaks once per interval (and before
 * anything reads them): one object touched per write instead of five series and peaks, which
 * across a thousand shards is what the write path's time went on. The amounts are whole
 * records and bytes, so the sums are exact and the series are the same as adding each write.
 */
export class ShardMetrics {
  accepted = 0;
  bytesIn = 0;
  /**
   * Accepted Kinesis records (what the shard's records limit counts): `accepted` counts user
   * records, of which a KPL producer packs many into one Kinesis record.
   */
  kinesisRecordsIn = 0;
  throttledAttempts = 0;
  recordsOut = 0;
  bytesOut = 0;
  readThrottled = 0;
  /** Provisioned billing: PUT payload units of accepted records (kinesis-facts.md §11). */
  putPayloadUnits = 0;
  /** On-demand billing: accepted bytes with each record rounded up to 1 KiB (kinesis-facts.md §11). */
  onDemandBilledBytes = 0;
  readonly outgoingRecords: TimeSeries;
  readonly outgoingBytes: TimeSeries;
  /** GetRecords calls refused per interval (CloudWatch's ReadProvisionedThroughputExceeded). */
  readonly readThrottledCalls: TimeSeries;
  /**
   * The age of the oldest record some application has not read, largest in each interval, in
   * ms (consumers/unread-age.ts); enhanced fan-out applications included.
   */
  readonly oldestUnreadAgeMs: TimeSeries;
  /**
   * The same over the applications that read with GetRecords (polling) only: the shard-level
   * IteratorAgeMilliseconds, which counts GetRecords calls alone (kinesis-facts.md §10).
   */
  readonly getRecordsIteratorAgeMs: TimeSeries;
  private readonly incomingRecordsSeries: TimeSeries;
  private readonly incomingBytesSeries: TimeSeries;
  private readonly throttledRecordsSeries: TimeSeries;
  private readonly peakRecordsRate = new PeakRate();
  private readonly peakBytesRate = new PeakRate();
  private readonly peakDemandRate = new PeakRate();

  /** The series interval the pending write sums belong to, [start, end) in µs. */
  private intervalIndex = -1;
  private intervalStartUs = 0;
  private intervalEndUs = 0;
  private pendingRecords = 0;
  private pendingBytes = 0;
  private pendingThrottled = 0;
  /** The second the pending peak sums belong to, [start, end) in µs. */
  private secondStartUs = 0;
  private secondEndUs = 0;
  private secondRecords = 0;
  private secondBytes = 0;
  private secondDemand = 0;

  constructor(resolutionUs: number, durationUs: number) {
    this.incomingRecordsSeries = new TimeSeries(resolutionUs, durationUs);
    this.incomingBytesSeries = new TimeSeries(resolutionUs, durationUs);
    this.throttledRecordsSeries = new TimeSeries(resolutionUs, durationUs);
    this.outgoingRecords = new TimeSeries(resolutionUs, durationUs);
    this.outgoingBytes = new TimeSeries(resolutionUs, durationUs);
    this.readThrottledCalls = new TimeSeries(resolutionUs, durationUs);
    this.oldestUnreadAgeMs = new TimeSeries(resolutionUs, durationUs);
    this.getRecordsIteratorAgeMs = new TimeSeries(resolutionUs, durationUs);
  }

  get incomingRecords(): TimeSeries {
    this.flushInterval();
    return this.incomingRecordsSeries;
  }

  get incomingBytes(): TimeSeries {
    this.flushInterval();
    return this.incomingBytesSeries;
  }

  get throttledRecords(): TimeSeries {
    this.flushInterval();
    return this.throttledRecordsSeries;
  }

  /** Exact per-second peaks, whatever the series resolution. */
  get peakRecords(): PeakRate {
    this.flushSecond();
    return this.peakRecordsRate;
  }

  get peakBytes(): PeakRate {
    this.flushSecond();
    return this.peakBytesRate;
  }

  /** Accepted plus throttled attempts: what producers asked of the shard. */
  get peakDemand(): PeakRate {
    this.flushSecond();
    return this.peakDemandRate;
  }

  recordIncoming(nowUs: number, records: number, bytes: number): void {
    this.accepted += records;
    this.bytesIn += bytes;
    if (nowUs < this.intervalStartUs || nowUs >= this.intervalEndUs) this.enterInterval(nowUs);
    this.pendingRecords += records;
    this.pendingBytes += bytes;
    if (nowUs < this.secondStartUs || nowUs >= this.secondEndUs) this.enterSecond(nowUs);
    this.secondRecords += records;
    this.secondBytes += bytes;
    this.secondDemand += records;
  }

  recordThrottled(nowUs: number, records: number): void {
    this.throttledAttempts += records;
    if (nowUs < this.intervalStartUs || nowUs >= this.intervalEndUs) this.enterInterval(nowUs);
    this.pendingThrottled += records;
    if (nowUs < this.secondStartUs || nowUs >= this.secondEndUs) this.enterSecond(nowUs);
    this.secondDemand += records;
  }

  /** Starts the peaks afresh (end of a warm-up); counters and series cover the whole run. */
  resetPeaks(): void {
    this.secondEndUs = this.secondStartUs;
    this.secondRecords = 0;
    this.secondBytes = 0;
    this.secondDemand = 0;
    this.peakRecordsRate.reset();
    this.peakBytesRate.reset();
    this.peakDemandRate.reset();
  }

  recordOutgoing(nowUs: number, records: number, bytes: number): void {
    this.recordsOut += records;
    this.bytesOut += bytes;
    this.outgoingRecords.add(nowUs, records);
    this.outgoingBytes.add(nowUs, bytes);
  }

  /** A GetRecords call refused with ReadProvisionedThroughputExceeded at `nowUs`. */
  recordReadThrottled(nowUs: number): void {
    this.readThrottled++;
    this.readThrottledCalls.add(nowUs, 1);
  }

  private enterInterval(nowUs: number): void {
    this.flushInterval();
    const series = this.incomingRecordsSeries;
    const index = series.indexAt(nowUs);
    const last = series.values.length - 1;
    this.intervalIndex = index;
    this.intervalStartUs = index * series.resolutionUs;
    // The last interval also takes the run's final instant (TimeSeries clamps to it).
    this.intervalEndUs =
      index === last ? Number.POSITIVE_INFINITY : (index + 1) * series.resolutionUs;
  }

  private flushInterval(): void {
    if (this.intervalIndex < 0) return;
    const index = this.intervalIndex;
    if (this.pendingRecords !== 0) this.incomingRecordsSeries.addAt(index, this.pendingRecords);
    if (this.pendingBytes !== 0) this.incomingBytesSeries.addAt(index, this.pendingBytes);
    if (this.pendingThrottled !== 0) {
      this.throttledRecordsSeries.addAt(index, this.pendingThrottled);
    }
    this.pendingRecords = 0;
    this.pendingBytes = 0;
    this.pendingThrottled = 0;
  }

  private enterSecond(nowUs: number): void {
    this.flushSecond();
    const second = Math.floor(nowUs / US_PER_SECOND);
    this.secondStartUs = second * US_PER_SECOND;
    this.secondEndUs = this.secondStartUs + US_PER_SECOND;
  }

  private flushSecond(): void {
    if (this.secondEndUs <= this.secondStartUs) return;
    const atUs = this.secondStartUs;
    if (this.secondRecords !== 0) this.peakRecordsRate.add(atUs, this.secondRecords);
    if (this.secondBytes !== 0) this.peakBytesRate.add(atUs, this.secondBytes);
    if (this.secondDemand !== 0) this.peakDemandRate.add(atUs, this.secondDemand);
    this.secondRecords = 0;
    this.secondBytes = 0;
    this.secondDemand = 0;
  }
}
