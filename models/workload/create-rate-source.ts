import type { Random } from "../../src/engine/random-streams.js";
import { DailyRate } from "./daily-rate.js";
import { HourlyRate } from "./hourly-rate.js";
import {
  BurstFactor,
  type BurstSettings,
  ModulatedRate,
  type RateFactor,
  type Spike,
  SpikeFactor,
} from "./rate-modulation.js";
import { type RateConfig, RateProfile } from "./rate-profile.js";
import type { RateSource } from "./rate-source.js";

/**
 * A producer's rate over time: its `rate:` (constant, steps and ramps, a daily curve or an
 * hourly profile), multiplied by on/off bursts and by scheduled spikes when it has them.
 */
export function createRateSource(
  rate: RateConfig,
  bursts: BurstSettings | undefined,
  spikes: readonly Spike[],
  burstRandom: Random,
): RateSource {
  const base = baseRate(rate);
  const factors: RateFactor[] = [];
  if (bursts !== undefined) factors.push(new BurstFactor(bursts, burstRandom));
  if (spikes.length > 0) factors.push(new SpikeFactor(spikes));
  return factors.length === 0 ? base : new ModulatedRate(base, factors);
}

/** The rate a `rate:` setting describes, before bursts and spikes. */
export function baseRate(rate: RateConfig): RateSource {
  if (typeof rate === "object" && "daily" in rate) return new DailyRate(rate.daily);
  if (typeof rate === "object" && "hourly" in rate) return new HourlyRate(rate.hourly);
  return new RateProfile(rate);
}
