/** Poisson(λ) probability mass at n, computed in log space (stable for large λ). */
export function poissonPmf(lambda: number, n: number): number {
  let logFactorial = 0;
  for (let k = 2; k <= n; k++) logFactorial += Math.log(k);
  return Math.exp(n * Math.log(lambda) - lambda - logFactorial);
}

/**
 * Mean and variance of the overflow X = (N − C)+ for N ~ Poisson(λ): the records a fixed
 * window of capacity C throttles when N arrive in it.
 */
export function poissonOverflowMoments(
  lambda: number,
  capacity: number,
): { mean: number; variance: number } {
  let mean = 0;
  let second = 0;
  const upper = Math.ceil(lambda + 20 * Math.sqrt(lambda) + 50);
  let pmf = poissonPmf(lambda, capacity + 1);
  for (let n = capacity + 1; n <= upper; n++) {
    const excess = n - capacity;
    mean += excess * pmf;
    second += excess * excess * pmf;
    pmf *= lambda / (n + 1);
  }
  return { mean, variance: second - mean * mean };
}
