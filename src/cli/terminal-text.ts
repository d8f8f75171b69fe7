/**
 * Text for a terminal with its control characters escaped, line breaks kept: a name or key
 * from a shared experiment or trace that holds ESC, CR or the like could otherwise clear the
 * screen, recolour it or overwrite a line of the summary. Each such character is shown as
 * `\xHH`, as error messages show values; a bidirectional control as `\uHHHH`.
 */
export function terminalText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it escapes.
  const escaped = text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (char) => {
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
  // Unicode's bidirectional controls reorder what follows them on the line (U+202E prints the
  // rest of a row backwards): shown as `\u202e` and the like.
  return escaped.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16)}`;
  });
}
