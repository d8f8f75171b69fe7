import { UserError } from "../../experiment/config/user-error.js";
import { readInputText, savedOutputFile } from "../../experiment/files/read-bounded-file.js";
import { summarizeSweep } from "../../experiment/sweep/sweep-output.js";
import { mergePartials } from "../../experiment/sweep/sweep-partial.js";
import { renderSweepOutput } from "./sweep.js";

/** `kinesim merge <partial.json …>`: what one machine would have printed. */
export function mergeCommand(files: string[], options: { json?: boolean; csv?: boolean }): void {
  if (options.json && options.csv) throw new UserError("merge: choose one of --json and --csv");
  const partials = files.map((file) => {
    const text = readInputText(file, savedOutputFile("a sweep partial (.json)"));
    try {
      return { file, partial: JSON.parse(text) as unknown };
    } catch {
      throw new UserError(
        `${file}: not JSON (expected the output of kinesim sweep --partition i/n)`,
      );
    }
  });
  const { identity, runMetrics } = mergePartials(partials);
  process.stdout.write(renderSweepOutput(summarizeSweep(identity, runMetrics), options));
}
