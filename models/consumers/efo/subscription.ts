import type { EventHandle } from "../../../src/engine/simulation.js";
import type { TokenBucket } from "../../shards/token-bucket.js";

/** One shard's SubscribeToShard connection of an enhanced fan-out application, and its push state. */
export interface Subscription {
  /** The connection's 2 MiB/s (one second deep). */
  readonly bucket: TokenBucket;
  /** Until when the application processes the last push (the next push waits for it). */
  busyUntilUs: number;
  /** Whether a subscription is open now (pushes flow). */
  open: boolean;
  /** When SubscribeToShard last succeeded for this consumer and shard. */
  lastSubscribedUs: number | undefined;
  /** The end of the open subscription's 5 minutes. */
  renewal: EventHandle | undefined;
  /** A refused SubscribeToShard's next attempt. */
  retry: EventHandle | undefined;
}
