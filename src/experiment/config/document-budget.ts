import { Lexer } from "yaml";
import { int } from "../../format/number-format.js";

/**
 * The largest experiment document kinesim reads, in YAML tokens (scalars, punctuation,
 * indentation and line breaks; JSON is YAML). Composing a document costs about 1 KB of memory
 * and several microseconds per token — 2.5 million listed keys (7.5 million tokens) took
 * 2.5 GB and close to a minute before any check could look at them — so the budget keeps
 * reading a file within a few hundred megabytes and seconds. It admits the longest lists the
 * schema allows (100,000 fixed keys, one per line, are about 600,000 tokens); anything that
 * large belongs in a distribution or a trace file.
 */
export const DOCUMENT_TOKEN_LIMIT = 1_000_000;

/**
 * Refusal of a document over the budget, or undefined. Counting tokens with yaml's lexer is
 * cheap (no nodes are built) and stops at the limit, so even a huge file is refused at once.
 */
export function documentSizeProblem(text: string): string | undefined {
  let tokens = 0;
  for (const _token of new Lexer().lex(text)) {
    tokens++;
    if (tokens > DOCUMENT_TOKEN_LIMIT) {
      return `more than ${int(DOCUMENT_TOKEN_LIMIT)} YAML tokens (values, punctuation, indentation), too large to read as an experiment; give many keys as a distribution (uniform, zipf, hotShare) and long series as a trace file`;
    }
  }
  return undefined;
}
