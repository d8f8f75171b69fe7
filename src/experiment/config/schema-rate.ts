import * as z from "zod";
import { HOURS_PER_DAY } from "../../../models/workload/hourly-rate.js";
import { US_PER_DAY } from "../../engine/time-units.js";
import { duration, expect, strict } from "./schema-fields.js";
import { RATE_BOUND_WORDS, rateBoundError, rateWithinBound } from "./schema-magnitudes.js";
import { formatDurationUs } from "./units.js";

/** The written forms of a rate other than a plain number of records per second. */
export const RATE_FORMS = '"N/s", "N/min" or "N/h"';

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, min: 60, h: 3600 };

/**
 * A rate: records per second, or "N/s", "N/min", "N/h" (records per second, minute, hour);
 * at most MAX_OFFERED_RATE (magnitude-bounds.ts). A refused rate's message lists the forms.
 */
export function rateValue(positive: boolean) {
  const words = `${positive ? "a positive number" : "a number ≥ 0"} of records per second, or ${RATE_FORMS} (per second, minute, hour)`;
  const message = expect(words);
  return z
    .union(
      [z.number(message), z.string(message).regex(/^\s*\d+(\.\d+)?\s*\/\s*(s|min|h)\s*$/, message)],
      message,
    )
    .transform((value) => {
      if (typeof value === "number") return value;
      const [amount, unit] = value.split("/").map((part) => part.trim());
      return Number(amount) / (SECONDS_PER_UNIT[unit ?? "s"] ?? 1);
    })
    .refine((rate) => Number.isFinite(rate) && (positive ? rate > 0 : rate >= 0), message)
    .refine(rateWithinBound, rateBoundError);
}

/** One point of a rate profile. */
export const ratePointSchema = strict({
  at: duration(false).describe("When this rate applies (duration from the start)."),
  rate: rateValue(false).describe(
    `Records per second from then on (or ${RATE_FORMS}), ${RATE_BOUND_WORDS}.`,
  ),
  ramp: z
    .boolean(expect("true or false"))
    .optional()
    .describe("Reach this rate by a straight ramp from the previous point (default: a step)."),
}).transform((point) => ({
  atUs: point.at,
  rate: point.rate,
  ...(point.ramp ? { ramp: true } : {}),
}));

/** A daily curve. */
export const dailyRateSchema = strict({
  daily: strict({
    peak: rateValue(false).describe(`Records per second at the daily peak, ${RATE_BOUND_WORDS}.`),
    trough: rateValue(false).describe(
      "Records per second twelve hours from the peak, at most peak.",
    ),
    peakAt: duration(false)
      .prefault("14h")
      .describe("Time of day of the peak, below 24h. Default 14h."),
  })
    .transform((d) => ({ peak: d.peak, trough: d.trough, peakAtUs: d.peakAt }))
    .superRefine((d, ctx) => {
      // A trough above the peak would put the peak at night; a peak at 30h is a time of day
      // that does not exist (the curve would silently wrap to 6h).
      if (d.trough > d.peak) {
        ctx.addIssue({
          code: "custom",
          path: ["trough"],
          message: `expected at most peak (${d.peak}), got ${d.trough}`,
        });
      }
      if (d.peakAtUs >= US_PER_DAY) {
        ctx.addIssue({
          code: "custom",
          path: ["peakAt"],
          message: `expected a time of day below 24h, got ${formatDurationUs(d.peakAtUs)}`,
        });
      }
    })
    .describe("A daily curve: trough at night, peak at peakAt each day (cosine)."),
});

/**
 * A day hour by hour: 24 rates, the first from 0:00 to 1:00, repeated every day. Steps (see
 * models/workload/hourly-rate.ts): the day's mean and peak are the mean and largest of the 24.
 */
export const hourlyRateSchema = strict({
  hourly: z
    .array(rateValue(false), expect(`a list of ${HOURS_PER_DAY} rates, one per hour from 0h`))
    .superRefine((rates, ctx) => {
      if (rates.length !== HOURS_PER_DAY) {
        ctx.addIssue({
          code: "custom",
          message: `expected exactly ${HOURS_PER_DAY} rates, one per hour from 0h to 23h, got ${rates.length}`,
        });
      } else if (rates.every((rate) => rate === 0)) {
        ctx.addIssue({ code: "custom", message: "at least one hour needs a rate above 0" });
      }
    })
    .describe(
      `Records per second for each hour of the day (or "N/min"), ${HOURS_PER_DAY} of them from 0h to 23h, each ${RATE_BOUND_WORDS}; the day repeats.`,
    ),
}).describe(
  "A day hour by hour: 24 rates, each held for its hour (steps), repeated every day; any shape, e.g. a peak of 3× the day's mean.",
);

/** `rate:` a number, a profile of steps and ramps, a daily curve, or a day hour by hour. */
export const rateSchema = z
  .union(
    [
      rateValue(true),
      z.array(ratePointSchema).min(1, expect("at least one { at, rate } point")),
      dailyRateSchema,
      hourlyRateSchema,
    ],
    expect(
      `a positive number of records per second, ${RATE_FORMS}, a list of { at, rate } points, { daily: { peak, trough } }, or { hourly: [24 rates] }`,
    ),
  )
  .superRefine((rate, ctx) => {
    if (typeof rate === "number" || !Array.isArray(rate)) return;
    if (rate[0]?.atUs !== 0)
      ctx.addIssue({ code: "custom", message: "the first point must be at 0s", path: [0, "at"] });
    rate.forEach((point, i) => {
      if (i > 0 && point.atUs <= (rate[i - 1]?.atUs ?? 0)) {
        ctx.addIssue({
          code: "custom",
          message: "points must be in increasing time order",
          path: [i, "at"],
        });
      }
    });
    if (rate.every((point) => point.rate === 0)) {
      ctx.addIssue({ code: "custom", message: "at least one point needs a rate above 0" });
    }
  });
