import seedrandom from "seedrandom";
/**
 * Named random streams derived from one experiment seed (DESIGN.md decision 3).
 *
 * Each stream is an independent Alea generator seeded with `seed/name`, so adding a
 * producer or a shard never shifts the numbers another component sees: two experiments
 * that differ only in shard count see the same traffic (common random numbers).
 */
export class RandomStreams {
  seed;
  streams = new Map();
  constructor(seed) {
    this.seed = seed;
  }
  /** The stream called `name`; asking twice returns the same generator. */
  stream(name) {
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
export function randomStream(seed, name) {
  const generator = seedrandom.alea(`${seed}/${name}`);
  return () => generator();
}
