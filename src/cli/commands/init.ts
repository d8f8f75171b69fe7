import { existsSync, writeFileSync } from "node:fs";
import { INIT_TEMPLATE } from "../../experiment/init-template.js";
import { UserError } from "../../experiment/user-error.js";

/** `kinesim init [file]`: an annotated starter experiment. */
export function initCommand(file: string | undefined, options: { force?: boolean }): void {
  if (file === undefined) {
    process.stdout.write(INIT_TEMPLATE);
    return;
  }
  if (existsSync(file) && !options.force) {
    throw new UserError(`${file}: already exists (use --force to overwrite)`);
  }
  try {
    writeFileSync(file, INIT_TEMPLATE);
  } catch (error) {
    throw new UserError(
      `${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  process.stderr.write(`wrote ${file}; run it with: kinesim run ${file}\n`);
}
