/**
 * Which shards decide at which tick of a producer's window (design.md §17): a bitmap per tick,
 * so that a producer's tick visits only the shards whose clear runs end there, in shard
 * order, rather than every shard to find them. A shard is marked again whenever its clear run
 * changes; a mark left behind by a run that was cut short or extended is passed over by the
 * producer (the shard is not due then).
 */
export class DueTicks {
  /** 32 shards a word. */
  readonly words: number;
  private bits = new Int32Array(0);
  private ticks = 0;

  constructor(readonly shards: number) {
    this.words = Math.ceil(shards / 32);
  }

  /** Starts a window of `ticks` ticks, at whose first tick every shard decides. */
  start(ticks: number): void {
    const size = ticks * this.words;
    if (this.bits.length < size) this.bits = new Int32Array(size);
    else this.bits.fill(0, 0, size);
    this.ticks = ticks;
    for (let position = 0; position < this.shards; position++) this.mark(position, 0);
  }

  /** Shard `position` decides at `tick` (a tick past the window's end is its next window's). */
  mark(position: number, tick: number): void {
    if (tick >= this.ticks) return;
    const at = tick * this.words + (position >>> 5);
    this.bits[at] = (this.bits[at] as number) | (1 << (position & 31));
  }

  /** Word `w` of `tick`'s marks: shard 32·w + b is marked when bit b is set. */
  word(tick: number, w: number): number {
    return this.bits[tick * this.words + w] as number;
  }
}
