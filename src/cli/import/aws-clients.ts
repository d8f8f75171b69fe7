import { CloudWatchClient, KinesisClient, NodeHttpHandler } from "./aws-sdk.js";

/** Where and as whom `kinesim import` talks to AWS; unset fields go to the SDK's defaults. */
export interface AwsSettings {
  /** `--region`; else the SDK's chain (AWS_REGION, the profile's region). */
  readonly region?: string | undefined;
  /** `--profile`; else AWS_PROFILE or `default`. */
  readonly profile?: string | undefined;
  /** `--endpoint`: one URL for both services (a local server, a VPC endpoint). */
  readonly endpoint?: string | undefined;
}

export interface AwsClients {
  readonly kinesis: KinesisClient;
  readonly cloudWatch: CloudWatchClient;
}

/**
 * A reachable host answers a connection within seconds; an unreachable one would otherwise
 * hang the command for the operating system's TCP timeout (minutes).
 */
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The two clients, with credentials from the SDK's default provider chain (environment,
 * shared files, SSO, container and instance roles).
 */
export function createAwsClients(settings: AwsSettings): AwsClients {
  // The SDK warns on stderr that its releases from 2027 need Node 22. kinesim's lock file pins
  // the release it was tested with, and the command prints one line per error: keep it quiet.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const common = {
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
  };
  // HTTP/1.1 for both: the Kinesis client defaults to HTTP/2, which only SubscribeToShard
  // needs; the calls made here are plain JSON requests, and local servers speak HTTP/1.1.
  const requestHandler = () =>
    new NodeHttpHandler({
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
    });
  return {
    kinesis: new KinesisClient({ ...common, requestHandler: requestHandler() }),
    cloudWatch: new CloudWatchClient({ ...common, requestHandler: requestHandler() }),
  };
}
