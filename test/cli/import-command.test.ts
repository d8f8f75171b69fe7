import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  ListShardsCommand,
  ListStreamConsumersCommand,
  SplitShardCommand,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { evenSplit } from "../../models/hashing/even-split.js";
import { main } from "../../src/cli/main.js";
import { loadExperimentFile } from "../../src/experiment/config/load-experiment.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { type FakeMinute, fakeGetMetricData } from "../helpers/cloudwatch-fake.js";
import { closedPort, type LocalKinesis, startLocalKinesis } from "../helpers/local-kinesis.js";

/**
 * `kinesim import` against kinesalite, a Kinesis server running in this process: the shard
 * map, mode and retention come from its DescribeStreamSummary and ListShards. kinesalite has
 * no ListStreamConsumers (nor RegisterStreamConsumer), so that call alone is answered by
 * aws-sdk-client-mock; every other Kinesis call goes through to kinesalite. CloudWatch has no
 * local server here: GetMetricData is mocked with answers shaped as its API reference says.
 */

const scratch = mkdtempSync(join(tmpdir(), "kinesim-import-"));
let local: LocalKinesis;
const realKinesisSend = KinesisClient.prototype.send as (command: unknown) => Promise<unknown>;
const kinesisMock = mockClient(KinesisClient);
const cloudWatchMock = mockClient(CloudWatchClient);
const savedEnv = { ...process.env };

/** Traffic of the fake CloudWatch: ~800–1,300 records/s of 1,100 bytes, with gaps. */
function traffic(timeMs: number): FakeMinute | undefined {
  const minute = Math.floor(timeMs / 60_000);
  if (minute % 50 === 7) return undefined; // no data point at all: a gap
  const records = 60 * (800 + 5 * (minute % 100));
  return {
    IncomingRecords: records,
    IncomingBytes: records * 1100,
    ...(minute % 97 === 5 ? { WriteProvisionedThroughputExceeded: 120 } : {}),
  };
}

/** The consumers kinesalite cannot list: two pages, one consumer being deleted. */
const consumerPages = [
  {
    Consumers: [consumer("analytics", "ACTIVE"), consumer("retired", "DELETING")],
    NextToken: "consumers-2",
  },
  { Consumers: [consumer("audit", "CREATING")] },
];

function consumer(name: string, status: "ACTIVE" | "CREATING" | "DELETING") {
  return {
    ConsumerName: name,
    ConsumerARN: `arn:aws:kinesis:us-east-1:000000000000:stream/orders/consumer/${name}:1`,
    ConsumerStatus: status,
    ConsumerCreationTimestamp: new Date(0),
  };
}

/** Kinesis calls other than ListStreamConsumers go to kinesalite, unchanged. */
function passThrough() {
  kinesisMock
    .on(DescribeStreamSummaryCommand)
    .callsFake((input, getClient) =>
      realKinesisSend.call(getClient(), new DescribeStreamSummaryCommand(input)),
    );
  kinesisMock
    .on(ListShardsCommand)
    .callsFake((input, getClient) =>
      realKinesisSend.call(getClient(), new ListShardsCommand(input)),
    );
  kinesisMock
    .on(ListStreamConsumersCommand)
    .callsFake((input) =>
      input.NextToken === "consumers-2" ? consumerPages[1] : consumerPages[0],
    );
}

beforeAll(async () => {
  // Only these settings: no role, container or web-identity provider of the machine's own
  // may send the SDK looking for credentials elsewhere.
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  process.env.AWS_ACCESS_KEY_ID = "AKIDLOCAL";
  process.env.AWS_SECRET_ACCESS_KEY = "local-secret";
  process.env.AWS_REGION = "us-east-1";
  // Never ask an instance-metadata service for credentials, nor read the machine's own files.
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  process.env.AWS_CONFIG_FILE = join(scratch, "no-config");
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(scratch, "no-credentials");
  local = await startLocalKinesis();
  const admin = new KinesisClient({
    endpoint: local.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" },
    requestHandler: new NodeHttpHandler(),
  });
  const send = realKinesisSend.bind(admin) as KinesisClient["send"];
  await send(new CreateStreamCommand({ StreamName: "orders", ShardCount: 3 }));
  await send(new CreateStreamCommand({ StreamName: "clicks", ShardCount: 5 }));
  await waitActive(send, "orders");
  await waitActive(send, "clicks");
  // Split the first third at its middle: 4 open shards (1/6, 1/6, 1/3, 1/3), 1 closed.
  const [first] = evenSplit(3);
  await send(
    new SplitShardCommand({
      StreamName: "orders",
      ShardToSplit: "shardId-000000000000",
      NewStartingHashKey: String(((first?.endingHashKey ?? 0n) + 1n) / 2n),
    }),
  );
  await waitActive(send, "orders");
  await send(
    new IncreaseStreamRetentionPeriodCommand({ StreamName: "orders", RetentionPeriodHours: 48 }),
  );
  await waitActive(send, "orders");
  admin.destroy();
});

afterAll(async () => {
  kinesisMock.restore();
  cloudWatchMock.restore();
  for (const key of Object.keys(process.env)) {
    if (!(key in savedEnv)) delete process.env[key];
  }
  Object.assign(process.env, savedEnv);
  await local.close();
  rmSync(scratch, { recursive: true, force: true });
});

beforeEach(() => {
  kinesisMock.reset();
  cloudWatchMock.reset();
  passThrough();
  cloudWatchMock.on(GetMetricDataCommand).callsFake(fakeGetMetricData(traffic, 500));
});

async function waitActive(send: KinesisClient["send"], name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const answer = await send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (answer.StreamDescriptionSummary?.StreamStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${name} never became ACTIVE`);
}

/** Runs `kinesim import …` in this process (where the mocks are), capturing its output. */
async function kinesimImport(args: string[]) {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const status = await main(["import", ...args]);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The window of the first GetMetricData call made. */
function metricWindow(): { startMs: number; endMs: number } {
  const input = cloudWatchMock.commandCalls(GetMetricDataCommand)[0]?.args[0].input;
  if (input === undefined) throw new Error("no GetMetricData call");
  return { startMs: (input.StartTime as Date).getTime(), endMs: (input.EndTime as Date).getTime() };
}

function folder(name: string): string {
  const path = join(scratch, name);
  mkdirSync(path);
  return path;
}

describe("kinesim import from kinesalite", () => {
  it("writes the shard map, mode, retention and EFO consumers, and a replay that runs", async () => {
    const dir = folder("orders");
    const file = join(dir, "orders.yaml");
    const run = await kinesimImport(["orders", "--endpoint", local.endpoint, "-o", file]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["orders.cloudwatch.csv", "orders.yaml"]);
    // The stream as kinesalite lists it: 4 open shards after the split, 1 closed parent.
    expect(kinesisMock.commandCalls(ListShardsCommand)).toHaveLength(1);
    const text = readFileSync(file, "utf8");
    const document = parse(text);
    expect(document.stream).toEqual({ mode: "provisioned", shards: 4, retention: "48h" });
    expect(document.consumers).toEqual([
      { name: "analytics", mode: "efo" },
      { name: "audit", mode: "efo" },
    ]);
    expect(
      kinesisMock.commandCalls(ListStreamConsumersCommand).map((c) => c.args[0].input),
    ).toEqual([
      { StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/orders" },
      {
        StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/orders",
        NextToken: "consumers-2",
      },
    ]);
    expect(document.producers[0].cloudwatch).toEqual({
      file: "orders.cloudwatch.csv",
      within: "poisson",
    });
    // The uneven map is said, shard by shard, with each share of the key space.
    expect(text).toContain("4 open with UNEVEN hash ranges");
    expect(text).toContain("1 closed shard");
    expect(text).toMatch(/shardId-000000000000 {3}shardId-000000000003 +16\.67 %/);
    expect(text).toMatch(/shardId-000000000002 {3}shardId-000000000001 +33\.33 %/);
    expect(run.stdout).toContain("4 open, UNEVEN hash ranges (largest 33.33 % of the key space)");
    expect(run.stdout).toContain("2 enhanced fan-out: analytics, audit");

    // The CSV: every minute of the last day that has data points, in order, gaps left out.
    const [header, ...rows] = readFileSync(join(dir, "orders.cloudwatch.csv"), "utf8")
      .trim()
      .split("\n");
    expect(header).toBe(
      "Timestamp,IncomingRecords,IncomingBytes,WriteProvisionedThroughputExceeded",
    );
    const start = metricWindow().startMs;
    const expected: string[] = [];
    for (let t = start; t < start + 86_400_000; t += 60_000) {
      const minute = traffic(t);
      if (minute === undefined) continue;
      const iso = new Date(t).toISOString().replace(".000Z", "Z");
      expected.push(
        `${iso},${minute.IncomingRecords},${minute.IncomingBytes},${minute.WriteProvisionedThroughputExceeded ?? 0}`,
      );
    }
    expect(rows).toEqual(expected);
    expect(rows.length).toBeLessThan(1440); // the gaps
    // 3 metrics × ~1,411 points at 500 per page: 3 calls, NextToken followed.
    expect(cloudWatchMock.commandCalls(GetMetricDataCommand)).toHaveLength(3);

    // kinesim's own loader reads it, and a minute of it runs at the first minute's rate.
    const config = loadExperimentFile(file, ["duration=1m"]);
    expect(config.stream.shards).toBe(4);
    expect(config.consumers.map((c) => c.name)).toEqual(["analytics", "audit"]);
    const { result } = simulateWithSeries(config);
    const firstMinute = Number(rows[0]?.split(",")[1]) + Number(rows[0]?.split(",")[3]);
    // Poisson arrivals: the count in the minute has standard deviation √mean; 5 of them.
    expect(Math.abs(result.records.offered - firstMinute)).toBeLessThan(5 * Math.sqrt(firstMinute));
  });

  it("writes stream.shards: N alone for the even split CreateStream makes", async () => {
    const dir = folder("clicks");
    const run = await kinesimImport([
      "clicks",
      "--endpoint",
      local.endpoint,
      "-o",
      join(dir, "c.yaml"),
      "--days",
      "2",
    ]);
    expect(run.status).toBe(0);
    const text = readFileSync(join(dir, "c.yaml"), "utf8");
    expect(parse(text).stream).toEqual({ mode: "provisioned", shards: 5, retention: "24h" });
    expect(text).toContain("5 open, the even split CreateStream makes");
    expect(run.stdout).toContain("5 open, evenly split");
    const window = metricWindow();
    const days = (window.endMs - window.startMs) / 86_400_000;
    expect(days).toBe(2);
    expect(readFileSync(join(dir, "c.cloudwatch.csv"), "utf8").split("\n").length).toBeGreaterThan(
      2 * 1400,
    );
  });
});

describe("kinesim import: mistakes get one line, exit 2 and no files", () => {
  async function refused(args: string[], dir: string, message: RegExp) {
    const run = await kinesimImport([...args, "-o", join(dir, "x.yaml")]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  }

  it("names a stream kinesalite does not have", async () => {
    await refused(
      ["nosuch", "--endpoint", local.endpoint],
      folder("e1"),
      /^kinesim: stream "nosuch" not found \(Kinesis DescribeStreamSummary: /,
    );
  });

  it("names an endpoint nobody answers on", async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    await refused(
      ["orders", "--endpoint", endpoint],
      folder("e2"),
      new RegExp(`cannot reach ${endpoint} \\(Kinesis DescribeStreamSummary: ECONNREFUSED\\)`),
    );
  });

  it("says when there are no credentials", async () => {
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY } = process.env;
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      await refused(
        ["orders", "--endpoint", local.endpoint],
        folder("e3"),
        /^kinesim: no AWS credentials: /,
      );
    } finally {
      process.env.AWS_ACCESS_KEY_ID = AWS_ACCESS_KEY_ID;
      process.env.AWS_SECRET_ACCESS_KEY = AWS_SECRET_ACCESS_KEY;
    }
  });

  it("says when CloudWatch has no traffic, or refuses the metrics", async () => {
    cloudWatchMock.on(GetMetricDataCommand).callsFake(fakeGetMetricData(() => undefined, 500));
    await refused(
      ["orders", "--endpoint", local.endpoint],
      folder("e4"),
      /no IncomingRecords above 0 for stream orders in the last day/,
    );
    cloudWatchMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: "records",
          Label: "IncomingRecords",
          Timestamps: [],
          Values: [],
          StatusCode: "Forbidden",
          Messages: [{ Code: "Forbidden", Value: "not authorized" }],
        },
      ],
    });
    await refused(
      ["orders", "--endpoint", local.endpoint],
      folder("e5"),
      /CloudWatch GetMetricData: Forbidden for IncomingRecords \(not authorized\)/,
    );
  });

  it("refuses bad options and existing files before calling AWS", async () => {
    await refused(
      ["orders", "--days", "16"],
      folder("e6"),
      /--days: expected a whole number from 1 to 15/,
    );
    await refused(
      ["orders", "--endpoint", "localhost:4567"],
      folder("e7"),
      /--endpoint: expected an http/,
    );
    await refused(["not a stream"], folder("e8"), /stream: expected a stream name/);
    const empty = await kinesimImport(["orders", "--endpoint", local.endpoint, "-o", ""]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('kinesim: -o: expected a file, got ""\n');
    const dir = folder("e9");
    writeFileSync(join(dir, "x.cloudwatch.csv"), "mine\n");
    const run = await kinesimImport([
      "orders",
      "--endpoint",
      local.endpoint,
      "-o",
      join(dir, "x.yaml"),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/x\.cloudwatch\.csv: already exists \(use --force to overwrite\)/);
    expect(readFileSync(join(dir, "x.cloudwatch.csv"), "utf8")).toBe("mine\n");
    expect(existsSync(join(dir, "x.yaml"))).toBe(false);
    expect(kinesisMock.calls()).toHaveLength(0);
  });

  it("says when the Region is not a Region name", async () => {
    // The SDK refused it with an Error of its own, which ended in "internal error" and a stack.
    await refused(
      ["orders", "--endpoint", local.endpoint, "--region", "bad region!"],
      folder("e11"),
      /^kinesim: AWS Region "bad region!" is not a Region name: pass --region like us-east-1, or fix AWS_REGION$/m,
    );
  });

  it("says when there is no Region", async () => {
    const { AWS_REGION } = process.env;
    delete process.env.AWS_REGION;
    try {
      await refused(
        ["orders", "--endpoint", local.endpoint],
        folder("e10"),
        /^kinesim: no AWS Region: pass --region or set AWS_REGION$/m,
      );
    } finally {
      process.env.AWS_REGION = AWS_REGION;
    }
  });
});

describe("kinesim import: credentials and Region the SDK's way", () => {
  it("takes them from --profile and --region when the environment has none", async () => {
    const saved = { ...process.env };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_REGION;
    const credentials = join(scratch, "credentials");
    writeFileSync(
      credentials,
      "[local]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n",
    );
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentials;
    const dir = folder("profile");
    try {
      const run = await kinesimImport([
        "clicks",
        "--endpoint",
        local.endpoint,
        "--profile",
        "local",
        "--region",
        "eu-west-1",
        "-o",
        join(dir, "c.yaml"),
      ]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const call = kinesisMock.commandCalls(DescribeStreamSummaryCommand)[0];
      const client = call?.thisValue as KinesisClient;
      expect(await client.config.region()).toBe("eu-west-1");
      expect((await client.config.credentials()).accessKeyId).toBe("AKIDPROFILE");
    } finally {
      Object.assign(process.env, saved);
    }
  });
});
