import type { ConsumerContext } from "../consumer-context.js";
import type { ShardReader } from "../shard-readers.js";
import type { UnreadAge } from "../unread-age.js";
import type { KclSettings } from "./kcl-settings.js";
import { LeaderAssignment } from "./leader-assignment.js";
import { LeaseCoordinator } from "./lease-coordinator.js";
import { LeaseTaker } from "./lease-taker.js";

/**
 * The leases of a consumer application that runs the KCL (polling or enhanced fan-out),
 * or undefined without `kcl:`. When a worker starts processing a shard's lease, the shard's
 * reader drops its pending fetch and rewinds to the lease's checkpoint (records after it
 * that another worker had already received are delivered again); then `resume` restarts it.
 * KCL 2 balances with every worker's lease taker, KCL 3 with a leader.
 */
export function applicationLeases(
  context: ConsumerContext,
  name: string,
  kcl: KclSettings | undefined,
  resume: (reader: ShardReader) => void,
  unreadAge: UnreadAge,
): LeaseCoordinator | undefined {
  if (kcl === undefined) return undefined;
  const coordinator = new LeaseCoordinator(
    context.simulation,
    kcl,
    context.random.stream(`consumer:${name}:leases`),
    context.random.stream(`consumer:${name}:kcl-phases`),
    ({ reader, checkpointSeq }) => {
      if (reader.next !== undefined) context.simulation.cancel(reader.next);
      reader.next = undefined;
      const nowUs = context.simulation.nowUs;
      // The ages up to the rewind were at the old position; from here at the checkpoint.
      unreadAge.sync(reader, nowUs);
      reader.cursor.seq = Math.max(checkpointSeq, reader.shard.log.trimSeq);
      unreadAge.begin(reader, nowUs);
      resume(reader);
    },
    context.narrator === undefined ? undefined : { narrator: context.narrator, consumer: name },
  );
  coordinator.useBalancer(
    kcl.version === 2 ? new LeaseTaker(coordinator, kcl) : new LeaderAssignment(coordinator, kcl),
  );
  return coordinator;
}
