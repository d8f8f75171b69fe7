import type { LimitsProfile } from "../../../models/limits/profile.js";
import type { TraceReader } from "./finalize-trace.js";
import { expectedMessage, failAt as fail } from "./format-error.js";
import type { ParsedExperimentFile } from "./schema.js";

/** Where a value sits in the experiment file: keys and list indexes from the root. */
export type Path = readonly PropertyKey[];

/** Fails at `path` with `expected <what>, got <what the user wrote>` unless `ok`. */
export type Check = (ok: boolean, path: Path, what: string) => void;

export type ParsedProducer = ParsedExperimentFile["producers"][number];

/**
 * What every section's finalization needs, passed as one object so that a section reads the
 * profile, the raw document and the file the same way: the schema-valid file, the document as
 * the user wrote it (for the `got …` part of a message and for telling a default from a value
 * written out), the limits profile with `limits:` and the stream's max record size applied,
 * and the trace reader.
 */
export interface FinalizeContext {
  readonly file: ParsedExperimentFile;
  readonly document: unknown;
  readonly profile: LimitsProfile;
  readonly readTrace: TraceReader | undefined;
  readonly check: Check;
  /** The value the user wrote at `path`, or undefined where the file is silent. */
  readonly rawAt: (path: Path) => unknown;
}

/** The value the user wrote at `path`, for the `got …` part of a message. */
export function rawAt(document: unknown, path: Path): unknown {
  let value = document;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** A Check quoting `document`; a value the file left out is a default that does not fit. */
export function checkAgainst(document: unknown): Check {
  return (ok, path, what) => {
    if (ok) return;
    const raw = rawAt(document, path);
    fail(
      path,
      raw === undefined
        ? `expected ${what}; its default does not fit the limits`
        : expectedMessage(what, raw),
    );
  };
}
