import { exponential } from "../../src/engine/distributions/exponential.js";
import type { Random } from "../../src/engine/random-streams.js";
import type { RateSource } from "./rate-source.js";

/** A piecewise-constant multiplier of a producer's rate. */
export interface RateFactor {
  factorAt(timeUs: number): number;
  /** The first time after `timeUs` at which the factor may change (or +∞). */
  nextChangeAfter(timeUs: number): number;
  readonly maxFactor: number;
}

/** A scheduled spike: the rate is multiplied by `factor` during [atUs, atUs + forUs). */
export interface Spike {
  readonly atUs: number;
  readonly forUs: number;
  readonly factor: number;
}

/** Spikes as scheduled events (overlapping spikes multiply). */
export class SpikeFactor implements RateFactor {
  readonly maxFactor: number;

  constructor(private readonly spikes: readonly Spike[]) {
    this.maxFactor = spikes.reduce((product, spike) => product * Math.max(1, spike.factor), 1);
  }

  factorAt(timeUs: number): number {
    let factor = 1;
    for (const spike of this.spikes) {
      if (timeUs >= spike.atUs && timeUs < spike.atUs + spike.forUs) factor *= spike.factor;
    }
    return factor;
  }

  nextChangeAfter(timeUs: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const spike of this.spikes) {
      for (const edge of [spike.atUs, spike.atUs + spike.forUs])
        if (edge > timeUs && edge < next) next = edge;
    }
    return next;
  }
}

/** On/off bursts: mean durations of each state and the rate multiplier in it. */
export interface BurstSettings {
  readonly meanOnUs: number;
  readonly meanOffUs: number;
  readonly onFactor: number;
  readonly offFactor: number;
}

/**
 * Bursty traffic as a Markov-modulated Poisson process with two states: "off" and "on" last
 * exponentially distributed times (means `meanOff`, `meanOn`), and the producer's rate is
 * multiplied by the state's factor. The state path is drawn lazily, as far as the run needs
 * it, from its own random stream (starting "off").
 */
export class BurstFactor implements RateFactor {
  readonly maxFactor: number;
  /** Times at which the state flips; state i (0 = off) holds on [switches[i−1], switches[i]). */
  private readonly switches: number[] = [];

  constructor(
    private readonly settings: BurstSettings,
    private readonly random: Random,
  ) {
    this.maxFactor = Math.max(settings.onFactor, settings.offFactor);
  }

  factorAt(timeUs: number): number {
    const state = this.stateIndexAt(timeUs);
    return state % 2 === 0 ? this.settings.offFactor : this.settings.onFactor;
  }

  nextChangeAfter(timeUs: number): number {
    return this.switches[this.stateIndexAt(timeUs)] as number;
  }

  private stateIndexAt(timeUs: number): number {
    while ((this.switches.at(-1) ?? 0) <= timeUs) {
      const on = this.switches.length % 2 === 1;
      const meanUs = on ? this.settings.meanOnUs : this.settings.meanOffUs;
      this.switches.push(
        (this.switches.at(-1) ?? 0) + Math.max(1, Math.round(exponential(this.random, 1 / meanUs))),
      );
    }
    // Binary search: the first switch after timeUs.
    let low = 0;
    let high = this.switches.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.switches[middle] as number) > timeUs) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** A rate multiplied by piecewise-constant factors (bursts, spikes). */
export class ModulatedRate implements RateSource {
  readonly maxRate: number;

  constructor(
    private readonly base: RateSource,
    private readonly factors: readonly RateFactor[],
  ) {
    this.maxRate = factors.reduce((rate, factor) => rate * factor.maxFactor, base.maxRate);
  }

  rateAt(timeUs: number): number {
    return this.factors.reduce(
      (rate, factor) => rate * factor.factorAt(timeUs),
      this.base.rateAt(timeUs),
    );
  }

  expectedCount(fromUs: number, toUs: number): number {
    let total = 0;
    let start = fromUs;
    while (start < toUs) {
      let end = toUs;
      let product = 1;
      for (const factor of this.factors) {
        product *= factor.factorAt(start);
        end = Math.min(end, factor.nextChangeAfter(start));
      }
      total += product * this.base.expectedCount(start, end);
      start = end;
    }
    return total;
  }
}
