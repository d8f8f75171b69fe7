import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { UserError } from "../config/user-error.js";

/** What kinesim reads, how large it may be, and what to call it in a refusal. */
export interface InputFileKind {
  /** With its article, as a refusal names it: "an experiment file". */
  readonly what: string;
  readonly maxBytes: number;
}

/**
 * A trace or CloudWatch export: at most 128 MiB. V8 cannot hold a string longer than
 * 2^29 − 24 characters (about 512 MiB), so a larger file could not be read at all; a quarter
 * of that leaves room for the file's text (twice its size when it is not ASCII), its parsed
 * columns (20 bytes a record) and the run in a default Node heap. At about 25 bytes a line,
 * that is some 5 million records.
 */
export const TRACE_FILE: InputFileKind = { what: "a trace file", maxBytes: 128 * 1024 * 1024 };

/**
 * An experiment: at most 32 MiB, which holds the longest accepted fixed key list (100,000
 * keys of up to 256 characters, Kinesis's longest partition key) with room to spare; the
 * YAML token budget refuses most larger documents anyway, but only after lexing them.
 */
export const EXPERIMENT_FILE: InputFileKind = {
  what: "an experiment file",
  maxBytes: 32 * 1024 * 1024,
};

/**
 * A file kinesim wrote itself (result.json, timeseries.csv, a sweep's partial), named as
 * `what`: at most 256 MiB, half the longest string V8 holds, which the series budget
 * (1,000,000 points) keeps well clear of.
 */
export function savedOutputFile(what: string): InputFileKind {
  return { what, maxBytes: 256 * 1024 * 1024 };
}

/** Why a file was not read: a one-line reason, for the caller to put in its own error. */
export class FileRefusal extends Error {}

/**
 * The text of the regular file at `path` (UTF-8), refused before reading when it is not a
 * regular file (a device such as /dev/zero, a pipe: it may never end) or is larger than the
 * kind allows. It is opened without blocking, so a named pipe with no writer cannot hang it.
 *
 * @throws FileRefusal for a file it will not read; Node's own error when it cannot open it.
 */
export function readBoundedText(path: string, kind: InputFileKind): string {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new FileRefusal(`is a directory, expected ${kind.what}`);
    if (!stat.isFile()) {
      throw new FileRefusal(
        `not a regular file but ${kindOf(stat)}, which may never end: give ${kind.what}`,
      );
    }
    if (stat.size > kind.maxBytes) {
      throw new FileRefusal(
        `${mebibytes(stat.size)}, larger than the ${mebibytes(kind.maxBytes)} ${kind.what} may be`,
      );
    }
    // A file that grows while it is read is read as it was when it was opened.
    const buffer = Buffer.alloc(stat.size);
    let filled = 0;
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) break;
      filled += read;
    }
    return buffer.toString("utf8", 0, filled);
  } finally {
    closeSync(fd);
  }
}

/**
 * readBoundedText for a file the user named on the command line: any refusal or failure is
 * a one-line UserError starting with the path.
 */
export function readInputText(path: string, kind: InputFileKind): string {
  try {
    return readBoundedText(path, kind);
  } catch (error) {
    throw new UserError(`${path}: ${whyNotRead(error, kind)}`);
  }
}

/** The one-line reason a read failed: a refusal's own, or the system error in words. */
export function whyNotRead(error: unknown, kind: InputFileKind): string {
  if (error instanceof FileRefusal) return error.message;
  const code =
    error !== null && typeof error === "object" && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return `is a directory, expected ${kind.what}`;
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "no such file (a parent is not a directory)";
    default:
      return `cannot read the file${code === "" ? "" : ` (${code})`}`;
  }
}

function kindOf(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isSocket()) return "a socket";
  return "not a file";
}

function mebibytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))} MiB`;
}
