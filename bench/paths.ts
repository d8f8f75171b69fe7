import { relative } from "node:path";
import { fileURLToPath } from "node:url";

// Compiled to dist/bench/*.js, so the repo root is two levels up.
const rootUrl = new URL("../../", import.meta.url);

/** The repository root (absolute, with a trailing separator). */
export const repoRoot = fileURLToPath(rootUrl);

/** An absolute path to `relativePath` under the repository root. */
export function repoFile(relativePath: string): string {
  return fileURLToPath(new URL(relativePath, rootUrl));
}

/** `absolutePath` relative to the repository root, with forward slashes, for reports. */
export function fromRepoRoot(absolutePath: string): string {
  return relative(repoRoot, absolutePath).split("\\").join("/");
}
