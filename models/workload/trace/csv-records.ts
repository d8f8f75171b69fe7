/** A CSV record: its fields and the (1-based) line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * RFC 4180 records: fields split at commas, quoted fields may hold commas, doubled quotes
 * and line breaks. Each record remembers the line it starts on. A final line break ends the
 * last record (the writer always writes one); CR LF is read as LF. Used for the series CSV
 * and for trace files; `fail` reports a quoted field that is never closed, in the caller's
 * own kind of error.
 */
export function csvRecords(
  text: string,
  fail: (line: number, message: string) => never,
): CsvRecord[] {
  const records: CsvRecord[] = [];
  forEachCsvRecord(text, fail, (fields, line) => {
    records.push({ fields, line });
  });
  return records;
}

/**
 * `csvRecords` one record at a time, so that a large file never exists as an array of
 * records (a trace file of millions of lines). Unquoted fields are slices of `text`.
 */
export function forEachCsvRecord(
  text: string,
  fail: (line: number, message: string) => never,
  visit: (fields: string[], line: number) => void,
): void {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = "";
      let from = i;
      if (text.charCodeAt(i) === QUOTE) {
        // A quoted part: "" is one quote; the part ends at a lone quote.
        let j = i + 1;
        for (;;) {
          const close = text.indexOf('"', j);
          if (close === -1) fail(recordLine, "a quoted field is never closed");
          line += lineBreaksIn(text, j, close);
          field += text.slice(j, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            field += '"';
            j = close + 2;
          } else {
            from = close + 1;
            break;
          }
        }
      }
      // Up to the next comma or line break, everything is literal (a quote included).
      i = fieldEnd(text, from);
      field += text.slice(from, i);
      fields.push(field);
      if (text.charCodeAt(i) !== COMMA) break;
      i++;
    }
    visit(fields, recordLine);
    if (i < n) {
      i += text.charCodeAt(i) === CR ? 2 : 1;
      line++;
    }
  }
}

/** Where an unquoted field starting at `from` ends: a comma, LF, CR LF, or the end. */
function fieldEnd(text: string, from: number): number {
  const n = text.length;
  for (let j = from; j < n; j++) {
    const char = text.charCodeAt(j);
    if (char === COMMA || char === LF) return j;
    if (char === CR && text.charCodeAt(j + 1) === LF) return j;
  }
  return n;
}

function lineBreaksIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let j = text.indexOf("\n", from); j !== -1 && j < to; j = text.indexOf("\n", j + 1)) count++;
  return count;
}
