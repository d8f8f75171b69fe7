import { randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UserError } from "../experiment/config/user-error.js";

/**
 * Writing kinesim's output files (run --out, report -o, init) so that a shared or hostile
 * folder cannot turn a write into damage, and a failure leaves nothing half-done:
 *
 * - every file is first written to a new temporary file beside its target, created
 *   exclusively (O_EXCL: never through a symlink planted under that name) with an
 *   unpredictable name, then renamed over the target (rename replaces a symlink itself,
 *   never the file it points to);
 * - every target is checked before anything is written (not a directory, not a device or
 *   pipe), so one bad target fails the whole set with the old files untouched;
 * - the folder is checked by walking up to the nearest existing ancestor (which must be a
 *   writable directory), and missing folders are made one level at a time: Node's recursive
 *   mkdir loops forever under /proc;
 * - on any failure the temporary files and the folders made are removed.
 *
 * The renames come last and one by one: if one failed after the checks passed (the folder
 * changed under kinesim meanwhile), the files already renamed stay replaced.
 */

export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

export interface WriteOptions {
  /** Prefix of every message, e.g. `--out results`. */
  readonly label: string;
  /** Make the missing folders of the first file's directory (run --out); else it must exist. */
  readonly createDirectory?: boolean;
}

/** Writes all of `files` (which share one directory) or none of them. */
export function writeOutputFiles(files: readonly OutputFile[], options: WriteOptions): void {
  const fail = (why: string): never => {
    throw new UserError(`${options.label}: ${why}`);
  };
  const directory = dirname(files[0]?.path ?? ".");
  if (files.some((file) => dirname(file.path) !== directory))
    throw new Error("writeOutputFiles: every file must be in one directory");
  const created = prepareDirectory(directory, Boolean(options.createDirectory), fail);
  const temporaries: string[] = [];
  let renamed = 0;
  try {
    for (const file of files) checkReplaceable(file.path, fail);
    for (const file of files) {
      const temporary = join(
        directory,
        `.${basename(file.path)}.${randomBytes(8).toString("hex")}.tmp`,
      );
      writeExclusively(temporary, file.content, fail);
      temporaries.push(temporary);
    }
    files.forEach((file, i) => {
      try {
        renameSync(temporaries[i] as string, file.path);
        renamed++;
      } catch (error) {
        fail(`cannot replace ${file.path} (${codeOf(error)})`);
      }
    });
  } catch (error) {
    for (const temporary of temporaries.slice(renamed)) removeQuietly(() => unlinkSync(temporary));
    if (renamed === 0) for (const dir of created.reverse()) removeQuietly(() => rmdirSync(dir));
    throw error;
  }
}

/**
 * Checks `directory` (or, when it is missing, its nearest existing ancestor) is a writable
 * directory and makes the missing levels; returns the folders it made, deepest last.
 */
function prepareDirectory(
  directory: string,
  create: boolean,
  fail: (why: string) => never,
): string[] {
  const missing: string[] = [];
  let existing = resolve(directory);
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(existing).isDirectory();
    } catch (error) {
      const code = codeOf(error);
      // ENOTDIR: a level above is a file; walking up finds it and names it.
      if (code !== "ENOENT" && code !== "ENOTDIR") fail(`cannot use ${existing} (${code})`);
      const parent = dirname(existing);
      if (parent === existing) fail(`cannot use ${existing} (${code})`);
      missing.unshift(existing);
      existing = parent;
      continue;
    }
    if (!isDirectory) fail(`${existing} is not a directory`);
    break;
  }
  if (missing.length > 0 && !create) fail(`no such directory: ${missing[0]}`);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    fail(`${existing} is not writable`);
  }
  const created: string[] = [];
  for (const folder of missing) {
    try {
      mkdirSync(folder);
      created.push(folder);
    } catch (error) {
      for (const dir of created.reverse()) removeQuietly(() => rmdirSync(dir));
      fail(`cannot create ${folder} (${codeOf(error)})`);
    }
  }
  return created;
}

/** A target may be missing, a regular file or a symlink (which the rename replaces). */
function checkReplaceable(path: string, fail: (why: string) => never): void {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if (codeOf(error) === "ENOENT") return;
    fail(`cannot use ${path} (${codeOf(error)})`);
  }
  if (stats.isDirectory()) fail(`${path} is a directory, not a file kinesim can replace`);
  if (!stats.isFile() && !stats.isSymbolicLink())
    fail(`${path} is not a regular file, kinesim will not replace it`);
}

/** Creates `path` (it must not exist: 'wx' refuses a symlink there too) and writes `content`. */
function writeExclusively(path: string, content: string, fail: (why: string) => never): void {
  let descriptor: number;
  try {
    descriptor = openSync(path, "wx", 0o666);
  } catch (error) {
    fail(`cannot create a temporary file in ${dirname(path)} (${codeOf(error)})`);
  }
  try {
    writeFileSync(descriptor, content);
    // On disk before the rename, so a crash cannot leave an empty file under the real name.
    fsyncSync(descriptor);
  } catch (error) {
    removeQuietly(() => closeSync(descriptor));
    removeQuietly(() => unlinkSync(path));
    fail(`cannot write ${path} (${codeOf(error)})`);
  }
  closeSync(descriptor);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? "error";
}

/** Clean-up after a failure: what cannot be removed is left, the first error is reported. */
function removeQuietly(remove: () => void): void {
  try {
    remove();
  } catch {
    // Nothing better to do; the original error is what the user needs to see.
  }
}
