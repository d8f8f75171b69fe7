import { describe, expect, it } from "vitest";
import {
  DOCUMENT_TOKEN_LIMIT,
  documentSizeProblem,
} from "../../../src/experiment/config/document-budget.js";
import {
  parseExperimentDocument,
  parseExperimentText,
} from "../../../src/experiment/config/parse-experiment.js";
import { MAX_FIXED_KEYS } from "../../../src/experiment/config/schema-keys.js";
import { UserError } from "../../../src/experiment/config/user-error.js";

/** An experiment whose one producer draws from the fixed `keys`. */
function withFixedKeys(keys: string[]) {
  return {
    duration: "10s",
    stream: { shards: 4 },
    producers: [{ name: "p", rate: 100, keys: { distribution: "fixed", keys } }],
  };
}

const keysNamed = (count: number) => Array.from({ length: count }, (_, i) => `k${i}`);

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error("expected a UserError");
}

describe("fixed key lists (issue 12: 2.5 million keys took over 60 s and 2.8 GB)", () => {
  it(`accepts up to ${MAX_FIXED_KEYS} keys`, () => {
    const config = parseExperimentDocument(withFixedKeys(keysNamed(MAX_FIXED_KEYS)));
    expect(config.producers[0]?.keys).toMatchObject({ distribution: "fixed" });
  });

  it("refuses one more, pointing to a distribution", () => {
    expect(
      messageOf(() => parseExperimentDocument(withFixedKeys(keysNamed(MAX_FIXED_KEYS + 1)))),
    ).toBe(
      'producers[0].keys.keys: expected at most 100,000 keys (for more, a distribution: uniform, zipf, hotShare), got ["k0","k1","k2","k3","k4","k5","k6","k7…',
    );
  });
});

describe("the experiment document budget", () => {
  it("counts YAML tokens and stops at the limit", () => {
    const flowList = (count: number) => `keys: [${keysNamed(count).join(",")}]\n`;
    // yaml's lexer gives three tokens a key (a scalar mark, the value, the comma).
    expect(documentSizeProblem(flowList(DOCUMENT_TOKEN_LIMIT / 3 - 10))).toBeUndefined();
    expect(documentSizeProblem(flowList(DOCUMENT_TOKEN_LIMIT / 3 + 10))).toMatch(
      /^more than 1,000,000 YAML tokens/,
    );
  });

  it("refuses a document over it before composing it, naming the file", () => {
    const text = `duration: 10s\nstream: {shards: 4}\nproducers: [{name: p, rate: 1, keys: {distribution: fixed, keys: [${keysNamed(400_000).join(",")}]}}]\n`;
    expect(messageOf(() => parseExperimentText(text, { fileName: "big.yaml" }))).toBe(
      "big.yaml: more than 1,000,000 YAML tokens (values, punctuation, indentation), too large to read as an experiment; give many keys as a distribution (uniform, zipf, hotShare) and long series as a trace file",
    );
  });

  it("admits the longest fixed list the schema allows, one key per line", () => {
    const lines = keysNamed(MAX_FIXED_KEYS).map((key) => `        - ${key}-with-a-longer-name`);
    const text = `duration: 10s\nstream: {shards: 4}\nproducers:\n  - name: p\n    rate: 1\n    keys:\n      distribution: fixed\n      keys:\n${lines.join("\n")}\n`;
    expect(documentSizeProblem(text)).toBeUndefined();
  });
});
