import type { EventMark } from "./event-marks.js";

/** What every chart whose x axis is time takes, whatever it draws. */
export interface OverTime {
  durationSeconds: number;
  /** The experiment's startTime: time axes read UTC clock times from it. */
  startTime?: string | undefined;
  /** What happened when (stops, reshards): thin vertical lines over the data. */
  marks?: readonly EventMark[] | undefined;
}

/**
 * Just the time of `source` (a run's result, or a chart's input handed on to its panels), with
 * `marks` on it (by default its own).
 */
export function overTime(source: OverTime, marks = source.marks): OverTime {
  return { durationSeconds: source.durationSeconds, startTime: source.startTime, marks };
}
