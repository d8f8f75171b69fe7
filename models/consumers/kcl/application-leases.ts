import type { ConsumerContext } from "../consumer-context.js";
import type { ShardReader } from "../shard-readers.js";
import type { KclSettings } from "./kcl-settings.js";
import { LeaseCoordinator } from "./lease-coordinator.js";

/**
 * The leases of a consumer application that runs the KCL (polling or enhanced fan-out),
 * or undefined without `kcl:`. `resume` is called when a worker takes a shard's lease,
 * with the lease's checkpoint, for the application to read on from there.
 */
export function applicationLeases(
  context: ConsumerContext,
  name: string,
  kcl: KclSettings | undefined,
  resume: (reader: ShardReader, checkpointSeq: number) => void,
): LeaseCoordinator | undefined {
  if (kcl === undefined) return undefined;
  return new LeaseCoordinator(
    context.simulation,
    kcl,
    context.random.stream(`consumer:${name}:leases`),
    (lease) => resume(lease.reader, lease.checkpointSeq),
    context.narrator === undefined ? undefined : { narrator: context.narrator, consumer: name },
  );
}
