import { cpus } from "node:os";

/** Busy and total CPU time summed over every core since boot, in ms (from `os.cpus()`). */
export interface CpuSnapshot {
  readonly busyMs: number;
  readonly totalMs: number;
}

export function cpuSnapshot(): CpuSnapshot {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of cpus()) {
    const busy = times.user + times.nice + times.sys + times.irq;
    busyMs += busy;
    totalMs += busy + times.idle;
  }
  return { busyMs, totalMs };
}

/**
 * Cores kept busy between two snapshots by every process on the machine: with nothing else
 * running, a 1-worker sweep keeps ~1.1 busy (its thread and V8's helpers) and a 2-worker
 * sweep ~2. More than that on 1 worker means other work shared the cores.
 */
export function busyCores(before: CpuSnapshot, after: CpuSnapshot, cores: number): number {
  const totalMs = after.totalMs - before.totalMs;
  return totalMs <= 0 ? 0 : ((after.busyMs - before.busyMs) / totalMs) * cores;
}
