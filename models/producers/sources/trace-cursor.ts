import type { Random } from "../../../src/engine/random-streams.js";
import type { TraceReplaySettings } from "../producer-settings.js";
import type { SourceRecord } from "./producer-source.js";

/**
 * Walks a trace in time order, yielding each record `volumeScale` times on average
 * (⌊v⌋ copies, plus one more with probability v − ⌊v⌋, drawn from `random`), and starting
 * over every `repeatEveryUs` when the trace repeats.
 */
export class TraceCursor {
  private index = 0;
  private cycleStartUs = 0;
  private copiesLeft: number;
  private readonly whole: number;
  private readonly fraction: number;
  /** Reused by `next` (no allocation per record). */
  private readonly current: SourceRecord = { keyIndex: 0, sizeBytes: 0 };

  constructor(
    private readonly trace: TraceReplaySettings,
    private readonly random: Random,
  ) {
    this.whole = Math.floor(trace.volumeScale);
    this.fraction = trace.volumeScale - this.whole;
    this.copiesLeft = this.copiesOf();
    this.skipRecordsWithoutCopies();
  }

  /** The time of the next record, or undefined when the trace is over. */
  peekUs(): number | undefined {
    if (this.index >= this.trace.timesUs.length) return undefined;
    return this.cycleStartUs + (this.trace.timesUs[this.index] as number);
  }

  /** Takes the next record (call only when `peekUs()` is defined); the object is reused. */
  next(): SourceRecord {
    const record = this.current;
    record.keyIndex = this.trace.keyIndex[this.index] as number;
    record.sizeBytes = this.trace.sizes[this.index] as number;
    this.copiesLeft--;
    if (this.copiesLeft <= 0) {
      this.advance();
      this.skipRecordsWithoutCopies();
    }
    return record;
  }

  private copiesOf(): number {
    return this.whole + (this.fraction > 0 && this.random() < this.fraction ? 1 : 0);
  }

  private advance(): void {
    this.index++;
    if (this.index >= this.trace.timesUs.length && this.trace.repeatEveryUs !== undefined) {
      this.index = 0;
      this.cycleStartUs += this.trace.repeatEveryUs;
    }
    if (this.index < this.trace.timesUs.length) this.copiesLeft = this.copiesOf();
  }

  /**
   * With volumeScale below 1 some records get no copy at all. The loop ends at the trace's
   * end, or (when it repeats) at the first record drawn a copy: each gets one with
   * probability volumeScale − ⌊volumeScale⌋ > 0.
   */
  private skipRecordsWithoutCopies(): void {
    while (this.copiesLeft <= 0 && this.index < this.trace.timesUs.length) this.advance();
  }
}
