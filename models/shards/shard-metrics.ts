import { TimeSeries } from "../../src/stats/time-series.js";

/**
 * Counters and per-interval series of one shard (CloudWatch's shard-level metrics, fact
 * sheet §10: IncomingRecords/Bytes count successful puts only; throttled records are
 * WriteProvisionedThroughputExceeded).
 */
export class ShardMetrics {
  accepted = 0;
  bytesIn = 0;
  throttledAttempts = 0;
  recordsOut = 0;
  bytesOut = 0;
  readThrottled = 0;
  putPayloadUnits = 0;
  readonly incomingRecords: TimeSeries;
  readonly incomingBytes: TimeSeries;
  readonly throttledRecords: TimeSeries;
  readonly outgoingRecords: TimeSeries;
  readonly outgoingBytes: TimeSeries;

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
  }

  recordThrottled(nowUs: number, records: number): void {
    this.throttledAttempts += records;
    this.throttledRecords.add(nowUs, records);
  }

  recordOutgoing(nowUs: number, records: number, bytes: number): void {
    this.recordsOut += records;
    this.bytesOut += bytes;
    this.outgoingRecords.add(nowUs, records);
    this.outgoingBytes.add(nowUs, bytes);
  }
}
