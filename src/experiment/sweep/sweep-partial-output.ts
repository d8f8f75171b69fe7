import type { SweepIdentity } from "./sweep-output.js";

/** What `kinesim sweep --partition i/n` prints: its share of the runs' metric vectors. */
export interface SweepPartial {
  kind: "kinesim-sweep-partial";
  sweep: SweepIdentity;
  partition: { index: number; count: number };
  runs: { index: number; metrics: number[] }[];
}
