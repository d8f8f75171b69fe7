import { type Check, parseChecks } from "./result-check.js";

/**
 * Reads experiments/README.md, the lesson catalogue: its "Start here" list, its concept map and
 * its table of commands with their promised numbers. The formats are described under "How the
 * numbers are checked" in that file; anything that does not follow them is an error naming the
 * line, so a row added by hand cannot be silently skipped.
 */

/** One command of the catalogue table and the numbers it promises. */
export interface CatalogueRow {
  /** 1-based line in the README, for messages. */
  readonly line: number;
  /** Repository-relative experiment path, e.g. "experiments/hot-key.yaml". */
  readonly file: string;
  /** The `--set` assignments, in order. */
  readonly overrides: readonly string[];
  readonly checks: readonly Check[];
}

/** A concept and the experiment files that teach it. */
export interface ConceptRow {
  readonly line: number;
  readonly concept: string;
  readonly files: readonly string[];
}

export interface Catalogue {
  /** Experiment files linked from the numbered "Start here" list, in order. */
  readonly startHere: readonly string[];
  readonly concepts: readonly ConceptRow[];
  readonly rows: readonly CatalogueRow[];
}

interface Line {
  readonly number: number;
  readonly text: string;
}

export function parseCatalogue(markdown: string): Catalogue {
  const lines = markdown.split("\n").map((text, index) => ({ number: index + 1, text }));
  const startHere = section(lines, "Start here")
    .filter((line) => /^\d+\.\s/.test(line.text))
    .map((line) => {
      const files = linkedFiles(line.text);
      if (files.length === 0) fail(line, "a numbered lesson without a link to its .yaml file");
      return files[0] as string;
    });
  const concepts = tableRows(section(lines, "Concepts")).map(({ line, cells }) => ({
    line: line.number,
    concept: cells[0] ?? "",
    files: linkedFiles(cells[1] ?? ""),
  }));
  const rows = tableRows(section(lines, "The catalogue")).map(({ line, cells }) =>
    catalogueRow(line, cells),
  );
  return { startHere, concepts, rows };
}

/** The lines under `## title`, up to the next `## ` heading. */
function section(lines: readonly Line[], title: string): Line[] {
  const start = lines.findIndex((line) => line.text.trim() === `## ${title}`);
  if (start < 0) throw new Error(`experiments/README.md: no "## ${title}" section`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.text.startsWith("## "));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The body rows of the first table in `lines` (header and separator dropped), split in cells. */
function tableRows(lines: readonly Line[]): { line: Line; cells: string[] }[] {
  const table = lines.filter((line) => line.text.startsWith("|"));
  return table.slice(2).map((line) => ({
    line,
    cells: line.text
      .trim()
      .replace(/^\|/, "")
      .replace(/\|$/, "")
      .split("|")
      .map((cell) => cell.trim()),
  }));
}

/** Targets of Markdown links to `.yaml` files, e.g. `[hot-key](hot-key.yaml)` → experiments/hot-key.yaml. */
function linkedFiles(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+\.yaml)\)/g)].map((match) => `experiments/${match[1]}`);
}

function catalogueRow(line: Line, cells: readonly string[]): CatalogueRow {
  const commands = cells.flatMap((cell) =>
    [...cell.matchAll(/`(npx kinesim run [^`]*)`/g)].map((match) => match[1] as string),
  );
  if (commands.length !== 1)
    fail(line, `expected one \`npx kinesim run …\` command, found ${commands.length}`);
  const { file, overrides } = parseCommand(line, commands[0] as string);
  const comments = [...line.text.matchAll(/<!--\s*check:(.*?)-->/g)].map((m) => m[1] as string);
  if (comments.length === 0) fail(line, "no <!-- check: … --> comment: promise a number");
  const checks = comments.flatMap((comment) => {
    try {
      return parseChecks(comment);
    } catch (error) {
      return fail(line, error instanceof Error ? error.message : String(error));
    }
  });
  return { line: line.number, file, overrides, checks };
}

/** `npx kinesim run experiments/x.yaml [--set path=value]… [--json]`. */
function parseCommand(line: Line, command: string): { file: string; overrides: string[] } {
  // The caller matched "npx kinesim run "; the file and the flags follow.
  const words = shellWords(line, command);
  const file = words[3] ?? "";
  if (!/^experiments\/[^/]+\.yaml$/.test(file))
    fail(line, `expected experiments/NAME.yaml after "run", got "${file}"`);
  const overrides: string[] = [];
  for (let i = 4; i < words.length; i++) {
    const word = words[i] as string;
    if (word === "--json") continue;
    const value = words[i + 1];
    if (word !== "--set" || value === undefined)
      fail(line, `only --set path=value and --json may follow the file, got "${word}"`);
    overrides.push(value as string);
    i++;
  }
  return { file, overrides };
}

/** Splits a command on spaces, honouring '…' and "…" quoting (no escapes). */
function shellWords(line: Line, command: string): string[] {
  const words: string[] = [];
  for (const match of command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    const [, single, double, bare] = match;
    const word = single ?? double ?? (bare as string);
    if (bare?.includes("'") || bare?.includes('"')) fail(line, `unbalanced quote in: ${command}`);
    words.push(word);
  }
  return words;
}

function fail(line: Line, why: string): never {
  throw new Error(`experiments/README.md:${line.number}: ${why}`);
}
