import type { Segment } from "../../shards/segment.js";
import type { RateSource } from "../../workload/rate-source.js";
import { batchPeriodUs } from "../batch-period.js";
import { PutBatcher } from "../put-batcher.js";
import type { ProducerSender } from "./producer-sender.js";
import { sendSdk, sendSdkRecord } from "./sdk-send.js";
import { SdkTickPut } from "./sdk-tick-put.js";
import type { SendPath } from "./send-path.js";

/** The plain AWS SDK: PutRecord per record, or PutRecords batches (sdk-send.ts). */
export class SdkSender implements ProducerSender {
  readonly kpl = undefined;
  /** Record mode: the PutRecords batch being collected. */
  private readonly batcher: PutBatcher;
  readonly tickPut: SdkTickPut;

  constructor(
    private readonly path: SendPath,
    private readonly rate: RateSource,
  ) {
    this.batcher = new PutBatcher(path.context.simulation, path.settings.batch, (batch) =>
      sendSdk(path, batch, 0),
    );
    this.tickPut = new SdkTickPut(path);
  }

  /**
   * For PutRecords, the span whose records wait as long as a batch makes them wait
   * ({@link batchPeriodUs}); never shorter than `resolution`. PutRecord ticks at `resolution`.
   */
  tickUs(): number {
    return this.tickUsAt(this.path.context.simulation.nowUs);
  }

  /** {@link tickUs} for a tick at `timeUs` (a window of ticks works its ticks out ahead). */
  tickUsAt(timeUs: number): number {
    return this.tickUsAtRate(this.rate.rateAt(timeUs));
  }

  /** {@link tickUs} at `rate` records per second. */
  tickUsAtRate(rate: number): number {
    const { context, settings } = this.path;
    if (settings.api === "putRecord") return context.resolutionUs;
    const periodUs = batchPeriodUs(rate, settings.batch.maxRecords, settings.batch.lingerUs);
    return Math.max(context.resolutionUs, Math.round(periodUs));
  }

  sendTick(segments: Segment[]): void {
    sendSdk(this.path, segments, 0);
  }

  sendRecord(record: Segment): void {
    if (this.path.settings.api === "putRecord") sendSdkRecord(this.path, record);
    else this.batcher.add(record);
  }

  get buffered(): number {
    return this.batcher.size;
  }
}
