import type { HashRange } from "../hashing/hash-range.js";
import { md5HashKey } from "../hashing/md5-hash-key.js";
import type { ShardRouter } from "../hashing/shard-router.js";
import type { KeySpace } from "./keys/key-space.js";

/** Key spaces up to this size get a flat array; larger ones a map of the keys seen. */
const FLAT_LIMIT = 1 << 22;
/** Larger key spaces remember at most this many keys, then start over. */
const SPARSE_LIMIT = 1 << 20;

/**
 * Which open shard each key of a key space routes to, remembered by key index so a record
 * costs an array lookup instead of building, hashing and binary-searching its key. Emptied
 * whenever the router (the set of open shards) changes.
 */
export class KeyRouteCache<T extends HashRange> {
  private router: ShardRouter<T> | undefined;
  private flat: Int32Array | undefined;
  private sparse: Map<number, number> | undefined;

  constructor(private readonly keys: KeySpace) {}

  /** Position in `router.shards` of the shard key `index` routes to. */
  route(router: ShardRouter<T>, index: number): number {
    if (router !== this.router) this.reset(router);
    if (this.flat !== undefined) {
      const cached = this.flat[index] as number;
      if (cached >= 0) return cached;
      const position = this.lookup(router, index);
      this.flat[index] = position;
      return position;
    }
    const sparse = this.sparse as Map<number, number>;
    // Keys that follow the clock never come back: keep the map bounded.
    if (sparse.size >= SPARSE_LIMIT) sparse.clear();
    let position = sparse.get(index);
    if (position === undefined) {
      position = this.lookup(router, index);
      sparse.set(index, position);
    }
    return position;
  }

  private lookup(router: ShardRouter<T>, index: number): number {
    // Hashed directly: this cache already remembers every key it routes.
    return router.routeIndex(md5HashKey(this.keys.keyName(index)));
  }

  private reset(router: ShardRouter<T>): void {
    this.router = router;
    if (this.keys.cardinality <= FLAT_LIMIT) {
      this.flat = new Int32Array(this.keys.cardinality).fill(-1);
      this.sparse = undefined;
    } else {
      this.flat = undefined;
      this.sparse = new Map();
    }
  }
}
