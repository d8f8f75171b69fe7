import { expect } from "vitest";
import { UserError } from "../../src/experiment/config/user-error.js";

/**
 * The message of the UserError `action` throws: one line, as every error a user can cause must
 * be. Fails the test if `action` throws anything else, or nothing (printing `what`, the input).
 */
export function userErrorOf(action: () => unknown, what: string): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error(`expected an error for:\n${what}`);
}
