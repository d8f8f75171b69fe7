// kinesalite ships no types: the part of its API the tests use.
declare module "kinesalite" {
  import type { Server } from "node:http";

  interface KinesaliteOptions {
    /** Milliseconds a stream stays CREATING, DELETING or UPDATING (default 500 each). */
    createStreamMs?: number;
    deleteStreamMs?: number;
    updateStreamMs?: number;
    /** Open shards an account may have (default 10). */
    shardLimit?: number;
    /** A LevelDB folder; without one the store lives in memory (memdown). */
    path?: string;
  }

  export default function kinesalite(options?: KinesaliteOptions): Server;
}
