/**
 * A shard id short enough for a legend or a row label: "shardId-000000000005" → "shard 5".
 * Other ids are returned unchanged.
 */
export function shortShardId(shardId: string): string {
  const match = /^shardId-0*(\d+)$/.exec(shardId);
  return match === null ? shardId : `shard ${match[1]}`;
}
