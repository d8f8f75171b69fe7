import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.js";

describe("Simulation", () => {
  it("starts at time 0 with nothing pending", () => {
    const sim = new Simulation();
    expect(sim.nowUs).toBe(0);
    expect(sim.pendingEvents).toBe(0);
    expect(sim.eventsProcessed).toBe(0);
  });

  it("runs events in time order and sets the clock to each event's time", () => {
    const sim = new Simulation();
    const seen: [string, number][] = [];
    sim.scheduleAt(30, () => seen.push(["c", sim.nowUs]));
    sim.scheduleAt(10, () => seen.push(["a", sim.nowUs]));
    sim.schedule(20, () => seen.push(["b", sim.nowUs]));
    sim.run(100);
    expect(seen).toEqual([
      ["a", 10],
      ["b", 20],
      ["c", 30],
    ]);
    expect(sim.eventsProcessed).toBe(3);
  });

  it("runs equal-time events first-in, first-out", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) sim.scheduleAt(i % 2 === 0 ? 7 : 3, () => seen.push(i));
    sim.run(7);
    expect(seen).toEqual([1, 3, 5, 7, 9, 0, 2, 4, 6, 8]);
  });

  it("leaves the clock at the horizon, even when the queue empties earlier", () => {
    const sim = new Simulation();
    sim.scheduleAt(5, () => {});
    sim.run(1_000);
    expect(sim.nowUs).toBe(1_000);
    sim.run(2_500);
    expect(sim.nowUs).toBe(2_500);
  });

  it("never moves the clock backwards", () => {
    const sim = new Simulation();
    sim.run(100);
    sim.run(50);
    expect(sim.nowUs).toBe(100);
  });

  it("runs events scheduled during the run within the horizon, and keeps later ones", () => {
    const sim = new Simulation();
    const times: number[] = [];
    const tick = (): void => {
      times.push(sim.nowUs);
      sim.schedule(40, tick);
    };
    sim.scheduleAt(0, tick);
    sim.run(100);
    expect(times).toEqual([0, 40, 80]);
    expect(sim.nowUs).toBe(100);
    expect(sim.pendingEvents).toBe(1);
    sim.run(200);
    expect(times).toEqual([0, 40, 80, 120, 160, 200]);
  });

  it("runs an event exactly at the horizon, not one after it", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.scheduleAt(100, () => seen.push(100));
    sim.scheduleAt(101, () => seen.push(101));
    sim.run(100);
    expect(seen).toEqual([100]);
    expect(sim.pendingEvents).toBe(1);
  });

  it("runs events an action schedules for now, in the same run", () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.scheduleAt(10, () => {
      seen.push("outer");
      sim.schedule(0, () => seen.push("inner"));
    });
    sim.scheduleAt(10, () => seen.push("sibling"));
    sim.run(10);
    expect(seen).toEqual(["outer", "sibling", "inner"]);
  });

  it("runs a past scheduleAt at the current time", () => {
    const sim = new Simulation();
    sim.run(500);
    let at = -1;
    const handle = sim.scheduleAt(100, () => {
      at = sim.nowUs;
    });
    expect(handle.timeUs).toBe(500);
    sim.run(500);
    expect(at).toBe(500);
  });

  it("rounds delays to integers and treats negative delays as zero", () => {
    const sim = new Simulation();
    sim.run(10);
    expect(sim.schedule(2.4, () => {}).timeUs).toBe(12);
    expect(sim.schedule(2.6, () => {}).timeUs).toBe(13);
    expect(sim.schedule(-5, () => {}).timeUs).toBe(10);
  });

  it("rejects non-integer and unsafe event times", () => {
    const sim = new Simulation();
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => sim.scheduleAt(bad, () => {})).toThrow(RangeError);
    }
    expect(sim.pendingEvents).toBe(0);
  });

  it("skips cancelled events without counting them", () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const a = sim.scheduleAt(1, () => seen.push("a"));
    sim.scheduleAt(2, () => seen.push("b"));
    const c = sim.scheduleAt(3, () => seen.push("c"));
    sim.cancel(a);
    expect(sim.pendingEvents).toBe(3); // lazy: still queued
    sim.scheduleAt(2, () => sim.cancel(c));
    sim.run(10);
    expect(seen).toEqual(["b"]);
    expect(sim.eventsProcessed).toBe(2);
    expect(sim.pendingEvents).toBe(0);
  });

  it("property: run order is a stable sort by time with cancelled events skipped", () => {
    const push = fc.record({ time: fc.integer({ min: 0, max: 30 }), cancelled: fc.boolean() });
    fc.assert(
      fc.property(fc.array(push, { maxLength: 200 }), (pushes) => {
        const sim = new Simulation();
        const ran: number[] = [];
        const ranAt: number[] = [];
        pushes.forEach(({ time, cancelled }, i) => {
          const handle = sim.scheduleAt(time, () => {
            ran.push(i);
            ranAt.push(sim.nowUs);
          });
          if (cancelled) sim.cancel(handle);
        });
        sim.run(30);
        const expected = pushes
          .map((p, i) => ({ ...p, i }))
          .filter((p) => !p.cancelled)
          .sort((x, y) => x.time - y.time); // stable (ES2019)
        expect(ran).toEqual(expected.map((p) => p.i));
        expect(ranAt).toEqual(expected.map((p) => p.time));
        expect(sim.eventsProcessed).toBe(expected.length);
        expect(sim.pendingEvents).toBe(0);
        expect(sim.nowUs).toBe(30);
      }),
    );
  });

  describe("advanceIfNext", () => {
    it("refuses outside a run, behind the clock, past the run's horizon and at or after a queued event", () => {
      const sim = new Simulation();
      expect(sim.advanceIfNext(5)).toBe(false);
      const answers: boolean[] = [];
      sim.scheduleAt(10, () => {
        answers.push(sim.advanceIfNext(9)); // behind the clock
        answers.push(sim.advanceIfNext(21)); // past the horizon
        answers.push(sim.advanceIfNext(15)); // the event at 15 comes first
        answers.push(sim.advanceIfNext(14)); // nothing before 14: the clock moves
        answers.push(sim.nowUs === 14);
      });
      sim.scheduleAt(15, () => {});
      sim.run(20);
      expect(answers).toEqual([false, false, false, true, true]);
      expect(sim.eventsProcessed).toBe(3);
      expect(sim.advanceIfNext(20)).toBe(false);
    });

    it("runs a process in the order, and at the times, that scheduling each step gives", () => {
      // A process that schedules its next step from the one running, among other events
      // (some at equal times): stepping in place when allowed changes nothing observable.
      const scenario = fc.record({
        gaps: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 }),
        others: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 30 }),
        horizon: fc.integer({ min: 0, max: 120 }),
      });
      fc.assert(
        fc.property(scenario, ({ gaps, others, horizon }) => {
          const trace = (inPlace: boolean): string[] => {
            const sim = new Simulation();
            const seen: string[] = [];
            for (const [i, at] of others.entries())
              sim.scheduleAt(at, () => seen.push(`o${i}@${sim.nowUs}`));
            let step = 0;
            const next = (): boolean => {
              if (step >= gaps.length) return false;
              const atUs = sim.nowUs + (gaps[step] as number);
              if (inPlace && sim.advanceIfNext(atUs)) return true;
              sim.scheduleAt(atUs, run);
              return false;
            };
            const run = (): void => {
              do seen.push(`p${step++}@${sim.nowUs}`);
              while (next());
            };
            sim.scheduleAt(0, run);
            sim.run(horizon);
            seen.push(`events ${sim.eventsProcessed}, now ${sim.nowUs}`);
            return seen;
          };
          expect(trace(true)).toEqual(trace(false));
        }),
        { numRuns: 300 },
      );
    });
  });
});
