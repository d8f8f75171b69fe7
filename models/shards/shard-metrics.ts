import { US_PER_SECOND } from "../../src/engine/time-units.js";
import { PeakRate } from "../../src/stats/peak-rate.js";
import { TimeSeries } from "../../src/stats/time-series.js";
import { NumberBlocks } from "./number-blocks.js";

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

  /**
   * The counters, and the write sums pending for the current series interval ([start, end)
   * in µs) and second, in a block of numbers shared with the stream's other shards
   * (number-blocks.ts): `n[o + ACCEPTED]` and so on.
   */
  private readonly n: number[];
  private readonly o: number;

  constructor(
    resolutionUs: number,
    durationUs: number,
    numbers: NumberBlocks = new NumberBlocks(METRICS_NUMBERS),
  ) {
    const block = numbers.allocate(METRICS_NUMBERS);
    this.n = block.values;
    this.o = block.offset;
    this.n[this.o + INTERVAL_INDEX] = -1;
    this.incomingRecordsSeries = new TimeSeries(resolutionUs, durationUs);
    this.incomingBytesSeries = new TimeSeries(resolutionUs, durationUs);
    this.throttledRecordsSeries = new TimeSeries(resolutionUs, durationUs);
    this.outgoingRecords = new TimeSeries(resolutionUs, durationUs);
    this.outgoingBytes = new TimeSeries(resolutionUs, durationUs);
    this.readThrottledCalls = new TimeSeries(resolutionUs, durationUs);
    this.oldestUnreadAgeMs = new TimeSeries(resolutionUs, durationUs);
    this.getRecordsIteratorAgeMs = new TimeSeries(resolutionUs, durationUs);
  }

  /** Accepted user records. */
  get accepted(): number {
    return this.n[this.o + ACCEPTED] as number;
  }

  set accepted(value: number) {
    this.n[this.o + ACCEPTED] = value;
  }

  /** Accepted bytes. */
  get bytesIn(): number {
    return this.n[this.o + BYTES_IN] as number;
  }

  set bytesIn(value: number) {
    this.n[this.o + BYTES_IN] = value;
  }

  /** Accepted Kinesis records (what the shard's records limit counts): `accepted` counts user
   * records, of which a KPL producer packs many into one Kinesis record. */
  get kinesisRecordsIn(): number {
    return this.n[this.o + KINESIS_RECORDS_IN] as number;
  }

  set kinesisRecordsIn(value: number) {
    this.n[this.o + KINESIS_RECORDS_IN] = value;
  }

  /** Records refused by the write limit (each attempt counts). */
  get throttledAttempts(): number {
    return this.n[this.o + THROTTLED_ATTEMPTS] as number;
  }

  set throttledAttempts(value: number) {
    this.n[this.o + THROTTLED_ATTEMPTS] = value;
  }

  /** Records read. */
  get recordsOut(): number {
    return this.n[this.o + RECORDS_OUT] as number;
  }

  set recordsOut(value: number) {
    this.n[this.o + RECORDS_OUT] = value;
  }

  /** Bytes read. */
  get bytesOut(): number {
    return this.n[this.o + BYTES_OUT] as number;
  }

  set bytesOut(value: number) {
    this.n[this.o + BYTES_OUT] = value;
  }

  /** GetRecords calls refused with ReadProvisionedThroughputExceeded. */
  get readThrottled(): number {
    return this.n[this.o + READ_THROTTLED] as number;
  }

  set readThrottled(value: number) {
    this.n[this.o + READ_THROTTLED] = value;
  }

  /** Provisioned billing: PUT payload units of accepted records (kinesis-facts.md §11). */
  get putPayloadUnits(): number {
    return this.n[this.o + PUT_PAYLOAD_UNITS] as number;
  }

  set putPayloadUnits(value: number) {
    this.n[this.o + PUT_PAYLOAD_UNITS] = value;
  }

  /** On-demand billing: accepted bytes with each record rounded up to 1 KiB (kinesis-facts.md §11). */
  get onDemandBilledBytes(): number {
    return this.n[this.o + ON_DEMAND_BILLED_BYTES] as number;
  }

  set onDemandBilledBytes(value: number) {
    this.n[this.o + ON_DEMAND_BILLED_BYTES] = value;
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

  /**
   * Records accepted at `nowUs`: `records` user records of `bytes` in all, travelling in
   * `kinesisRecords`, billed `putPayloadUnits` and `onDemandBilledBytes` (kinesis-facts.md §11).
   */
  recordIncoming(
    nowUs: number,
    records: number,
    bytes: number,
    kinesisRecords: number,
    putPayloadUnits: number,
    onDemandBilledBytes: number,
  ): void {
    const { n, o } = this;
    n[o + ACCEPTED] = (n[o + ACCEPTED] as number) + records;
    n[o + BYTES_IN] = (n[o + BYTES_IN] as number) + bytes;
    n[o + KINESIS_RECORDS_IN] = (n[o + KINESIS_RECORDS_IN] as number) + kinesisRecords;
    n[o + PUT_PAYLOAD_UNITS] = (n[o + PUT_PAYLOAD_UNITS] as number) + putPayloadUnits;
    n[o + ON_DEMAND_BILLED_BYTES] = (n[o + ON_DEMAND_BILLED_BYTES] as number) + onDemandBilledBytes;
    if (nowUs < (n[o + INTERVAL_START_US] as number) || nowUs >= (n[o + INTERVAL_END_US] as number))
      this.enterInterval(nowUs);
    n[o + PENDING_RECORDS] = (n[o + PENDING_RECORDS] as number) + records;
    n[o + PENDING_BYTES] = (n[o + PENDING_BYTES] as number) + bytes;
    if (nowUs < (n[o + SECOND_START_US] as number) || nowUs >= (n[o + SECOND_END_US] as number))
      this.enterSecond(nowUs);
    n[o + SECOND_RECORDS] = (n[o + SECOND_RECORDS] as number) + records;
    n[o + SECOND_BYTES] = (n[o + SECOND_BYTES] as number) + bytes;
    n[o + SECOND_DEMAND] = (n[o + SECOND_DEMAND] as number) + records;
  }

  recordThrottled(nowUs: number, records: number): void {
    const { n, o } = this;
    n[o + THROTTLED_ATTEMPTS] = (n[o + THROTTLED_ATTEMPTS] as number) + records;
    if (nowUs < (n[o + INTERVAL_START_US] as number) || nowUs >= (n[o + INTERVAL_END_US] as number))
      this.enterInterval(nowUs);
    n[o + PENDING_THROTTLED] = (n[o + PENDING_THROTTLED] as number) + records;
    if (nowUs < (n[o + SECOND_START_US] as number) || nowUs >= (n[o + SECOND_END_US] as number))
      this.enterSecond(nowUs);
    n[o + SECOND_DEMAND] = (n[o + SECOND_DEMAND] as number) + records;
  }

  /** Starts the peaks afresh (end of a warm-up); counters and series cover the whole run. */
  resetPeaks(): void {
    const { n, o } = this;
    n[o + SECOND_END_US] = n[o + SECOND_START_US] as number;
    n[o + SECOND_RECORDS] = 0;
    n[o + SECOND_BYTES] = 0;
    n[o + SECOND_DEMAND] = 0;
    this.peakRecordsRate.reset();
    this.peakBytesRate.reset();
    this.peakDemandRate.reset();
  }

  recordOutgoing(nowUs: number, records: number, bytes: number): void {
    const { n, o } = this;
    n[o + RECORDS_OUT] = (n[o + RECORDS_OUT] as number) + records;
    n[o + BYTES_OUT] = (n[o + BYTES_OUT] as number) + bytes;
    this.outgoingRecords.add(nowUs, records);
    this.outgoingBytes.add(nowUs, bytes);
  }

  /** A GetRecords call refused with ReadProvisionedThroughputExceeded at `nowUs`. */
  recordReadThrottled(nowUs: number): void {
    this.n[this.o + READ_THROTTLED] = (this.n[this.o + READ_THROTTLED] as number) + 1;
    this.readThrottledCalls.add(nowUs, 1);
  }

  private enterInterval(nowUs: number): void {
    const { n, o } = this;
    this.flushInterval();
    const series = this.incomingRecordsSeries;
    const index = series.indexAt(nowUs);
    const last = series.values.length - 1;
    n[o + INTERVAL_INDEX] = index;
    n[o + INTERVAL_START_US] = index * series.resolutionUs;
    // The last interval also takes the run's final instant (TimeSeries clamps to it).
    (n[o + INTERVAL_END_US] as number) =
      index === last ? Number.POSITIVE_INFINITY : (index + 1) * series.resolutionUs;
  }

  private flushInterval(): void {
    const { n, o } = this;
    if ((n[o + INTERVAL_INDEX] as number) < 0) return;
    const index = n[o + INTERVAL_INDEX] as number;
    if ((n[o + PENDING_RECORDS] as number) !== 0)
      this.incomingRecordsSeries.addAt(index, n[o + PENDING_RECORDS] as number);
    if ((n[o + PENDING_BYTES] as number) !== 0)
      this.incomingBytesSeries.addAt(index, n[o + PENDING_BYTES] as number);
    if ((n[o + PENDING_THROTTLED] as number) !== 0) {
      this.throttledRecordsSeries.addAt(index, n[o + PENDING_THROTTLED] as number);
    }
    n[o + PENDING_RECORDS] = 0;
    n[o + PENDING_BYTES] = 0;
    n[o + PENDING_THROTTLED] = 0;
  }

  private enterSecond(nowUs: number): void {
    const { n, o } = this;
    this.flushSecond();
    const second = Math.floor(nowUs / US_PER_SECOND);
    n[o + SECOND_START_US] = second * US_PER_SECOND;
    n[o + SECOND_END_US] = (n[o + SECOND_START_US] as number) + US_PER_SECOND;
  }

  private flushSecond(): void {
    const { n, o } = this;
    if ((n[o + SECOND_END_US] as number) <= (n[o + SECOND_START_US] as number)) return;
    const atUs = n[o + SECOND_START_US] as number;
    if ((n[o + SECOND_RECORDS] as number) !== 0)
      this.peakRecordsRate.add(atUs, n[o + SECOND_RECORDS] as number);
    if ((n[o + SECOND_BYTES] as number) !== 0)
      this.peakBytesRate.add(atUs, n[o + SECOND_BYTES] as number);
    if ((n[o + SECOND_DEMAND] as number) !== 0)
      this.peakDemandRate.add(atUs, n[o + SECOND_DEMAND] as number);
    n[o + SECOND_RECORDS] = 0;
    n[o + SECOND_BYTES] = 0;
    n[o + SECOND_DEMAND] = 0;
  }
}

// Where the metrics' numbers lie in their block.
const ACCEPTED = 0;
const BYTES_IN = 1;
const KINESIS_RECORDS_IN = 2;
const THROTTLED_ATTEMPTS = 3;
const RECORDS_OUT = 4;
const BYTES_OUT = 5;
const READ_THROTTLED = 6;
const PUT_PAYLOAD_UNITS = 7;
const ON_DEMAND_BILLED_BYTES = 8;
const INTERVAL_INDEX = 9;
const INTERVAL_START_US = 10;
const INTERVAL_END_US = 11;
const PENDING_RECORDS = 12;
const PENDING_BYTES = 13;
const PENDING_THROTTLED = 14;
const SECOND_START_US = 15;
const SECOND_END_US = 16;
const SECOND_RECORDS = 17;
const SECOND_BYTES = 18;
const SECOND_DEMAND = 19;
/** Numbers in a shard's metrics block. */
export const METRICS_NUMBERS = 20;
