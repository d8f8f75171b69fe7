import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import { hashCommand } from "./commands/hash.js";
import { initCommand } from "./commands/init.js";
import { runCommand } from "./commands/run.js";
import { schemaCommand } from "./commands/schema.js";
import { describeError, EXIT_USER_ERROR } from "./exit.js";

/**
 * Runs the kinesim command line with `argv` (without `node` and the script) and returns the
 * exit status: 0 on success, 2 for any mistake the user can fix (printed as one line on
 * stderr, with nothing on stdout), 1 for a bug.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command("kinesim")
    .description("Deterministic discrete-event simulator of Amazon Kinesis Data Streams throughput")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: () => {} })
    .showHelpAfterError(false);

  program
    .command("run")
    .description("run an experiment and print a summary (or the result as JSON)")
    .argument("<experiment>", "experiment file (YAML or JSON)")
    .option("--seed <n>", "override the experiment's seed")
    .option(
      "--set <path=value>",
      "override a setting, e.g. stream.shards=8 (repeatable)",
      collect,
      [],
    )
    .option("--json", "print the result as one JSON object on stdout")
    .option("--out <dir>", "also write result.json and timeseries.csv into this directory")
    .action(runCommand);

  program
    .command("hash")
    .description("show the hash key and shard of partition keys for an N-shard stream")
    .argument("<key...>", "partition keys")
    .requiredOption("--shards <n>", "number of shards (even split, as CreateStream makes)")
    .option("--json", "print JSON")
    .action(hashCommand);

  program
    .command("schema")
    .description("print the JSON Schema of experiment files")
    .action(schemaCommand);

  program
    .command("init")
    .description("write an annotated starter experiment")
    .argument("[file]", "where to write it (default: print on stdout)")
    .option("--force", "overwrite an existing file")
    .action(initCommand);

  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
      if (error.code === "commander.help") return 0;
      process.stderr.write(`kinesim: ${error.message.replace(/^error: /, "")}\n`);
      return EXIT_USER_ERROR;
    }
    const { message, status } = describeError(error);
    process.stderr.write(`kinesim: ${message}\n`);
    return status;
  }
}

/** Commander option parser that accumulates a repeatable option into a list. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
