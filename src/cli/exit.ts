import { UserError } from "../experiment/config/user-error.js";

/** Exit status for every mistake a user can fix (design.md §11). */
export const EXIT_USER_ERROR = 2;

/** Exit status for a bug: anything that is not a user mistake. */
export const EXIT_BUG = 1;

/** One line for stderr and the exit status for an error that escaped a command. */
export function describeError(error: unknown): { message: string; status: number } {
  if (error instanceof UserError) return { message: error.message, status: EXIT_USER_ERROR };
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { message: `internal error (please report): ${text}`, status: EXIT_BUG };
}
