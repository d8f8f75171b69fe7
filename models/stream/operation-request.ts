/** A resharding request, as an experiment's `events:` (or an autoscaler) makes it. */
export type OperationRequest =
  | { readonly kind: "split"; readonly shardId: string; readonly newStartingHashKey?: bigint }
  | { readonly kind: "merge"; readonly shardIds: readonly [string, string] }
  | { readonly kind: "updateShardCount"; readonly target: number };

/** Kinesis's error names for rejected resharding calls (API SplitShard, MergeShards, UpdateShardCount). */
export type OperationError =
  | "ResourceInUseException"
  | "ResourceNotFoundException"
  | "InvalidArgumentException"
  | "LimitExceededException";
