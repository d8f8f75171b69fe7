import type { ConsumerApplication } from "../../../models/consumers/consumer-application.js";
import type { SdkProducer } from "../../../models/producers/sdk-producer.js";
import type { KinesisStream } from "../../../models/stream/kinesis-stream.js";

/** A broken invariant: a bug in kinesim, never a user mistake. */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(`invariant violated (a kinesim bug): ${message}`);
  }
}

/**
 * The end-of-run checks of design.md §10, from independently kept counts:
 * - per producer: offered = accepted + dropped + records still held (batch or retry);
 * - the producers' accepted records equal the records the shards appended;
 * - per consumer application: accepted = delivered (redeliveries not counted twice) +
 *   expiredUnread + unread + skipped.
 */
export function checkConservation(
  producers: readonly SdkProducer[],
  stream: KinesisStream,
  consumers: readonly ConsumerApplication[],
): void {
  let acceptedByProducers = 0;
  for (const producer of producers) {
    const { offered, accepted, dropped, pending } = producer.stats;
    const held = producer.heldRecords;
    if (offered !== accepted + dropped + held || pending !== held) {
      throw new InvariantViolation(
        `producer ${producer.settings.name}: offered ${offered} ≠ accepted ${accepted} + dropped ${dropped} + held ${held} (pending counter ${pending})`,
      );
    }
    acceptedByProducers += accepted;
  }
  let appended = 0;
  for (const shard of stream.shards) appended += shard.log.nextSeq;
  if (appended !== acceptedByProducers) {
    throw new InvariantViolation(
      `shards appended ${appended} records, producers saw ${acceptedByProducers} accepted`,
    );
  }
  for (const consumer of consumers) {
    const { delivered: received, redelivered } = consumer.delivery.stats;
    const delivered = received - redelivered;
    const { expiredUnread, unread, skipped } = consumer.readers;
    if (appended !== delivered + expiredUnread + unread + skipped) {
      throw new InvariantViolation(
        `consumer ${consumer.settings.name}: accepted ${appended} ≠ delivered ${delivered} + expired ${expiredUnread} + unread ${unread} + skipped ${skipped}`,
      );
    }
  }
}
