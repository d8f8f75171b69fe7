/** Elements HTML allows without a closing tag (the report uses only these). */
const VOID = new Set(["meta", "br", "hr", "img", "input", "link"]);

/**
 * Problems with a page's or SVG's markup, written independently of the code under test:
 * every opening tag closed in order (or self-closing, or void), attribute values quoted,
 * no stray `<` or `>` or unescaped `&` in text. Empty when the markup is well-formed.
 */
export function markupProblems(markup: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const body = markup.replace(/^<!DOCTYPE html>\s*/, "");
  const tagPattern = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const match of body.matchAll(tagPattern)) {
    checkText(body.slice(last, match.index), problems);
    last = (match.index ?? 0) + match[0].length;
    const [, closing, name = "", , selfClosing] = match;
    if (closing === "/") {
      const expected = open.pop();
      if (expected !== name) problems.push(`</${name}> closes <${expected ?? "nothing"}>`);
    } else if (selfClosing !== "/" && !VOID.has(name)) {
      open.push(name);
    }
  }
  checkText(body.slice(last), problems);
  if (open.length > 0) problems.push(`never closed: ${open.join(" > ")}`);
  return problems;
}

function checkText(text: string, problems: string[]): void {
  if (/[<>]/.test(text))
    problems.push(`stray < or > in text: ${JSON.stringify(text.slice(0, 60))}`);
  if (/&(?!(amp|lt|gt|quot|#39);)/.test(text))
    problems.push(`unescaped & in ${JSON.stringify(text.slice(0, 60))}`);
}

/** The `data-chart` names of a page's charts, in order. */
export function chartNames(markup: string): string[] {
  return [...markup.matchAll(/<svg[^>]* data-chart="([^"]+)"/g)].map((match) => match[1] as string);
}

/** Every http:// or https:// reference in the markup. */
export function webReferences(markup: string): string[] {
  return [...markup.matchAll(/https?:\/\/[^\s"'<>)]*/g)].map((match) => match[0]);
}
