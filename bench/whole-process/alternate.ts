/**
 * Runs each contender once per round, in turn, for `rounds` rounds: A B A B … rather than
 * A A A B B B, so that load from other processes, which comes and goes over minutes, falls
 * on both alike and each round's ratio compares runs made seconds apart.
 */
export function alternate<T>(
  rounds: number,
  contenders: Readonly<Record<string, () => T>>,
): Record<string, T[]> {
  const results: Record<string, T[]> = {};
  for (const label of Object.keys(contenders)) results[label] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [label, run] of Object.entries(contenders)) {
      (results[label] as T[]).push(run());
    }
  }
  return results;
}
