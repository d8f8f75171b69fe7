import { TraceFormatError } from "./trace-error.js";

const PLAIN_SECONDS = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * A trace file's time column, read row by row. A time is a number of seconds from the
 * trace's start (≥ 0), or an ISO 8601 timestamp (seconds since the epoch); callers take
 * times relative to the earliest row. One file uses one kind: seconds from a start and
 * seconds since 1970 cannot be compared, and mixing them would stretch the trace over
 * decades.
 */
export class TimeColumn {
  /** The kind of the first time read, and its line. */
  private first: { readonly iso: boolean; readonly line: number } | undefined;

  constructor(private readonly column: string) {}

  /** The row's time in seconds. @throws TraceFormatError naming the line. */
  seconds(value: unknown, line: number): number {
    const time = this.parse(value, line);
    const iso = typeof value === "string" && !PLAIN_SECONDS.test(value.trim());
    if (this.first === undefined) this.first = { iso, line };
    else if (this.first.iso !== iso) {
      const kinds = ["plain seconds", "an ISO 8601 time"];
      throw new TraceFormatError(
        line,
        `${this.column}: ${JSON.stringify(value)} is ${kinds[Number(iso)]} but line ${this.first.line} has ${kinds[Number(!iso)]}: use one kind of time in a file`,
      );
    }
    return time;
  }

  private parse(value: unknown, line: number): number {
    if (typeof value === "number" && Number.isFinite(value)) return this.plain(value, value, line);
    if (typeof value === "string" && value.trim() !== "") {
      const text = value.trim();
      if (PLAIN_SECONDS.test(text)) return this.plain(Number(text), value, line);
      if (ISO_DATE.test(text)) {
        const ms = Date.parse(text);
        if (Number.isFinite(ms)) return ms / 1000;
      }
    }
    throw new TraceFormatError(
      line,
      `${this.column}: expected seconds or an ISO 8601 time like 2026-11-25T10:00:00Z, got ${JSON.stringify(value)}`,
    );
  }

  /**
   * Seconds from the trace's start: a negative one is before the start. A time written with a
   * minus sign is refused even when it reads as zero ("-0", "-1e-400", NDJSON -0): such a
   * file has negative times, whatever they round to, and a trace that mixes signs is wrong.
   */
  private plain(seconds: number, value: unknown, line: number): number {
    const minus = typeof value === "string" ? value.trim().startsWith("-") : Object.is(value, -0);
    if (!minus && seconds >= 0 && Number.isFinite(seconds)) return seconds;
    throw new TraceFormatError(
      line,
      // JSON.stringify writes -0 as 0, which would read as if 0 were refused.
      `${this.column}: expected seconds ≥ 0 (from the trace's start) or an ISO 8601 time, got ${minus && seconds === 0 && typeof value === "number" ? "-0" : JSON.stringify(value)}`,
    );
  }
}
