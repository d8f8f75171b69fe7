/** Runs `measure` `runs` times and keeps the run with the smallest `wallMs`. */
export function bestOf<T extends { readonly wallMs: number }>(runs: number, measure: () => T): T {
  let best = measure();
  for (let i = 1; i < runs; i++) {
    const candidate = measure();
    if (candidate.wallMs < best.wallMs) best = candidate;
  }
  return best;
}
