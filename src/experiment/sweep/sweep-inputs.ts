import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { TraceReader } from "../config/finalize-trace.js";

/**
 * A reader that remembers every file it handed out (by the name the experiment gives it), so
 * that a sweep can fingerprint the exact texts it simulates and give the same texts to its
 * worker threads: a file edited while the sweep runs cannot make one run differ from another.
 */
export interface RecordingReader {
  readonly read: TraceReader;
  /** The files read so far: name as written in the experiment → text. */
  readonly files: () => ReadonlyMap<string, string>;
}

export function recordingReader(read: TraceReader): RecordingReader {
  const files = new Map<string, string>();
  return {
    read: (file) => {
      const known = files.get(file);
      if (known !== undefined) return known;
      const text = read(file);
      files.set(file, text);
      return text;
    },
    files: () => files,
  };
}

/** Everything that shapes a sweep's numbers, apart from the grid and the seeds. */
export interface SweepInputs {
  readonly experimentText: string;
  /** `--set` (and `--seed`) assignments applied to every run. */
  readonly fixedOverrides: readonly string[];
  /** Every file the experiment reads at any point of the grid: name → text. */
  readonly files: ReadonlyMap<string, string>;
  /** kinesim's version: another version may model the same inputs differently. */
  readonly version: string;
}

/**
 * Fingerprint of a sweep's inputs: two partitions merge only when it is equal, so partitions
 * computed from different traces, CloudWatch exports or kinesim versions are refused. Files
 * are hashed as the text the parser sees (the name as written in the experiment, which is
 * relative to it, so the same files in another folder or machine give the same fingerprint);
 * bytes that decode to the same text give the same simulation. JSON encoding keeps the parts
 * apart (no concatenation of two texts can pass for another).
 */
export function sweepInputsHash(inputs: SweepInputs): string {
  const files = [...inputs.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify([
    "kinesim-sweep-inputs",
    inputs.version,
    inputs.experimentText,
    inputs.fixedOverrides,
    files,
  ]);
  return bytesToHex(sha256(utf8ToBytes(canonical))).slice(0, 16);
}
