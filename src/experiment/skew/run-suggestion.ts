/**
 * The command line that checks `kinesim skew`'s estimate in a simulation, ready to paste: a
 * `run` with the one shard count, or a `sweep` over several. The user's own `--set`s are kept
 * (they shaped the estimate), except any that set the shard count, which the suggestion sets.
 * The shard count is set even when the file has it, so the line says what it runs.
 * Undefined when there is no count to suggest.
 *
 * @example runSuggestion("experiments/hot-key.yaml", [], [8])
 * // "kinesim run experiments/hot-key.yaml --set stream.shards=8"
 * @example runSuggestion("experiments/hot-key.yaml", [], [8, 16])
 * // "kinesim sweep experiments/hot-key.yaml --vary stream.shards=8,16"
 */
export function runSuggestion(
  path: string,
  sets: readonly string[],
  counts: readonly number[],
): string | undefined {
  if (counts.length === 0) return undefined;
  const kept = sets
    .filter((assignment) => assignment.split("=")[0]?.trim() !== "stream.shards")
    .flatMap((assignment) => ["--set", shellWord(assignment)]);
  const words =
    counts.length === 1
      ? ["kinesim", "run", shellWord(path), ...kept]
      : [
          "kinesim",
          "sweep",
          shellWord(path),
          ...kept,
          "--vary",
          `stream.shards=${counts.join(",")}`,
        ];
  if (counts.length === 1) words.push("--set", `stream.shards=${counts[0]}`);
  return words.join(" ");
}

/** A word the shell reads back as itself: bare when safe, else in single quotes. */
function shellWord(word: string): string {
  if (/^[\w./:=,@+%-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}
