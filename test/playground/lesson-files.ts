import { readdirSync, readFileSync } from "node:fs";

/** Every shipped lesson's text, by file name (`hot-key.yaml`). */
export function lessonTexts(): Map<string, string> {
  return new Map(
    readdirSync("experiments")
      .filter((file) => file.endsWith(".yaml"))
      .sort()
      .map((file) => [file, readFileSync(`experiments/${file}`, "utf8")]),
  );
}

/** experiments/traces/* keyed as the build script bundles them: `traces/clickstream.csv`. */
export function traceTexts(): Record<string, string> {
  return Object.fromEntries(
    readdirSync("experiments/traces").map((file) => [
      `traces/${file}`,
      readFileSync(`experiments/traces/${file}`, "utf8"),
    ]),
  );
}

export function lessonText(file: string): string {
  return readFileSync(`experiments/${file}`, "utf8");
}
