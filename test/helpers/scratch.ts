import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * A function handing out fresh empty directories under one temporary root, which is removed
 * when the test file ends: a test that wrote into `mkdtemp` directories and never removed
 * them left one per run in the system's temporary directory (hundreds after a day of runs).
 */
export function scratchDirectories(prefix: string): () => string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let made = 0;
  return () => {
    const directory = join(root, String(made++));
    mkdirSync(directory);
    return directory;
  };
}
