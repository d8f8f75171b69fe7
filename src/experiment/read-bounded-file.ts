import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/**
 * The largest trace or CloudWatch export kinesim reads: 128 MiB. V8 cannot hold a string
 * longer than 2^29 − 24 characters (about 512 MiB), so a larger file could not be read at
 * all; a quarter of that leaves room for the file's text (twice its size when it is not
 * ASCII), its parsed columns (20 bytes a record) and the run in a default Node heap. At about
 * 25 bytes a line, that is some 5 million records.
 */
export const MAX_TRACE_FILE_BYTES = 128 * 1024 * 1024;

/** Why a file was not read: a one-line reason, for the caller to put in its own error. */
export class FileRefusal extends Error {}

/**
 * The text of the regular file at `path` (UTF-8), refused before reading when it is not a
 * regular file (a device such as /dev/zero, a pipe: it may never end) or is larger than
 * `maxBytes`. It is opened without blocking, so a named pipe with no writer cannot hang it.
 *
 * @throws FileRefusal for a file it will not read; Node's own error when it cannot open it.
 */
export function readBoundedText(path: string, maxBytes: number): string {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new FileRefusal("is a directory, expected a file");
    if (!stat.isFile()) {
      throw new FileRefusal(
        `not a regular file but ${kindOf(stat)}, which may never end: give a trace file`,
      );
    }
    if (stat.size > maxBytes) {
      throw new FileRefusal(
        `${mebibytes(stat.size)}, larger than the ${mebibytes(maxBytes)} a trace file may be`,
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
