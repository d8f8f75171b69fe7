import type { EventHandle, Simulation } from "../../src/engine/simulation.js";
import type { Segment } from "../shards/segment.js";
import type { BatchSettings } from "./producer-settings.js";

/**
 * Record-mode PutRecords batching: records collect into a batch that is sent when the next
 * record would not fit its bytes, when it holds `maxRecords`, or `lingerUs` after its first
 * record, whichever comes first.
 */
export class PutBatcher {
  private batch: Segment[] = [];
  private batchBytes = 0;
  private lingerTimer: EventHandle | undefined;

  constructor(
    private readonly simulation: Simulation,
    private readonly settings: BatchSettings,
    private readonly send: (batch: Segment[]) => void,
  ) {}

  /** Records waiting in the open batch. */
  get size(): number {
    return this.batch.length;
  }

  add(segment: Segment): void {
    const { maxRecords, maxBytes, lingerUs } = this.settings;
    if (this.batch.length > 0 && this.batchBytes + segment.bytes > maxBytes) this.flush();
    this.batch.push(segment);
    this.batchBytes += segment.bytes;
    if (this.batch.length >= maxRecords) {
      this.flush();
    } else if (this.batch.length === 1) {
      this.lingerTimer = this.simulation.schedule(lingerUs, () => this.flush());
    }
  }

  private flush(): void {
    if (this.lingerTimer !== undefined) {
      this.simulation.cancel(this.lingerTimer);
      this.lingerTimer = undefined;
    }
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    if (batch.length > 0) this.send(batch);
  }
}
