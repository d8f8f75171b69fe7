/** The shape of the kernel-versus-bare-heap workload and what one timed run reports. */
export interface HoldWorkload {
  /** Events to execute in total. */
  readonly events: number;
  /** Events kept pending: each executed event schedules one more until `events` are scheduled. */
  readonly population: number;
}

export interface WorkloadRun {
  readonly events: number;
  readonly wallMs: number;
  /** Time of the last executed event: equal for both loops when they ran the same schedule. */
  readonly lastTimeUs: number;
}
