import { UserError } from "../../experiment/config/user-error.js";

/** Network failures a wrong `--endpoint`, a proxy or an outage cause. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

/** What `kinesim import` was doing when a call failed, for the message. */
export interface CallContext {
  /** e.g. "Kinesis ListShards". */
  readonly call: string;
  readonly stream: string;
  readonly endpoint?: string | undefined;
}

/**
 * One line for a failed AWS call that the user can put right (no such stream, no
 * credentials, no Region, a server that cannot be reached, a refusal by the service), as a
 * UserError (exit status 2); anything else is returned as it is, to be reported as a bug.
 */
export function explainAwsFailure(error: unknown, context: CallContext): unknown {
  if (!(error instanceof Error)) return error;
  const { name, message } = error;
  const code = (error as NodeJS.ErrnoException).code;
  const where = context.endpoint ?? "AWS";
  if (name === "ResourceNotFoundException") {
    return new UserError(
      `stream ${JSON.stringify(context.stream)} not found (${context.call}: ${message})`,
    );
  }
  if (name === "CredentialsProviderError" || /credential/i.test(name)) {
    return new UserError(
      `no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name a profile with --profile or AWS_PROFILE (${message})`,
    );
  }
  if (/Region is missing/i.test(message)) {
    return new UserError("no AWS Region: pass --region or set AWS_REGION");
  }
  const badRegion = /^Region not accepted: region="(.*)" is not a valid hostname/s.exec(message);
  if (badRegion !== null) {
    return new UserError(
      `AWS Region ${JSON.stringify(badRegion[1]?.slice(0, 80))} is not a Region name: pass --region like us-east-1, or fix AWS_REGION`,
    );
  }
  if ((code !== undefined && NETWORK_CODES.has(code)) || name === "TimeoutError") {
    return new UserError(`cannot reach ${where} (${context.call}: ${code ?? name})`);
  }
  if (isServiceError(error)) {
    return new UserError(`${context.call} failed: ${name}: ${message}`);
  }
  return error;
}

/** An error response from the service itself: it carries the HTTP status. */
function isServiceError(error: Error): boolean {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return typeof metadata?.httpStatusCode === "number";
}

/** Runs one AWS call, turning the failures a user can put right into one line. */
export async function awsCall<T>(context: CallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw explainAwsFailure(error, context);
  }
}
