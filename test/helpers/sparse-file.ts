import { closeSync, ftruncateSync, openSync } from "node:fs";
import { join } from "node:path";

/** A file of `bytes` zero bytes that takes no disk space: its size without writing its bytes. */
export function sparseFile(directory: string, name: string, bytes: number): string {
  const path = join(directory, name);
  const fd = openSync(path, "w");
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  return path;
}
