/**
 * The command line that runs what the playground runs: the same file and the same `--set`
 * assignments give the same numbers (same seed, same engine).
 */

/** Quotes a shell word only when it needs it (POSIX single quotes). */
export function shellWord(word: string): string {
  return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `npx kinesim run experiments/hot-key.yaml --set stream.shards=16`. */
export function equivalentCommand(fileName: string, overrides: readonly string[]): string {
  const words = ["npx", "kinesim", "run", fileName];
  for (const assignment of overrides) words.push("--set", assignment);
  return words.map(shellWord).join(" ");
}
