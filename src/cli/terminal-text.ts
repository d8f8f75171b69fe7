/**
 * Text for a terminal with its control characters escaped, line breaks kept: a name or key
 * from a shared experiment or trace that holds ESC, CR or the like could otherwise clear the
 * screen, recolour it or overwrite a line of the summary. Each such character is shown as
 * `\xHH`, as error messages show values.
 */
export function terminalText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it escapes.
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (char) => {
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}
