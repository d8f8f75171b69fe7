import { poissonPmf } from "./poisson-math.js";

/**
 * Blocking probability of the M/D/1/K queue (Poisson arrivals, one server, deterministic
 * service, room for K in the system), by the embedded chain at departures (Gross & Harris,
 * "Fundamentals of Queueing Theory", M/G/1/K): with a_k = P(k arrivals in one service) and
 * π the departure-epoch distribution on 0..K−1, the time-average probability of a full
 * system is 1 − 1 ÷ (π₀ + ρ), which arrivals see (PASTA).
 *
 * A token bucket of integer depth D refilled at μ records/s, taking single records, is this
 * queue with K = D: the bucket's deficit is the queue's work in units of 1 ÷ μ, so the number
 * in the system is the deficit rounded up, and a record is refused exactly when fewer than
 * one token is left, that is when D are in the system.
 */
export function md1kBlocking(rho: number, capacity: number): number {
  const states = capacity;
  const arrivals = (k: number) => poissonPmf(rho, k);
  const transition = (from: number, to: number): number => {
    // An empty system waits for an arrival, which then starts service: as from 1.
    const start = Math.max(from, 1);
    if (to < start - 1) return 0;
    if (to < states - 1) return arrivals(to - start + 1);
    let below = 0;
    for (let k = 0; k < states - start; k++) below += arrivals(k);
    return Math.max(0, 1 - below);
  };
  const departure = stationary(states, transition);
  return 1 - 1 / ((departure[0] as number) + rho);
}

/**
 * A token bucket of integer depth D refilled r tokens a tick, taking a Poisson(λ) batch of
 * records at the end of each tick and accepting the longest prefix that fits (what a shard
 * does with a segment-mode PutRecord producer's tick). The balance before a tick's refill is
 * a Markov chain on 0..D; this returns the stationary mean of the records throttled a tick,
 * the asymptotic variance of their sum per tick (so n ticks throttle n·mean ± √(n·variance)),
 * and the expected excess of a run that starts with a full bucket over n·mean (a transient
 * that fades within the chain's mixing time).
 */
export function tickBucketThrottling(
  lambdaPerTick: number,
  refillPerTick: number,
  depth: number,
): { mean: number; variance: number; fullStartExcess: number } {
  const states = depth + 1;
  const maxArrivals = Math.ceil(lambdaPerTick + 30 * Math.sqrt(lambdaPerTick) + 30);
  const pmf: number[] = [];
  for (let a = 0; a <= maxArrivals; a++) pmf.push(poissonPmf(lambdaPerTick, a));
  const refilled = (balance: number) => Math.min(balance + refillPerTick, depth);
  const step = (balance: number, a: number) => {
    const room = refilled(balance);
    const accepted = Math.min(a, room);
    return { next: room - accepted, throttled: a - accepted };
  };
  const matrix: number[][] = [];
  const reward: number[] = [];
  for (let b = 0; b < states; b++) {
    const row = new Array<number>(states).fill(0);
    let throttledMean = 0;
    for (let a = 0; a <= maxArrivals; a++) {
      const { next, throttled } = step(b, a);
      row[next] = (row[next] as number) + (pmf[a] as number);
      throttledMean += (pmf[a] as number) * throttled;
    }
    matrix.push(row);
    reward.push(throttledMean);
  }
  const pi = stationary(states, (from, to) => (matrix[from] as number[])[to] as number);
  const mean = dot(pi, reward);
  // Poisson's equation g = reward − mean + P·g with π·g = 0; then the sum over n ticks is
  // n·mean plus a martingale with increments D = throttled − mean + g(next) − g(balance),
  // whose mean square is the asymptotic variance, plus g(start) − g(X_n) ≈ g(start).
  const g = poissonEquation(matrix, reward, mean, pi);
  let variance = 0;
  for (let b = 0; b < states; b++) {
    for (let a = 0; a <= maxArrivals; a++) {
      const { next, throttled } = step(b, a);
      const d = throttled - mean + (g[next] as number) - (g[b] as number);
      variance += (pi[b] as number) * (pmf[a] as number) * d * d;
    }
  }
  return { mean, variance, fullStartExcess: g[depth] as number };
}

/** The stationary distribution of a finite chain, by Gaussian elimination. */
function stationary(states: number, transition: (from: number, to: number) => number): number[] {
  // Rows: π_j − Σ_i π_i P(i, j) = 0 for j < last; the last row: Σ π = 1.
  const rows: number[][] = [];
  for (let j = 0; j < states; j++) {
    const row = new Array<number>(states + 1).fill(0);
    if (j === states - 1) {
      row.fill(1);
    } else {
      for (let i = 0; i < states; i++) row[i] = (i === j ? 1 : 0) - transition(i, j);
      row[states] = 0;
    }
    rows.push(row);
  }
  return solve(rows);
}

/** g with g = reward − mean + P·g and π·g = 0 (one equation swapped for the normalization). */
function poissonEquation(
  matrix: number[][],
  reward: number[],
  mean: number,
  pi: number[],
): number[] {
  const states = reward.length;
  const rows: number[][] = [];
  for (let i = 0; i < states; i++) {
    const row = new Array<number>(states + 1).fill(0);
    if (i === states - 1) {
      for (let j = 0; j < states; j++) row[j] = pi[j] as number;
      row[states] = 0;
    } else {
      for (let j = 0; j < states; j++)
        row[j] = (i === j ? 1 : 0) - ((matrix[i] as number[])[j] as number);
      row[states] = (reward[i] as number) - mean;
    }
    rows.push(row);
  }
  return solve(rows);
}

/** Solves an augmented system by Gaussian elimination with partial pivoting. */
function solve(rows: number[][]): number[] {
  const n = rows.length;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) {
      if (
        Math.abs((rows[r] as number[])[c] as number) >
        Math.abs((rows[pivot] as number[])[c] as number)
      )
        pivot = r;
    }
    [rows[c], rows[pivot]] = [rows[pivot] as number[], rows[c] as number[]];
    const top = rows[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = rows[r] as number[];
      const factor = (row[c] as number) / (top[c] as number);
      if (factor === 0) continue;
      for (let k = c; k <= n; k++) row[k] = (row[k] as number) - factor * (top[k] as number);
    }
  }
  return rows.map((row, i) => (row[n] as number) / (row[i] as number));
}

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
