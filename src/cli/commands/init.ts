import { lstatSync } from "node:fs";
import { INIT_TEMPLATE } from "../../experiment/config/init-template.js";
import { UserError } from "../../experiment/config/user-error.js";
import { writeOutputFiles } from "../output-files.js";
import { checkOutputPath } from "./options.js";

/** `kinesim init [file]`: an annotated starter experiment. */
export function initCommand(file: string | undefined, options: { force?: boolean }): void {
  checkOutputPath("init", file, "a file");
  if (file === undefined) {
    process.stdout.write(INIT_TEMPLATE);
    return;
  }
  // lstat: a dangling symlink is something already there too (writing through it would
  // create a file wherever it points).
  if (lstatSync(file, { throwIfNoEntry: false }) !== undefined && !options.force) {
    throw new UserError(`${file}: already exists (use --force to overwrite)`);
  }
  writeOutputFiles([{ path: file, content: INIT_TEMPLATE }], { label: "init" });
  process.stderr.write(`wrote ${file}; run it with: kinesim run ${file}\n`);
}
