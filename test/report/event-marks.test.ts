import { describe, expect, it } from "vitest";
import type { OperationResult, RunEvent } from "../../src/experiment/run/result-types.js";
import {
  type EventMark,
  eventMarks,
  eventMarksLayer,
  GROUP_PX,
  groupLabel,
  groupMarks,
} from "../../src/report/event-marks.js";
import { markupProblems } from "./well-formed.js";

const op = (fields: Partial<OperationResult>): OperationResult => ({
  atSeconds: 0,
  origin: "events",
  outcome: "completed",
  completedAtSeconds: null,
  opened: [],
  closed: [],
  ...fields,
});

const stop: RunEvent = {
  atSeconds: 60,
  kind: "stopConsumer",
  target: "archiver",
  text: "consumer application archiver stopped",
};

/** Marks' lines as [x, data-count], read back from the markup. */
function lines(markup: string): { x: number; count: number; label: string }[] {
  return [
    ...markup.matchAll(
      /<g data-event-mark="([^"]*)" data-at-seconds="[^"]*" data-count="(\d+)"><title>[^<]*<\/title><line x1="([\d.]+)"/g,
    ),
  ].map((m) => ({ label: m[1] ?? "", count: Number(m[2]), x: Number(m[3]) }));
}

describe("eventMarks", () => {
  it("marks a stop and a start, a split when requested and when done, and a rejection", () => {
    const marks = eventMarks({
      events: [stop, { ...stop, atSeconds: 300, kind: "startConsumer", text: "started" }],
      operations: [
        op({ atSeconds: 120, split: "shardId-000000000002", completedAtSeconds: 152.5 }),
        op({
          atSeconds: 200,
          updateShardCount: 16,
          outcome: "rejected",
          error: "LimitExceededException",
        }),
      ],
    });
    expect(marks.map((m) => [m.atSeconds, m.label, m.dashed])).toEqual([
      [60, "stop archiver", false],
      [120, "split shard 2", true],
      [152.5, "split shard 2 done", false],
      [200, "→ 16 shards rejected", true],
      [300, "start archiver", false],
    ]);
    expect(marks[1]?.text).toBe(
      "the experiment requested a split of shardId-000000000002; completed at 2:33",
    );
    expect(marks[3]?.text).toContain("LimitExceededException");
  });

  it("gives an operation completed the instant it was made (on-demand) one mark, not two", () => {
    const marks = eventMarks({
      operations: [
        op({ atSeconds: 10, origin: "on-demand", split: "shardId-7", completedAtSeconds: 10 }),
      ],
    });
    expect(marks).toHaveLength(1);
    expect(marks[0]?.text).toBe("on-demand requested a split of shardId-7; completed at once");
  });

  it("reads a result written before `events` existed (operations only)", () => {
    expect(eventMarks({ operations: [] })).toEqual([]);
  });
});

describe("eventMarksLayer", () => {
  const x = (seconds: number) => seconds; // one pixel per second
  const mark = (atSeconds: number, label = `m${atSeconds}`): EventMark => ({
    atSeconds,
    label,
    text: label,
    noun: "split",
    color: "#000",
    dashed: false,
  });

  it("draws one line per mark at its x, labelled, with a tooltip", () => {
    const svg = eventMarksLayer([mark(100, "stop a"), mark(400, "start a")], x, 800, 200);
    expect(markupProblems(svg)).toEqual([]);
    expect(lines(svg)).toEqual([
      { label: "stop a", count: 1, x: 100 },
      { label: "start a", count: 1, x: 400 },
    ]);
    expect(svg).toContain("<title>1:40 stop a</title>");
    expect(svg.match(/<text/g)).toHaveLength(2);
  });

  it("draws nothing for no marks", () => {
    expect(eventMarksLayer([], x, 800, 200)).toBe("");
  });

  it("can leave the labels to another panel", () => {
    expect(eventMarksLayer([mark(100)], x, 800, 200, false)).not.toContain("<text");
  });

  it("puts a label near the right edge on the left of its line", () => {
    const svg = eventMarksLayer([mark(790, "late")], x, 800, 200);
    expect(svg).toMatch(/<text x="787"[^>]*text-anchor="end"/);
  });

  it("keeps a 1,000-step autoscaling run legible: few lines, no overlapping labels", () => {
    // 2,000 marks (each step requested and completed) over 800 px.
    const marks = Array.from({ length: 2000 }, (_, i) => mark(i * 0.4, `→ ${i} shards`));
    const svg = eventMarksLayer(marks, x, 800, 200);
    expect(markupProblems(svg)).toEqual([]);
    const drawn = lines(svg);
    // Lines at least GROUP_PX apart: at most 800 / GROUP_PX of them, every mark in one.
    expect(drawn.length).toBeLessThanOrEqual(800 / GROUP_PX + 1);
    expect(drawn.reduce((sum, line) => sum + line.count, 0)).toBe(2000);
    for (let i = 1; i < drawn.length; i++) {
      expect((drawn[i]?.x ?? 0) - (drawn[i - 1]?.x ?? 0)).toBeGreaterThanOrEqual(GROUP_PX);
    }
    // Labels in two rows, each row's labels apart by at least their estimated width.
    const texts = [...svg.matchAll(/<text x="([\d.]+)" y="(\d+)"[^>]*>([^<]*)<\/text>/g)].map(
      (m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] ?? "" }),
    );
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.length).toBeLessThan(40);
    for (const row of new Set(texts.map((t) => t.y))) {
      const inRow = texts.filter((t) => t.y === row);
      for (let i = 1; i < inRow.length; i++) {
        const previous = inRow[i - 1] as (typeof inRow)[number];
        expect(inRow[i]?.x ?? 0).toBeGreaterThan(previous.x + previous.text.length * 5);
      }
    }
    // A group's tooltip lists a dozen and counts the rest.
    const crowded = eventMarksLayer(marks.slice(0, 20), () => 0, 800, 200);
    expect(crowded).toContain("… and 8 more");
    expect(crowded).toContain(">20 splits</text>");
  });
});

describe("groupMarks and groupLabel", () => {
  const at = (atSeconds: number, noun: string): EventMark => ({
    atSeconds,
    label: noun,
    text: noun,
    noun,
    color: "#000",
    dashed: false,
  });

  it("groups marks closer than GROUP_PX to a group's first line", () => {
    const groups = groupMarks([at(0, "a"), at(3, "a"), at(4, "a"), at(7.9, "a")], (s) => s);
    expect(groups.map((g) => [g.x, g.marks.length])).toEqual([
      [0, 2],
      [4, 2],
    ]);
  });

  it("names a group by its kind when all share one", () => {
    expect(groupLabel([at(0, "split"), at(0, "split")])).toBe("2 splits");
    expect(groupLabel([at(0, "split"), at(0, "stop")])).toBe("2 events");
  });
});
