/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) and that is not a
 * number gets a leading apostrophe, the usual neutraliser, and so does a text that would read
 * back as neutralised ('=x); {@link csvText} takes it off again.
 */
export function csvField(text: string): string {
  const safe = needsApostrophe(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A field's text as it was before {@link csvField} neutralised it (after unquoting). */
export function csvText(field: string): string {
  return field.startsWith("'") && needsApostrophe(field.slice(1)) ? field.slice(1) : field;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a text starts (after any apostrophes) like a formula and is not a number. */
function needsApostrophe(text: string): boolean {
  let start = 0;
  while (text[start] === "'") start++;
  const rest = text.slice(start);
  return FORMULA_START.test(rest) && !isNumber(rest);
}

function isNumber(text: string): boolean {
  return text.trim() !== "" && Number.isFinite(Number(text));
}
