import { parseStartTime } from "../experiment/config/start-time.js";

/** Steps of a clock axis, in seconds: round on a clock face, from a second to a week. */
const CLOCK_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
  172_800, 604_800,
];

/** Ticks of a wall-clock time axis: where (seconds into the run) and what they read. */
export interface ClockTicks {
  /** Seconds into the run of each tick, increasing. */
  seconds: number[];
  labels: string[];
  /** "UTC time, 2026-03-01" (one date) or "UTC date and time". */
  title: string;
}

/**
 * Ticks at round UTC clock times (whole minutes, hours, midnights: multiples of the step since
 * the epoch) over a run that starts at `startTime`, about `count` of them. Labels in UTC, 24 h:
 * "06:30", "06:30:15" below a minute, "03-02 06:00" when the run spans dates, "03-02" for days.
 */
export function clockTicks(startTime: string, durationSeconds: number, count = 8): ClockTicks {
  const startMs = parseStartTime(startTime) ?? 0;
  const endMs = startMs + durationSeconds * 1000;
  const week = 604_800;
  // Past the steps' week: whole weeks, as few as keep about `count` ticks.
  const step =
    CLOCK_STEPS.find((candidate) => durationSeconds / candidate <= count) ??
    Math.ceil(durationSeconds / count / week) * week;
  const stepMs = step * 1000;
  const first = Math.ceil(startMs / stepMs) * stepMs;
  const times: number[] = [];
  for (let at = first; at <= endMs; at += stepMs) times.push(at);
  const iso = (ms: number) => new Date(ms).toISOString();
  const oneDate = iso(startMs).slice(0, 10) === iso(Math.max(startMs, endMs - 1)).slice(0, 10);
  const label = (ms: number) => {
    const text = iso(ms);
    if (step >= 86_400) return text.slice(5, 10);
    const clock = step < 60 ? text.slice(11, 19) : text.slice(11, 16);
    return oneDate ? clock : `${text.slice(5, 10)} ${clock}`;
  };
  return {
    seconds: times.map((ms) => (ms - startMs) / 1000),
    labels: times.map(label),
    title: oneDate ? `UTC time, ${iso(startMs).slice(0, 10)}` : "UTC date and time",
  };
}
