import { PeakRate } from "../../src/stats/peak-rate.js";
import { TimeSeries } from "../../src/stats/time-series.js";

/**
 * Counters and per-interval series of one shard (CloudWatch's shard-level metrics, kinesis-facts.md §10: IncomingRecords/Bytes count successful puts only; throttled records are
 * WriteProvisionedThroughputExceeded).
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
  readonly incomingRecords: TimeSeries;
  readonly incomingBytes: TimeSeries;
  readonly throttledRecords: TimeSeries;
  readonly outgoingRecords: TimeSeries;
  readonly outgoingBytes: TimeSeries;
  /** Exact per-second peaks, whatever the series resolution. */
  readonly peakRecords = new PeakRate();
  readonly peakBytes = new PeakRate();
  /** Accepted plus throttled attempts: what producers asked of the shard. */
  readonly peakDemand = new PeakRate();

  constructor(resolutionUs: number, durationUs: number) {
    this.incomingRecords = new TimeSeries(resolutionUs, durationUs);
    this.incomingBytes = new TimeSeries(resolutionUs, durationUs);
    this.throttledRecords = new TimeSeries(resolutionUs, durationUs);
    this.outgoingRecords = new TimeSeries(resolutionUs, durationUs);
    this.outgoingBytes = new TimeSeries(resolutionUs, durationUs);
  }

  recordIncoming(nowUs: number, records: number, bytes: number): void {
    this.accepted += records;
    this.bytesIn += bytes;
    this.incomingRecords.add(nowUs, records);
    this.incomingBytes.add(nowUs, bytes);
    this.peakRecords.add(nowUs, records);
    this.peakBytes.add(nowUs, bytes);
    this.peakDemand.add(nowUs, records);
  }

  recordThrottled(nowUs: number, records: number): void {
    this.throttledAttempts += records;
    this.throttledRecords.add(nowUs, records);
    this.peakDemand.add(nowUs, records);
  }

  /** Starts the peaks afresh (end of a warm-up); counters and series cover the whole run. */
  resetPeaks(): void {
    this.peakRecords.reset();
    this.peakBytes.reset();
    this.peakDemand.reset();
  }

  recordOutgoing(nowUs: number, records: number, bytes: number): void {
    this.recordsOut += records;
    this.bytesOut += bytes;
    this.outgoingRecords.add(nowUs, records);
    this.outgoingBytes.add(nowUs, bytes);
  }
}
