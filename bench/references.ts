/**
 * The one reference figure the bench still quotes rather than measures: issue 3's bare
 * JavaScript heap loop of the sixteen-shards model (bench/workloads/sixteen-shards.yaml),
 * measured there on this machine kind. The SimPy model it was once compared with is now in
 * bench/reference/ and measured by every run.
 */
export const BARE_HEAP_LOOP_REFERENCE = {
  source: "issue 3 (measured there on this machine kind; not measured by this run)",
  label: "bare JS heap loop of the model",
  wallMs: 1_100,
  eventsPerSecond: 6.8e6,
} as const;

/** Record mode's simulation within this factor of the bare loop's wall time (issue 3). */
export const RECORD_VS_BARE_MAX = 2;
