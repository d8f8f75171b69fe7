/**
 * An independent per-record reference for one producer writing to one shard, written as a
 * plain loop with its own random numbers and no code from the simulator: Poisson arrivals,
 * log-normal data sizes, uniform partition keys `key-0 … key-(n−1)`, PutRecords batches (a
 * batch is sent `linger` after its first record, or at once when it holds `maxRecords`),
 * the shard's two token buckets (1 MiB/s and 1,000 records/s, one second deep, full at the
 * start), a decision on each record of a batch in order (a refused record does not stop
 * later ones), and retries of the refused records of a call together, after a backoff with
 * full jitter U(0, min(maxBackoff, backoff·2^(k−1))) for retry k. A record whose data and key
 * exceed the max record size is never sent (Kinesis would refuse the request: a validation
 * error, not a throttle) and counts as lost, not throttled.
 */
export interface ReferenceSettings {
  readonly ratePerSecond: number;
  readonly seconds: number;
  readonly medianBytes: number;
  readonly sigma: number;
  readonly keys: number;
  readonly lingerSeconds: number;
  readonly maxRecords: number;
  readonly retries: number;
  readonly backoffSeconds: number;
  readonly maxBackoffSeconds: number;
  readonly seed: number;
}

export interface ReferenceResult {
  readonly offered: number;
  readonly accepted: number;
  readonly throttledAttempts: number;
  readonly lost: number;
  /** Throttled attempts ÷ all attempts, as the simulator's result defines it. */
  readonly throttleRate: number;
  readonly loss: number;
}

const MIB = 1_048_576;

/**
 * Chris Doty-Humphrey's sfc32 (a small fast counting generator that passes PractRand), its
 * state filled by splitmix32 from the seed and warmed up. (Mulberry32 was tried first: its
 * runs came out with too little run-to-run variance for a reference.)
 */
function sfc32(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** A call to make: when, which record sizes, and which attempt (0 = the first). */
interface Call {
  readonly atSeconds: number;
  readonly order: number;
  readonly sizes: number[];
  readonly attempt: number;
}

export function perRecordReference(settings: ReferenceSettings): ReferenceResult {
  const random = sfc32(settings.seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const calls: Call[] = [];
  let order = 0;
  let offered = 0;
  let lost = 0;
  // Arrivals and batches.
  let batch: number[] = [];
  let batchOpenedAt = 0;
  const flush = (atSeconds: number) => {
    if (batch.length > 0) calls.push({ atSeconds, order: order++, sizes: batch, attempt: 0 });
    batch = [];
  };
  for (let t = 0; ; ) {
    t += -Math.log(1 - random()) / settings.ratePerSecond;
    if (batch.length > 0 && t >= batchOpenedAt + settings.lingerSeconds) {
      flush(batchOpenedAt + settings.lingerSeconds);
    }
    if (t >= settings.seconds) break;
    offered++;
    const data = Math.max(
      1,
      Math.round(settings.medianBytes * Math.exp(settings.sigma * gaussian())),
    );
    const key = `key-${Math.floor(random() * settings.keys)}`.length;
    if (data + key > MIB) {
      lost++;
      continue;
    }
    if (batch.length === 0) batchOpenedAt = t;
    batch.push(data + key);
    if (batch.length >= settings.maxRecords) flush(t);
  }
  flush(batchOpenedAt + settings.lingerSeconds);
  // The shard, call by call in time order (retries join the queue as they are scheduled).
  let bytes = MIB;
  let records = 1000;
  let lastSeconds = 0;
  let accepted = 0;
  let throttledAttempts = 0;
  const pending = calls.sort((a, b) => a.atSeconds - b.atSeconds || a.order - b.order);
  while (pending.length > 0) {
    const call = pending.shift() as Call;
    const elapsed = call.atSeconds - lastSeconds;
    lastSeconds = call.atSeconds;
    bytes = Math.min(MIB, bytes + elapsed * MIB);
    records = Math.min(1000, records + elapsed * 1000);
    const refused: number[] = [];
    for (const size of call.sizes) {
      if (records >= 1 && bytes >= size) {
        records -= 1;
        bytes -= size;
        accepted++;
      } else {
        throttledAttempts++;
        refused.push(size);
      }
    }
    if (refused.length === 0) continue;
    const retry = call.attempt + 1;
    if (retry > settings.retries) {
      lost += refused.length;
      continue;
    }
    const cap = Math.min(settings.maxBackoffSeconds, settings.backoffSeconds * 2 ** (retry - 1));
    const next: Call = {
      atSeconds: call.atSeconds + random() * cap,
      order: order++,
      sizes: refused,
      attempt: retry,
    };
    // Insert in time order (the queue stays sorted).
    let index = pending.findIndex(
      (c) =>
        c.atSeconds > next.atSeconds || (c.atSeconds === next.atSeconds && c.order > next.order),
    );
    if (index < 0) index = pending.length;
    pending.splice(index, 0, next);
  }
  const attempts = accepted + throttledAttempts;
  return {
    offered,
    accepted,
    throttledAttempts,
    lost,
    throttleRate: attempts === 0 ? 0 : throttledAttempts / attempts,
    loss: offered === 0 ? 0 : lost / offered,
  };
}
