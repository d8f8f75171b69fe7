import type { StartPosition } from "./consumer-settings.js";
import type { DeliveryRecorder } from "./delivery-recorder.js";
import type { LeaseCoordinator } from "./kcl/lease-coordinator.js";
import type { ShardReader, ShardReaders } from "./shard-readers.js";

/** What the run needs of any consumer application, whatever its mode. */
export interface ConsumerApplication {
  readonly settings: {
    readonly name: string;
    readonly mode: "polling" | "efo";
    readonly startAt: StartPosition;
    readonly restartFrom: "lastRecord" | "startAt";
  };
  readonly delivery: DeliveryRecorder;
  readonly readers: ShardReaders;
  /** KCL applications only: the workers' leases. */
  readonly leases?: LeaseCoordinator | undefined;
  /** Whether a reading shard will be fetched again without anything else happening. */
  willFetch(reader: ShardReader): boolean;
  /**
   * Brings every delivery up to `nowUs` before the run looks at the application (end of a
   * warm-up, end of the run): enhanced fan-out in segment runs delivers lazily.
   */
  settle(nowUs: number): void;
}
