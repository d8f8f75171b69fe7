import { UserError } from "../../experiment/config/user-error.js";
import { awsCall } from "./aws-errors.js";
import {
  DescribeStreamSummaryCommand,
  type KinesisClient,
  ListShardsCommand,
  type ListShardsCommandInput,
  ListStreamConsumersCommand,
  type Shard,
} from "./aws-sdk.js";

/** One shard as ListShards lists it: open shards have no ending sequence number. */
export interface ListedShard {
  readonly shardId: string;
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
  readonly open: boolean;
}

/** What `kinesim import` learns about a stream from the Kinesis API. */
export interface StreamSnapshot {
  readonly name: string;
  readonly arn: string;
  /** StreamModeDetails.StreamMode; a stream that reports none is provisioned. */
  readonly mode: "provisioned" | "on-demand";
  readonly retentionHours: number;
  /** Open and closed shards (expired ones are not listed), in the order listed. */
  readonly shards: readonly ListedShard[];
  /** Enhanced fan-out consumers registered with the stream, ACTIVE or CREATING. */
  readonly consumers: readonly string[];
}

/**
 * Pages of a paginated list are followed up to this many: far beyond any real stream (each
 * page holds up to 1,000 shards or 100 consumers), it stops a server that keeps handing back
 * NextTokens from looping forever.
 */
const MAX_PAGES = 10_000;

/**
 * DescribeStreamSummary, then ListShards and ListStreamConsumers with their NextTokens
 * (kinesis-facts.md §14). `stream` is a name or an ARN.
 */
export async function readStream(
  kinesis: KinesisClient,
  stream: string,
  endpoint?: string,
): Promise<StreamSnapshot> {
  const context = (call: string) => ({ call: `Kinesis ${call}`, stream, endpoint });
  const target = stream.startsWith("arn:") ? { StreamARN: stream } : { StreamName: stream };
  const summary = await awsCall(context("DescribeStreamSummary"), () =>
    kinesis.send(new DescribeStreamSummaryCommand(target)),
  );
  const description = summary.StreamDescriptionSummary;
  if (description?.StreamName === undefined || description.StreamARN === undefined) {
    throw new UserError(`Kinesis DescribeStreamSummary: no description of ${stream} in the answer`);
  }
  const shards: ListedShard[] = [];
  let shardToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    // ListShards takes the stream or a NextToken, never both (kinesis-facts.md §14).
    const input: ListShardsCommandInput =
      shardToken === undefined ? { ...target } : { NextToken: shardToken };
    const answer = await awsCall(context("ListShards"), () =>
      kinesis.send(new ListShardsCommand(input)),
    );
    for (const shard of answer.Shards ?? []) shards.push(listedShard(shard));
    shardToken = answer.NextToken;
    if (shardToken === undefined) break;
  }
  const consumers: string[] = [];
  let consumerToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const token = consumerToken;
    const answer = await awsCall(context("ListStreamConsumers"), () =>
      kinesis.send(
        new ListStreamConsumersCommand({
          StreamARN: description.StreamARN,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      ),
    );
    for (const consumer of answer.Consumers ?? []) {
      // One being deleted will not read the stream.
      if (consumer.ConsumerName !== undefined && consumer.ConsumerStatus !== "DELETING") {
        consumers.push(consumer.ConsumerName);
      }
    }
    consumerToken = answer.NextToken;
    if (consumerToken === undefined) break;
  }
  return {
    name: description.StreamName,
    arn: description.StreamARN,
    mode: description.StreamModeDetails?.StreamMode === "ON_DEMAND" ? "on-demand" : "provisioned",
    retentionHours: description.RetentionPeriodHours ?? 24,
    shards,
    consumers,
  };
}

function listedShard(shard: Shard): ListedShard {
  const id = shard.ShardId ?? "(a shard without an id)";
  const start = hashKey(shard.HashKeyRange?.StartingHashKey, id);
  const end = hashKey(shard.HashKeyRange?.EndingHashKey, id);
  return {
    shardId: id,
    startingHashKey: start,
    endingHashKey: end,
    open: shard.SequenceNumberRange?.EndingSequenceNumber === undefined,
  };
}

function hashKey(text: string | undefined, shardId: string): bigint {
  if (text === undefined || !/^\d{1,39}$/.test(text)) {
    throw new UserError(
      `Kinesis ListShards: ${shardId} has hash key ${JSON.stringify(text)}, not a decimal integer`,
    );
  }
  return BigInt(text);
}
