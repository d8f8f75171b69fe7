import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { UserError } from "../../experiment/config/user-error.js";
import { hashReport, renderHashReport } from "../hash-command.js";

/**
 * Largest shard count a stream may have: the default profile's (kinesis-facts.md §5: ≤10,000
 * shards per stream), the bound an experiment file has unless its `limits:` raises it.
 */
const MAX_SHARDS = DEFAULT_PROFILE.maxShardsPerStream;

/** `kinesim hash <key...> --shards N [--json]`. */
export function hashCommand(keys: string[], options: { shards: string; json?: boolean }): void {
  const shards = Number(options.shards);
  if (!/^\d+$/.test(options.shards) || shards < 1 || shards > MAX_SHARDS) {
    throw new UserError(
      `--shards: expected a whole number from 1 to ${MAX_SHARDS}, got "${options.shards}"`,
    );
  }
  for (const key of keys) {
    const length = [...key].length;
    if (length < 1 || length > DEFAULT_PROFILE.partitionKeyMaxChars) {
      throw new UserError(
        `partition key ${JSON.stringify(key.slice(0, 40))}: expected 1 to ${DEFAULT_PROFILE.partitionKeyMaxChars} characters, got ${length}`,
      );
    }
  }
  const report = hashReport(keys, shards);
  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : renderHashReport(report),
  );
}
