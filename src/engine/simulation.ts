import { EventQueue, type ScheduledEvent } from "./event-queue.js";

/** A handle to a scheduled action; pass it to {@link Simulation.cancel}. */
export type EventHandle = ScheduledEvent;

/**
 * The simulation kernel: an integer-microsecond clock and a queue of actions.
 *
 * Everything else (producers, shards, consumers) is built from plain callbacks scheduled
 * here. The kernel knows nothing about what the callbacks do. Time is an integer number of
 * microseconds held in a `number`, exact up to 2^53 µs (design.md §1).
 */
export class Simulation {
  private readonly queue = new EventQueue();
  private clockUs = 0;
  private processed = 0;
  /** The `untilUs` of the run in progress; -1 outside `run`. */
  private horizonUs = -1;

  /** Current simulated time in microseconds. */
  get nowUs(): number {
    return this.clockUs;
  }

  /** Number of events executed so far (cancelled ones are not counted). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Number of events waiting in the queue, cancelled ones included. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Runs `action` after `delayUs` microseconds (rounded to an integer, at least 0). */
  schedule(delayUs: number, action: () => void): EventHandle {
    return this.scheduleAt(this.clockUs + Math.max(0, Math.round(delayUs)), action);
  }

  /** Runs `action` at the absolute time `timeUs`; times in the past run now. */
  scheduleAt(timeUs: number, action: () => void): EventHandle {
    if (!Number.isSafeInteger(timeUs)) {
      throw new RangeError(`event time must be a safe integer of microseconds, got ${timeUs}`);
    }
    return this.queue.push(Math.max(timeUs, this.clockUs), action);
  }

  /** Lazily cancels an event: it stays queued but will not run. */
  cancel(handle: EventHandle): void {
    handle.cancelled = true;
  }

  /**
   * Executes every event with time <= `untilUs` in (time, scheduling order), then leaves the
   * clock at `untilUs`. Events an action schedules within the horizon also run.
   */
  run(untilUs: number): void {
    const queue = this.queue;
    this.horizonUs = untilUs;
    try {
      for (;;) {
        const next = queue.peek();
        if (next === undefined || next.timeUs > untilUs) break;
        queue.pop();
        if (next.cancelled) continue;
        this.clockUs = next.timeUs;
        this.processed++;
        next.action();
      }
    } finally {
      this.horizonUs = -1;
    }
    if (untilUs > this.clockUs) this.clockUs = untilUs;
  }

  /**
   * For an action about to schedule its own next occurrence at `timeUs`: when that event would
   * be the very next to run — within the run in progress, and nothing queued at or before
   * `timeUs` (an event scheduled now runs after those already queued for the same time) — moves
   * the clock there, counts it as an event and returns true, and the caller goes on in place of
   * scheduling it. Otherwise returns false and changes nothing. What runs when, and the event
   * count, are those of scheduling it; only the queue's work and an allocation are saved (a
   * record-level producer's arrivals follow one another between other events).
   */
  advanceIfNext(timeUs: number): boolean {
    if (timeUs > this.horizonUs || timeUs < this.clockUs) return false;
    const next = this.queue.peek();
    if (next !== undefined && next.timeUs <= timeUs) return false;
    this.clockUs = timeUs;
    this.processed++;
    return true;
  }
}
