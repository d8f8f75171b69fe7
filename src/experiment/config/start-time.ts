/**
 * An experiment's optional `startTime`: the wall-clock instant its time 0 stands for, so the
 * report can label time axes with UTC clock times. ISO 8601 in UTC only ("Z"), to the second
 * or the millisecond: a time zone offset or a local time would make the same file mean
 * different instants on different machines.
 */
const START_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

export const START_TIME_WORDS = 'an ISO 8601 UTC time such as "2026-03-01T00:00:00Z"';

/** Milliseconds since the epoch, or undefined when `text` is not a valid UTC time. */
export function parseStartTime(text: string): number | undefined {
  const parts = START_TIME.exec(text);
  if (parts === null) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return undefined;
  // Date.parse rolls "02-30" over into March: a time that reads back differently is refused.
  const [, year, month, day, hour, minute, second] = parts;
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === Number(year) &&
    back.getUTCMonth() + 1 === Number(month) &&
    back.getUTCDate() === Number(day) &&
    back.getUTCHours() === Number(hour) &&
    back.getUTCMinutes() === Number(minute) &&
    back.getUTCSeconds() === Number(second);
  return same ? ms : undefined;
}
