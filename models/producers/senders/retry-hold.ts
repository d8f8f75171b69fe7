import { countByShard } from "../../narration/put-tally.js";
import type { ProducerContext } from "../producer-context.js";
import type { PendingRetry } from "./send-path.js";

/**
 * Records a producer holds off the wire for a while, waiting for a retry or for a later send,
 * counted so that the conservation check can find them.
 */
export class RetryHold {
  /** Records held now. */
  held = 0;

  constructor(
    private readonly context: ProducerContext,
    private readonly producer: string,
  ) {}

  /** Holds `retry.records` until `retry.delayUs` from now, then sends them again. */
  scheduleRetry(retry: PendingRetry): void {
    this.held += retry.records;
    this.context.simulation.schedule(retry.delayUs, () => {
      this.held -= retry.records;
      const narrator = this.context.narrator;
      if (narrator !== undefined) {
        narrator.note({
          kind: "retry",
          atUs: this.context.simulation.nowUs,
          producer: this.producer,
          records: retry.records,
          byShard: countByShard(retry.segments, this.context.stream.shards),
          attempt: retry.attempt + 1,
          backoffUs: retry.delayUs,
        });
      }
      retry.resend();
    });
  }

  /** Holds `records` until `delayUs` from now, then runs `send`. */
  holdFor(records: number, delayUs: number, send: () => void): void {
    this.held += records;
    this.context.simulation.schedule(delayUs, () => {
      this.held -= records;
      send();
    });
  }
}
