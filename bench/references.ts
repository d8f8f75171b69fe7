/**
 * Reference figures quoted by the issue for the sixteen-shards workload
 * (bench/workloads/sixteen-shards.yaml) on this machine kind. They are constants, not measured
 * by the bench: the bench compares this run's kinesim wall times against them.
 */
export const SIXTEEN_SHARDS_REFERENCES = {
  source: "the issue (measured there on this machine kind; not measured by this run)",
  bareHeapLoop: { label: "bare JS heap loop of the model", wallMs: 1_100, eventsPerSecond: 6.8e6 },
  simpy: { label: "SimPy 4 model", wallMs: 11_000, eventsPerSecond: 0.5e6 },
} as const;

/** Record mode within this factor of the bare loop's wall time. */
export const RECORD_VS_BARE_MAX = 2;
/** Record mode at least this many times faster than SimPy. */
export const RECORD_VS_SIMPY_MIN = 5;
/** Segment (default) mode at least this many times faster than SimPy. */
export const SEGMENT_VS_SIMPY_MIN = 20;
