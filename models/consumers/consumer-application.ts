import type { DeliveryRecorder } from "./delivery-recorder.js";
import type { LeaseCoordinator } from "./kcl/lease-coordinator.js";
import type { ShardReaders } from "./shard-readers.js";

/** What the run needs of any consumer application, whatever its mode. */
export interface ConsumerApplication {
  readonly settings: { readonly name: string; readonly mode: "polling" | "efo" };
  readonly delivery: DeliveryRecorder;
  readonly readers: ShardReaders;
  /** KCL applications only: the workers' leases. */
  readonly leases?: LeaseCoordinator | undefined;
}
