import { shardId, shardIndexOf } from "../../../models/hashing/shard-id.js";
import { loadExperimentFile } from "../../experiment/config/load-experiment.js";
import { parseDurationUs } from "../../experiment/config/units.js";
import { UserError } from "../../experiment/config/user-error.js";
import { explainExperiment } from "../../explain/explain-run.js";
import { terminalText } from "../terminal-text.js";
import { overridesWithSeed, wholeNumber } from "./options.js";

interface ExplainFlags {
  until: string;
  shard?: string;
  seed?: string;
  set: string[];
  maxLines: string;
}

/**
 * `kinesim explain <experiment>`: a narrated, record-by-record trace of the first seconds.
 * Every flag is checked before the run, and everything is computed before anything is
 * printed, so a mistake leaves stdout empty.
 */
export function explainCommand(path: string, flags: ExplainFlags): void {
  const untilUs = parseUntil(flags.until);
  const focus = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const maxLines = wholeNumber("--max-lines", flags.maxLines, 1);
  const config = loadExperimentFile(path, overridesWithSeed(flags.set, flags.seed));
  const { text } = explainExperiment(config, { untilUs, shardId: focus, maxLines });
  process.stdout.write(terminalText(text));
}

function parseUntil(text: string): number {
  let us: number;
  try {
    us = parseDurationUs(text);
  } catch {
    throw new UserError(`--until: expected a duration like 500ms, 2s or 1m, got "${text}"`);
  }
  if (us <= 0) throw new UserError(`--until: expected a duration above 0, got "${text}"`);
  return us;
}

/** `shardId-000000000002` or just `2`. */
function parseShard(text: string): string {
  const trimmed = text.trim();
  const index = /^\d{1,12}$/.test(trimmed) ? Number(trimmed) : shardIndexOf(trimmed);
  if (index === undefined) {
    throw new UserError(
      `--shard: expected a shard id like shardId-000000000002 or its number (2), got "${text}"`,
    );
  }
  return shardId(index);
}
