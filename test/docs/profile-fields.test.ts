import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../models/limits/profile.js";

/**
 * docs/kinesis-facts.md must describe the limits profile the code ships: every field of the
 * default profile is named in it, in a section its comment cites, and every field whose
 * comment calls its value UNCONFIRMED (an assumption) is named in §13, the list of
 * assumptions. Every `limits.<field>` the document names must exist, so a renamed or removed
 * field cannot linger there.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const FACTS = readFileSync(`${root}docs/kinesis-facts.md`, "utf8");
const PROFILE_SOURCE = readFileSync(`${root}models/limits/profile.ts`, "utf8");

/** The numbered sections (`## N. Title` up to the next one) of kinesis-facts.md. */
function sectionsOf(text: string): Map<number, string> {
  const headings = [...text.matchAll(/^## (\d+)\. .*$/gm)];
  const sections = new Map<number, string>();
  headings.forEach((heading, i) => {
    const end = headings[i + 1]?.index ?? text.length;
    sections.set(Number(heading[1]), text.slice(heading.index, end));
  });
  return sections;
}

interface FieldComment {
  readonly name: string;
  /** The doc comment that describes the field (one comment may cover the fields right after it). */
  readonly comment: string;
  /** Sections the comment cites, or else its group's (`// --- … (kinesis-facts.md §N) ---`). */
  readonly sections: readonly number[];
}

function sectionNumbers(text: string): number[] {
  return [...text.matchAll(/§(\d+)/g)].map((match) => Number(match[1]));
}

/** Every field of the `LimitsProfile` interface with the comment that describes it. */
function fieldComments(source: string): FieldComment[] {
  const start = source.indexOf("export interface LimitsProfile {");
  const end = source.indexOf("\n}\n", start);
  const fields: FieldComment[] = [];
  let group: number[] = [];
  let comment = "";
  let open: string[] | undefined;
  for (const raw of source.slice(start, end).split("\n")) {
    const line = raw.trim();
    if (open !== undefined) {
      open.push(line);
      if (line.endsWith("*/")) {
        comment = open.join(" ");
        open = undefined;
      }
      continue;
    }
    if (line.startsWith("/**")) {
      if (line.endsWith("*/")) comment = line;
      else open = [line];
      continue;
    }
    if (line.startsWith("// ---")) {
      group = sectionNumbers(line);
      comment = "";
      continue;
    }
    if (line === "") {
      comment = "";
      continue;
    }
    const field = /^readonly (\w+)\s*:/.exec(line);
    if (field?.[1] === undefined) continue;
    const cited = sectionNumbers(comment);
    fields.push({ name: field[1], comment, sections: cited.length > 0 ? cited : group });
  }
  return fields;
}

/** Whether `text` names `field` as a whole word (`limits.field` and `` `field` `` count). */
function names(text: string, field: string): boolean {
  return new RegExp(`(?<!\\w)${field}(?!\\w)`).test(text);
}

describe("docs/kinesis-facts.md and the limits profile", () => {
  const sections = sectionsOf(FACTS);
  const fields = fieldComments(PROFILE_SOURCE).filter((field) => field.name !== "name");
  const profileFields = Object.keys(DEFAULT_PROFILE).filter((key) => key !== "name");

  it("reads a comment and a cited section for every field of the default profile", () => {
    expect(fields.map((field) => field.name).sort()).toEqual([...profileFields].sort());
    const uncommented = fields.filter((f) => f.comment === "" || f.sections.length === 0);
    expect(uncommented.map((field) => field.name)).toEqual([]);
    expect(sections.size).toBeGreaterThanOrEqual(13);
  });

  it("names every field of the default profile", () => {
    expect(profileFields.filter((field) => !names(FACTS, field))).toEqual([]);
  });

  it("names every field in a section its comment cites", () => {
    const misplaced = fields
      .filter((field) => !field.sections.some((n) => names(sections.get(n) ?? "", field.name)))
      .map((field) => `${field.name} (§${field.sections.join(", §")})`);
    expect(misplaced).toEqual([]);
  });

  it("names every UNCONFIRMED field in §13, the assumptions", () => {
    const assumed = fields.filter((field) => field.comment.includes("UNCONFIRMED"));
    expect(assumed.length).toBeGreaterThan(10);
    const assumptions = sections.get(13) ?? "";
    expect(assumed.filter((field) => !names(assumptions, field.name)).map((f) => f.name)).toEqual(
      [],
    );
  });

  it("names only limits.<field> that exist", () => {
    const known = new Set(profileFields);
    const named = [...FACTS.matchAll(/(?<![\w-])limits\.(\w+)/g)].map(
      (match) => match[1] as string,
    );
    expect(named.length).toBeGreaterThan(10);
    expect([...new Set(named.filter((field) => !known.has(field)))]).toEqual([]);
  });
});
