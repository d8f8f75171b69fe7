/**
 * A mistake in a trace file, with the 1-based line it is on (0 when it concerns the whole
 * file). The experiment loader turns it into a one-line user error naming the file.
 */
export class TraceFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = "TraceFormatError";
  }
}
