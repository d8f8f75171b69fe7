/**
 * Told of every run of records a shard accepts: when, the sequence index of its first
 * record, and the run itself (its size and its own creation span, which the log forgets once
 * it merges the run into a stored segment).
 */
export type AppendListener = (
  nowUs: number,
  firstSeq: number,
  count: number,
  bytes: number,
  firstCreatedUs: number,
  lastCreatedUs: number,
) => void;
