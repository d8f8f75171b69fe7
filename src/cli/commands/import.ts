import { lstatSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseExperimentText } from "../../experiment/config/parse-experiment.js";
import { UserError } from "../../experiment/config/user-error.js";
import { createAwsClients } from "../import/aws-clients.js";
import { importedExperiment, trafficCsv } from "../import/imported-experiment.js";
import { readStream } from "../import/read-stream.js";
import { MAX_DAYS, readTraffic } from "../import/read-traffic.js";
import { renderImport } from "../import/render-import.js";
import { shardLayout } from "../import/shard-layout.js";
import { writeOutputFiles } from "../output-files.js";
import { terminalText } from "../terminal-text.js";
import { checkOutputPath } from "./options.js";

export interface ImportOptions {
  days: string;
  output?: string;
  force?: boolean;
  region?: string;
  profile?: string;
  endpoint?: string;
}

/** A stream name (1 to 128 of these) or a stream ARN (kinesis-facts.md §14). */
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const STREAM_ARN = /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/([a-zA-Z0-9_.-]{1,128})$/;

/**
 * `kinesim import <stream>`: reads the stream's shard map, mode, retention and enhanced
 * fan-out consumers from Kinesis and its last days of per-minute traffic from CloudWatch,
 * and writes an experiment with the CloudWatch export it replays beside it. Every call is
 * made and the experiment checked before either file is written.
 */
export async function importCommand(stream: string, options: ImportOptions): Promise<void> {
  const name = STREAM_NAME.test(stream) ? stream : STREAM_ARN.exec(stream)?.[1];
  if (name === undefined) {
    throw new UserError(
      `stream: expected a stream name (1 to 128 letters, digits, _ . -) or a stream ARN, got ${JSON.stringify(stream.slice(0, 80))}`,
    );
  }
  const days = Number(options.days);
  if (!/^\d+$/.test(options.days) || days < 1 || days > MAX_DAYS) {
    throw new UserError(
      `--days: expected a whole number from 1 to ${MAX_DAYS} (CloudWatch keeps one-minute data points for 15 days), got ${JSON.stringify(options.days)}`,
    );
  }
  if (options.endpoint !== undefined) checkEndpoint(options.endpoint);
  checkOutputPath("-o", options.output, "a file");
  const experimentPath = options.output ?? `${name}.yaml`;
  const csvName = `${basename(experimentPath).replace(/\.(ya?ml|json)$/i, "")}.cloudwatch.csv`;
  const csvPath = join(dirname(experimentPath), csvName);
  if (!options.force) {
    for (const path of [experimentPath, csvPath]) {
      // lstat: a dangling symlink is something already there too.
      if (lstatSync(path, { throwIfNoEntry: false }) !== undefined) {
        throw new UserError(`${path}: already exists (use --force to overwrite)`);
      }
    }
  }

  const clients = createAwsClients(options);
  try {
    const snapshot = await readStream(clients.kinesis, stream, options.endpoint);
    const layout = shardLayout(snapshot.shards);
    const traffic = await readTraffic(
      clients.cloudWatch,
      snapshot.name,
      days,
      Date.now(),
      options.endpoint,
    );
    if (!traffic.minutes.some((minute) => minute.incomingRecords > 0)) {
      throw new UserError(
        `CloudWatch has no IncomingRecords above 0 for stream ${snapshot.name} in the last ${days === 1 ? "day" : `${days} days`}: no traffic to replay`,
      );
    }
    const csv = trafficCsv(traffic.minutes);
    const experiment = importedExperiment({ stream: snapshot, layout, traffic, csvName, days });
    // The files must run: parse the experiment as `kinesim run` will, the CSV in hand.
    try {
      parseExperimentText(experiment, {
        fileName: experimentPath,
        readTrace: (file) => {
          if (file !== csvName) throw new Error(`import: unexpected file ${file}`);
          return csv;
        },
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw new UserError(`the imported experiment would not run: ${error.message}`);
    }
    writeOutputFiles(
      [
        { path: experimentPath, content: experiment },
        { path: csvPath, content: csv },
      ],
      { label: "import", createDirectory: true },
    );
    process.stdout.write(
      terminalText(renderImport({ stream: snapshot, layout, traffic, experimentPath, csvPath })),
    );
  } finally {
    clients.kinesis.destroy();
    clients.cloudWatch.destroy();
  }
}

function checkEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UserError(
      `--endpoint: expected an http:// or https:// URL, got ${JSON.stringify(endpoint.slice(0, 80))}`,
    );
  }
}
