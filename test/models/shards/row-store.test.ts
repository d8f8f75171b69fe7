import { describe, expect, it } from "vitest";
import { RowStore } from "../../../models/shards/row-store.js";
import { COUNT, FIRST_SEQ, RUN_FIELDS } from "../../../models/shards/stored-runs.js";

/** Appends a row whose first sequence index is `seq` (the other fields are not looked at). */
function append(runs: RowStore, seq: number): void {
  const at = runs.appendAt();
  runs.rows[at + FIRST_SEQ] = seq;
  runs.rows[at + COUNT] = 1;
  runs.end++;
}

/** The first sequence index of every live row, in order. */
function liveSeqs(runs: RowStore): number[] {
  const seqs: number[] = [];
  for (let row = runs.head; row < runs.end; row++) {
    seqs.push(runs.rows[row * RUN_FIELDS + FIRST_SEQ] as number);
  }
  return seqs;
}

describe("RowStore (a shard log's stored runs)", () => {
  it("keeps its live rows in order through growth, dropping and moving down", () => {
    const runs = new RowStore(RUN_FIELDS);
    let next = 0;
    let oldest = 0;
    // Appends outpace drops, then drops catch up: rows grow, move down and are given back.
    for (let step = 0; step < 500; step++) {
      for (let i = 0; i < (step < 250 ? 7 : 1); i++) append(runs, next++);
      const drop = step < 250 ? 3 : 9;
      const head = Math.min(runs.end, runs.head + drop);
      oldest += head - runs.head;
      runs.dropBefore(head);
      expect(liveSeqs(runs)).toEqual(Array.from({ length: next - oldest }, (_, i) => oldest + i));
    }
    expect(runs.length).toBe(0);
  });

  it("gives back the rows of a burst once what it holds and drops has shrunk", () => {
    const runs = new RowStore(RUN_FIELDS);
    for (let seq = 0; seq < 3000; seq++) append(runs, seq);
    expect(runs.capacity).toBe(4096);
    // Dropping the burst itself keeps its rows: the next second may bring as many.
    runs.dropBefore(3000);
    expect(runs.capacity).toBe(4096);
    append(runs, 3000);
    append(runs, 3001);
    runs.dropBefore(runs.head + 1);
    expect(runs.capacity).toBe(64);
    expect(liveSeqs(runs)).toEqual([3001]);
  });

  it("keeps its rows while it fills and empties by the same amount, second after second", () => {
    const runs = new RowStore(RUN_FIELDS);
    let seq = 0;
    const capacities = new Set<number>();
    for (let second = 0; second < 50; second++) {
      for (let i = 0; i < 300; i++) append(runs, seq++);
      runs.dropBefore(runs.end);
      capacities.add(runs.capacity);
    }
    expect([...capacities]).toEqual([512]);
  });
});
