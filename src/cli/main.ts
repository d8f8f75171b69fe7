import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import { describeError, EXIT_USER_ERROR } from "./exit.js";
import { terminalText } from "./terminal-text.js";

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
    .option(
      "--out <dir>",
      "also write result.json, timeseries.csv and report.html into this directory",
    )
    .option(
      "--format <formats>",
      "with --out, also write CloudWatch's metrics: cloudwatch-csv (cloudwatch.csv, the shape a replay reads), cloudwatch-jsonl (cloudwatch.jsonl); comma-separated or repeated",
      collect,
      [],
    )
    .option(
      "--period <duration>",
      "CloudWatch period of those files, whole minutes (default 1m; 5m for runs over a day)",
    )
    .option(
      "--windows <mode>",
      "auto: draw runs of ticks at once where shards are well below their limits (default); never: tick by tick, to check a run; always: wherever the run allows",
    )
    .action(lazy(async () => (await import("./commands/run.js")).runCommand));

  program
    .command("sweep")
    .description(
      "run a grid of what-ifs, each with replications, and report means with 95 % intervals",
    )
    .argument("<experiment>", "experiment file (YAML or JSON)")
    .option(
      "--vary <path=v1,v2,...>",
      "a dimension of the grid, e.g. stream.shards=4,8,16 (repeatable)",
      collect,
      [],
    )
    .option("--replications <n>", "runs per point, with seeds derived from the master seed", "1")
    .option(
      "--workers <n>",
      "runs at a time: this thread and n − 1 worker threads (default: the number of cores)",
    )
    .option("--partition <i/n>", "run only slice i of n and print it as partial JSON (see merge)")
    .option("--seed <n>", "override the master seed")
    .option("--set <path=value>", "override a setting for every run (repeatable)", collect, [])
    .option("--json", "print the sweep as JSON")
    .option("--csv", "print the sweep as CSV")
    .action(lazy(async () => (await import("./commands/sweep.js")).sweepCommand));

  program
    .command("merge")
    .description("combine the partial outputs of sweep --partition into the whole sweep")
    .argument("<partial...>", "partial outputs (JSON files)")
    .option("--json", "print the sweep as JSON")
    .option("--csv", "print the sweep as CSV")
    .action(lazy(async () => (await import("./commands/merge.js")).mergeCommand));

  program
    .command("plan")
    .description(
      "size a stream for steady traffic or an experiment's: shards, the binding limit, a month's cost",
    )
    .argument("[experiment]", "experiment file: size from its producers and consumers instead")
    .option(
      "--records-per-second <n>",
      "records per second, all producers together, at most 1e9 (required)",
    )
    .option("--record-size <size>", "data bytes per record, e.g. 2KB = 2,000 bytes (required)")
    .option("--key-size <size>", "mean partition-key bytes (default: the simulated keys', 8.9 B)")
    .option(
      "--consumers <n>",
      "consumer applications reading every record, at most 1,000 (20 with --efo) (default 1)",
    )
    .option("--efo", "consumers use enhanced fan-out (default: polling with GetRecords)")
    .option("--retention <hours>", "retention in hours (24 to 8760) or a duration like 7d")
    .option("--json", "print the plan as JSON")
    .option("--simulate", "check the shard count with a 2-minute simulation (seed 1)")
    .option(
      "--set <path=value>",
      "with an experiment: override a setting (repeatable)",
      collect,
      [],
    )
    .action(lazy(async () => (await import("./commands/plan.js")).planCommand));

  program
    .command("hash")
    .description("show the hash key and shard of partition keys for an N-shard stream")
    .argument("<key...>", "partition keys")
    .requiredOption("--shards <n>", "number of shards (even split, as CreateStream makes)")
    .option("--json", "print JSON")
    .action(lazy(async () => (await import("./commands/hash.js")).hashCommand));

  program
    .command("skew")
    .description(
      "expected per-shard load from the key distribution, and the smallest shard count that fits",
    )
    .argument("<experiment>", "experiment file (YAML or JSON)")
    .option(
      "--shards <n...>",
      "shard counts to show, e.g. --shards 8 16 (default: the experiment's and the smallest)",
    )
    .option(
      "--set <path=value>",
      "override a setting, e.g. stream.shards=8 (repeatable)",
      collect,
      [],
    )
    .option("--json", "print the answer as one JSON object on stdout")
    .action(lazy(async () => (await import("./commands/skew.js")).skewCommand));

  program
    .command("explain")
    .description("narrate the first events of an experiment, record by record, in plain words")
    .argument("<experiment>", "experiment file (YAML or JSON)")
    .option("--until <duration>", "simulated time to trace, e.g. 500ms, 2s, 1m", "2s")
    .option("--shard <id>", "only lines about this shard: shardId-000000000002 or just 2")
    .option("--max-lines <n>", "print at most this many event lines", "200")
    .option("--seed <n>", "override the experiment's seed")
    .option(
      "--set <path=value>",
      "override a setting, e.g. stream.shards=8 (repeatable)",
      collect,
      [],
    )
    .action(lazy(async () => (await import("./commands/explain.js")).explainCommand));

  program
    .command("report")
    .description("render report.html (charts and tables) from a saved result.json")
    .argument("<result>", "result.json written by run --out or run --json")
    .option("-o, --output <file>", "where to write the report (default: report.html beside it)")
    .option("--series <csv>", "the run's timeseries.csv (default: the one beside result.json)")
    .action(lazy(async () => (await import("./commands/report.js")).reportCommand));

  program
    .command("import")
    .description(
      "write an experiment from a real stream: its shards, mode, retention, EFO consumers and CloudWatch traffic",
    )
    .argument("<stream>", "stream name or ARN")
    .option("--days <n>", "days of per-minute CloudWatch traffic to replay, 1 to 15", "1")
    .option(
      "-o, --output <file>",
      "experiment to write (default: <stream>.yaml); the CSV goes beside it",
    )
    .option("--force", "overwrite existing files")
    .option("--region <region>", "AWS Region (default: the SDK's, e.g. AWS_REGION)")
    .option("--profile <name>", "shared-credentials profile (default: AWS_PROFILE or default)")
    .option("--endpoint <url>", "send Kinesis and CloudWatch calls to this URL (a local server)")
    .action(lazy(async () => (await import("./commands/import.js")).importCommand));

  program
    .command("compare")
    .description("set run B beside run A: headline, producers, consumers and cost, with changes")
    .argument("<a>", "result.json of run A, the baseline")
    .argument("<b>", "result.json of run B")
    .option("--json", "print the comparison as one JSON object on stdout")
    .option("--out <dir>", "also write report.html (charts overlaid) and comparison.json here")
    .action(lazy(async () => (await import("./commands/compare.js")).compareCommand));

  program
    .command("schema")
    .description("print the JSON Schema of experiment files")
    .action(lazy(async () => (await import("./commands/schema.js")).schemaCommand));

  program
    .command("init")
    .description("write an annotated starter experiment")
    .argument("[file]", "where to write it (default: print on stdout)")
    .option("--force", "overwrite an existing file")
    .action(lazy(async () => (await import("./commands/init.js")).initCommand));

  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
      if (error.code === "commander.help") return 0;
      process.stderr.write(`kinesim: ${terminalText(error.message.replace(/^error: /, ""))}\n`);
      return EXIT_USER_ERROR;
    }
    const { message, status } = describeError(error);
    // A message may quote a file's text (a trace's name, JSON.parse's excerpt): no ESC or CR.
    process.stderr.write(`kinesim: ${terminalText(message)}\n`);
    return status;
  }
}

/**
 * A command's action that imports the command's module only when the command runs, so
 * `--version`, `--help` and every other command never load the model, the schema or the
 * libraries one command needs (issue 14: the CLI is started hundreds of times).
 */
function lazy<Args extends unknown[]>(
  load: () => Promise<(...args: Args) => void | Promise<void>>,
): (...args: Args) => Promise<void> {
  return async (...args) => (await load())(...args);
}

/** Commander option parser that accumulates a repeatable option into a list. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
