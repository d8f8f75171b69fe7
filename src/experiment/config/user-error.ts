/**
 * The one error type for user mistakes (design.md §11): a bad experiment file, a bad
 * `--set`, a missing file. Its message is one complete line that names the config path, e.g.
 * `producers[1].rate: expected a positive number, got "fast"`; the CLI prints it as is and
 * exits with status 2. Any other error that escapes is a bug.
 */
export class UserError extends Error {
  /**
   * @param message one line; line breaks are folded into spaces so the invariant always holds.
   * @param path the config path the message is about (`producers[1].rate`), when there is one.
   */
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(oneLine(message));
    this.name = "UserError";
  }
}

/** Folds line breaks (and the indentation around them) into single spaces. */
export function oneLine(text: string): string {
  const folded = text.replace(/[ \t]*[\r\n\u2028\u2029]+[ \t]*/g, " ").trim();
  return folded === "" ? "invalid input" : folded;
}
