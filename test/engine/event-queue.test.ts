import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/event-queue.js";

const noop = (): void => {};

/** Pops everything, returning the pushed labels in pop order. */
function drain(queue: EventQueue, labels: Map<object, number>): number[] {
  const order: number[] = [];
  for (let event = queue.pop(); event !== undefined; event = queue.pop()) {
    order.push(labels.get(event) as number);
  }
  return order;
}

describe("EventQueue", () => {
  it("is empty at first", () => {
    const queue = new EventQueue();
    expect(queue.size).toBe(0);
    expect(queue.peek()).toBeUndefined();
    expect(queue.pop()).toBeUndefined();
  });

  it("pops in time order", () => {
    const queue = new EventQueue();
    const labels = new Map<object, number>();
    for (const time of [50, 10, 40, 20, 30, 0]) labels.set(queue.push(time, noop), time);
    expect(queue.size).toBe(6);
    expect(queue.peek()?.timeUs).toBe(0);
    expect(drain(queue, labels)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(queue.size).toBe(0);
  });

  it("pops equal times first-in, first-out", () => {
    const queue = new EventQueue();
    const labels = new Map<object, number>();
    const times = [5, 5, 1, 5, 1, 5, 5, 1];
    times.forEach((time, i) => {
      labels.set(queue.push(time, noop), i);
    });
    expect(drain(queue, labels)).toEqual([2, 4, 7, 0, 1, 3, 5, 6]);
  });

  it("numbers events by scheduling order", () => {
    const queue = new EventQueue();
    const a = queue.push(9, noop);
    const b = queue.push(3, noop);
    expect(b.seq).toBe(a.seq + 1);
    expect(a.cancelled).toBe(false);
  });

  it("keeps cancelled events queued (lazy cancellation): the caller skips them", () => {
    const queue = new EventQueue();
    const first = queue.push(1, noop);
    queue.push(2, noop);
    first.cancelled = true;
    expect(queue.size).toBe(2);
    expect(queue.pop()).toBe(first);
    expect(queue.size).toBe(1);
  });

  it("property: pop order is a stable sort by time", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const queue = new EventQueue();
        const labels = new Map<object, number>();
        times.forEach((time, i) => {
          labels.set(queue.push(time, noop), i);
        });
        const expected = times
          .map((time, i) => ({ time, i }))
          .sort((x, y) => x.time - y.time) // Array.prototype.sort is stable (ES2019).
          .map(({ i }) => i);
        expect(drain(queue, labels)).toEqual(expected);
      }),
    );
  });

  it("property: interleaved pushes and pops match a sorted-list model", () => {
    const op = fc.oneof(fc.integer({ min: 0, max: 15 }), fc.constant("pop" as const));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new EventQueue();
        const model: { time: number; seq: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o === "pop") {
            const event = queue.pop();
            const want = model.shift();
            expect(
              event === undefined ? undefined : { time: event.timeUs, seq: event.seq },
            ).toEqual(want);
          } else {
            queue.push(o, noop);
            const entry = { time: o, seq: seq++ };
            let at = model.length;
            while (at > 0 && (model[at - 1] as { time: number }).time > o) at--;
            model.splice(at, 0, entry);
          }
          expect(queue.size).toBe(model.length);
        }
      }),
    );
  });
});
