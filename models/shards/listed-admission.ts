import type { IngressLimiter } from "./ingress-limiter.js";
import { creationSubSpan, type ListedSizes, type Segment } from "./segment.js";

/** What a shard took of a segment and what it refused (undefined: none). */
export interface Admission {
  readonly accepted: Segment | undefined;
  readonly refused: Segment | undefined;
}

/**
 * Offers a segment whose records have listed sizes to a shard's write limiter record by
 * record, in order, as PutRecords decides (kinesis-facts.md §1: "a single record failure does
 * not stop the processing of subsequent records"): a record is accepted when both buckets
 * hold enough for it, so a large record refused leaves the room it would have taken to the
 * smaller records behind it. The records that are not listed (segments list at most the
 * largest few of a long run, design.md §4) are taken in runs between the listed ones, each
 * run at its even share of the remaining bytes, the longest prefix that fits.
 *
 * Cost: one limiter call per listed record and per run between them, and only when the
 * whole segment does not fit at once.
 */
export function admitListed(
  limiter: IngressLimiter,
  nowUs: number,
  segment: Segment,
  listed: ListedSizes,
): Admission {
  const { count, bytes } = segment;
  if (limiter.admitWhole(nowUs, count, bytes)) return { accepted: segment, refused: undefined };
  const { at, bytes: sizes } = listed;
  let listedBytes = 0;
  for (const size of sizes) listedBytes += size;
  const others = count - sizes.length;
  const perOther = others > 0 ? Math.max(0, (bytes - listedBytes) / others) : 0;
  const accepted = new PartBuilder();
  const refused = new PartBuilder();
  let position = 0;
  const run = (length: number): void => {
    if (length <= 0) return;
    const taken = limiter.admit(nowUs, length, perOther);
    accepted.addRun(position, taken, perOther);
    refused.addRun(position + taken, length - taken, perOther);
    position += length;
  };
  for (let i = 0; i < sizes.length; i++) {
    const listedAt = at === undefined ? i : (at[i] as number);
    run(listedAt - position);
    const size = sizes[i] as number;
    if (limiter.admit(nowUs, 1, size) === 1) accepted.addListed(listedAt, size);
    else refused.addListed(listedAt, size);
    position = listedAt + 1;
  }
  run(count - position);
  // What is stored needs no sizes (a log keeps runs of records); what is refused keeps them
  // for its retry.
  return { accepted: accepted.build(segment, false), refused: refused.build(segment, true) };
}

/** Collects the records of one part (accepted or refused) of a segment, in order. */
class PartBuilder {
  private count = 0;
  private bytes = 0;
  private firstPosition = -1;
  private lastPosition = -1;
  private readonly listedAt: number[] = [];
  private readonly listedBytes: number[] = [];

  /** `length` records not listed, from `position` on, of `perRecord` bytes each. */
  addRun(position: number, length: number, perRecord: number): void {
    if (length <= 0) return;
    this.mark(position, position + length - 1);
    this.count += length;
    this.bytes += length * perRecord;
  }

  /** One listed record at `position`. */
  addListed(position: number, size: number): void {
    this.mark(position, position);
    this.listedAt.push(this.count);
    this.listedBytes.push(size);
    this.count++;
    this.bytes += size;
  }

  build(segment: Segment, keepListed: boolean): Segment | undefined {
    if (this.count === 0) return undefined;
    const { firstCreatedUs, lastCreatedUs, count } = segment;
    const listed: ListedSizes | undefined =
      !keepListed || this.listedBytes.length === 0
        ? undefined
        : this.listedBytes.length === this.count
          ? { bytes: this.listedBytes }
          : { at: this.listedAt, bytes: this.listedBytes };
    return {
      count: this.count,
      bytes: this.bytes,
      ...creationSubSpan(
        firstCreatedUs,
        lastCreatedUs,
        this.firstPosition,
        this.lastPosition + 1,
        count,
      ),
      producer: segment.producer,
      shard: segment.shard,
      density: segment.density,
      ...(listed === undefined ? {} : { listed }),
    };
  }

  private mark(first: number, last: number): void {
    if (this.firstPosition < 0) this.firstPosition = first;
    this.lastPosition = last;
  }
}
