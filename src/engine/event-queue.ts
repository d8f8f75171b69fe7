/**
 * A binary min-heap of scheduled events ordered by (timeUs, seq).
 *
 * `seq` is the order in which events were scheduled, so events at the same time run
 * first-in, first-out and the whole order is total: two runs of the same model always
 * process events in the same order (design.md §2). Cancellation is lazy: a
 * cancelled event stays in the heap and is skipped when it reaches the top.
 */
export interface ScheduledEvent {
  readonly timeUs: number;
  readonly seq: number;
  readonly action: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private readonly heap: ScheduledEvent[] = [];
  /**
   * An event known to come before everything in the heap, kept outside it. A simulation
   * often schedules the very next event from the one running (a record-level producer's
   * next arrival): it goes here and is popped without a sift up or down. The order is the
   * heap's own, (timeUs, seq), so what pops when does not change.
   */
  private front: ScheduledEvent | undefined;
  private nextSeq = 0;

  get size(): number {
    return this.heap.length + (this.front === undefined ? 0 : 1);
  }

  push(timeUs: number, action: () => void): ScheduledEvent {
    const event: ScheduledEvent = { timeUs, seq: this.nextSeq++, action, cancelled: false };
    const front = this.front;
    if (front === undefined) {
      const top = this.heap[0];
      if (top === undefined || before(event, top)) {
        this.front = event;
        return event;
      }
    } else if (before(event, front)) {
      this.front = event;
      this.heapPush(front);
      return event;
    }
    this.heapPush(event);
    return event;
  }

  private heapPush(event: ScheduledEvent): void {
    const heap = this.heap;
    let index = heap.length;
    heap.push(event);
    // Sift up.
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as ScheduledEvent;
      if (!before(event, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = event;
  }

  /** The earliest event, or undefined when empty. Cancelled events may be returned. */
  peek(): ScheduledEvent | undefined {
    return this.front ?? this.heap[0];
  }

  pop(): ScheduledEvent | undefined {
    const front = this.front;
    if (front !== undefined) {
      this.front = undefined;
      return front;
    }
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    // Sift the last element down from the root.
    const length = heap.length;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      let childEvent = heap[left] as ScheduledEvent;
      if (right < length) {
        const rightEvent = heap[right] as ScheduledEvent;
        if (before(rightEvent, childEvent)) {
          child = right;
          childEvent = rightEvent;
        }
      }
      if (!before(childEvent, last)) break;
      heap[index] = childEvent;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.timeUs < b.timeUs || (a.timeUs === b.timeUs && a.seq < b.seq);
}
