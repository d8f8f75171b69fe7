/**
 * The parts of the AWS SDK that `kinesim import` uses; the command's other modules import the
 * SDK only through this one. The command's bundle keeps it in a file of its own,
 * dist/cli/aws-sdk.cjs (scripts/build-cli.mjs): the SDK is half the bundle's modules, and
 * every other command, `--version` included, would otherwise load it with the rest.
 */
export {
  CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
} from "@aws-sdk/client-cloudwatch";
export {
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListShardsCommand,
  type ListShardsCommandInput,
  ListStreamConsumersCommand,
  type Shard,
} from "@aws-sdk/client-kinesis";
export { NodeHttpHandler } from "@smithy/node-http-handler";
