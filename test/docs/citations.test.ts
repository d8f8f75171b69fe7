import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Code, tests, experiments and the README cite `docs/kinesis-facts.md §N` and
 * `docs/design.md §N`. Every cited section must exist, so that a number can be checked from a
 * clone; a bare `§N` refers to the document the file named last before it.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
/** Names of the documents kinesim started from, which are not in the repository. */
const OUTSIDE = /[Ff]act sheet|DESIGN\.md|reference\/kinesis-facts/;
const THIS_FILE = "test/docs/citations.test.ts";
const DOCUMENTS = ["kinesis-facts.md", "design.md"] as const;
type DocumentName = (typeof DOCUMENTS)[number];

/** The numbered sections (`## N. Title`) of one document. */
function sectionsOf(document: DocumentName): Set<number> {
  const text = readFileSync(`${root}docs/${document}`, "utf8");
  return new Set([...text.matchAll(/^## (\d+)\. \S/gm)].map((match) => Number(match[1])));
}

/** Tracked files that may cite the documents (the documents themselves excluded). */
function citingFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  });
  return listed
    .split("\n")
    .filter((file) => /\.(ts|mjs|md|yaml)$/.test(file) && !file.startsWith("docs/"));
}

interface Citation {
  readonly file: string;
  readonly line: number;
  readonly document: DocumentName | undefined;
  readonly section: number;
}

/** Every `§N` of a file, with the document named last before it. */
function citationsIn(file: string): Citation[] {
  const text = readFileSync(`${root}${file}`, "utf8");
  const citations: Citation[] = [];
  let document: DocumentName | undefined;
  const token = /(kinesis-facts\.md|design\.md)|§(\d+)/g;
  for (const match of text.matchAll(token)) {
    if (match[1] !== undefined) {
      document = match[1] as DocumentName;
      continue;
    }
    const line = text.slice(0, match.index).split("\n").length;
    citations.push({ file, line, document, section: Number(match[2]) });
  }
  return citations;
}

describe("citations of the project's documents", () => {
  const sections = new Map(DOCUMENTS.map((document) => [document, sectionsOf(document)]));
  const citations = citingFiles().flatMap(citationsIn);

  it("finds the documents' sections and the code's citations", () => {
    expect(sections.get("kinesis-facts.md")?.size).toBeGreaterThanOrEqual(13);
    expect(sections.get("design.md")?.size).toBeGreaterThanOrEqual(11);
    expect(citations.length).toBeGreaterThan(100);
  });

  it("names a document before every section number", () => {
    const orphans = citations
      .filter((citation) => citation.document === undefined)
      .map((citation) => `${citation.file}:${citation.line} §${citation.section}`);
    expect(orphans).toEqual([]);
  });

  it("cites only sections that exist", () => {
    const missing = citations
      .filter(
        (citation) =>
          citation.document !== undefined &&
          !sections.get(citation.document)?.has(citation.section),
      )
      .map((c) => `${c.file}:${c.line} ${c.document} §${c.section}`);
    expect(missing).toEqual([]);
  });

  it("cites nothing outside the repository", () => {
    const others = citingFiles().filter((file) => file !== THIS_FILE);
    const outside = others.flatMap((file) => {
      const text = readFileSync(`${root}${file}`, "utf8");
      return OUTSIDE.test(text) ? [file] : [];
    });
    expect(outside).toEqual([]);
  });
});
