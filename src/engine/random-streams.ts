import seedrandom from "seedrandom";

/** A source of uniform random numbers in [0, 1). Distributions take one as input. */
export type Random = () => number;

/**
 * Named random streams derived from one experiment seed (design.md §3).
 *
 * Each stream is an independent Alea generator seeded with `seed/name`, so adding a
 * producer or a shard never shifts the numbers another component sees: two experiments
 * that differ only in shard count see the same traffic (common random numbers).
 */
export class RandomStreams {
  private readonly streams = new Map<string, Random>();

  constructor(readonly seed: number | string) {}

  /** The stream called `name`; asking twice returns the same generator. */
  stream(name: string): Random {
    let random = this.streams.get(name);
    if (random === undefined) {
      const generator = seedrandom.alea(`${this.seed}/${name}`);
      random = () => generator();
      this.streams.set(name, random);
    }
    return random;
  }
}

/** A single stream without a registry, for tests and small tools. */
export function randomStream(seed: number | string, name: string): Random {
  const generator = seedrandom.alea(`${seed}/${name}`);
  return () => generator();
}
