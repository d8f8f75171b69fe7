import type { Segment } from "../../shards/segment.js";
import type { KplClient } from "../kpl/kpl-client.js";
import type { SdkTickPut } from "./sdk-tick-put.js";

/**
 * How a producer's records reach the shards once created: the plain SDK (sdk-sender.ts) or
 * the KPL (kpl-sender.ts). The producer picks one at construction and hands it what its
 * source made, so nothing downstream asks which one it has.
 */
export interface ProducerSender {
  /** The KPL's client (its counters go into the result); undefined for the plain SDK. */
  readonly kpl: KplClient | undefined;
  /** Segment mode: how long until the next tick, asked after each tick. */
  tickUs(): number;
  /** Segment mode: a tick's records, created in [fromUs, toUs) (never empty). */
  sendTick(segments: Segment[], fromUs: number, toUs: number): void;
  /**
   * Segment mode: takes a tick's runs as they are drawn, instead of `sendTick`'s segments,
   * when the sender has such a path (the plain SDK's).
   */
  readonly tickPut?: SdkTickPut;
  /** Record mode: one record of key `keyIndex`, sent now or buffered. */
  sendRecord(record: Segment, keyIndex: number): void;
  /** Records in the sender's own buffers (an open batch, the KPL's aggregator and collector). */
  readonly buffered: number;
}
