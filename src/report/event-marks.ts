import type { OperationResult, RunResult } from "../experiment/run/result-types.js";
import { clock } from "../format/number-format.js";
import { escapeMarkup } from "./escape.js";
import { LIMIT, MUTED } from "./palette.js";
import { shortShardId } from "./shard-label.js";
import { attributes, label, tag } from "./svg.js";

/** Something that happened at one instant of the run, to mark on every chart over time. */
export interface EventMark {
  atSeconds: number;
  /** A few words beside the line, e.g. "stop archiver". */
  label: string;
  /** The whole sentence, for the tooltip. */
  text: string;
  /** What kind of thing, as a noun for a group of them: "split" → "3 splits". */
  noun: string;
  color: string;
  /** Requested, not yet done (a resharding request): drawn dashed. */
  dashed: boolean;
}

const STOP = LIMIT;
const START = "#59a14f";
const RESHARD = "#6a51a3";
const SPIKE = "#f28e2b";

/**
 * Every mark of a result, in time order: the experiment's consumer and worker stops and starts
 * and producer spikes (`events`), and each resharding request (`operations`, by the file,
 * autoscaling or on-demand scaling) when it was made and when it completed or was rejected.
 */
export function eventMarks(result: Pick<RunResult, "events" | "operations">): EventMark[] {
  const marks: EventMark[] = [];
  for (const event of result.events ?? []) {
    const stop = event.kind === "stopConsumer" || event.kind === "stopWorker";
    const verb = event.kind === "spike" ? "spike" : stop ? "stop" : "start";
    marks.push({
      atSeconds: event.atSeconds,
      label: `${verb} ${event.target}`,
      noun: verb,
      text: event.text,
      color: event.kind === "spike" ? SPIKE : stop ? STOP : START,
      dashed: false,
    });
  }
  for (const op of result.operations) marks.push(...operationMarks(op));
  // Stable: marks at one instant keep the order above (events, then operations as made).
  return marks.sort((a, b) => a.atSeconds - b.atSeconds);
}

function operationMarks(op: OperationResult): EventMark[] {
  const what = operationWords(op);
  const who = op.origin === "events" ? "the experiment" : op.origin;
  const requested = `${who} requested ${what.long}`;
  if (op.outcome === "rejected") {
    return [
      {
        atSeconds: op.atSeconds,
        label: `${what.short} rejected`,
        noun: "rejected request",
        text: `${requested}; rejected${op.error === undefined ? "" : ` (${op.error})`}`,
        color: MUTED,
        dashed: true,
      },
    ];
  }
  // On-demand scaling (kinesis-facts.md §6) completes when it is made: one mark, not two.
  if (op.completedAtSeconds === op.atSeconds) {
    return [
      {
        atSeconds: op.atSeconds,
        label: what.short,
        noun: what.noun,
        text: `${requested}; completed at once`,
        color: RESHARD,
        dashed: false,
      },
    ];
  }
  const marks: EventMark[] = [
    {
      atSeconds: op.atSeconds,
      label: what.short,
      noun: `${what.noun} request`,
      text:
        op.completedAtSeconds === null
          ? `${requested}; still in progress at the end`
          : `${requested}; completed at ${clock(op.completedAtSeconds)}`,
      color: RESHARD,
      dashed: true,
    },
  ];
  if (op.completedAtSeconds !== null) {
    marks.push({
      atSeconds: op.completedAtSeconds,
      label: `${what.short} done`,
      noun: `completed ${what.noun}`,
      text: `${what.long} (requested by ${who} at ${clock(op.atSeconds)}) completed`,
      color: RESHARD,
      dashed: false,
    });
  }
  return marks;
}

/** SplitShard, MergeShards and UpdateShardCount (kinesis-facts.md §5) in a few words. */
function operationWords(op: OperationResult): { short: string; long: string; noun: string } {
  if (op.split !== undefined) {
    return {
      short: `split ${shortShardId(op.split)}`,
      long: `a split of ${op.split}`,
      noun: "split",
    };
  }
  if (op.merge !== undefined) {
    const [a = "", b = ""] = op.merge;
    return {
      short: `merge ${shortShardId(a)}+${shortShardId(b).replace("shard ", "")}`,
      long: `a merge of ${a} and ${b}`,
      noun: "merge",
    };
  }
  const target = op.updateShardCount ?? 0;
  return {
    short: `→ ${target} shards`,
    long: `UpdateShardCount to ${target} shards`,
    noun: "UpdateShardCount",
  };
}

/** Marks closer than this (px) share one line: a 1,000-step autoscaling run stays legible. */
export const GROUP_PX = 4;
/** Lines listed in one group's tooltip; the rest are counted. */
const TOOLTIP_LINES = 12;
const LABEL_ROWS = [10, 21];
/** A 9 px label's width per character, roughly: enough to keep labels from overlapping. */
const CHAR_PX = 5.2;

/** Marks that share one line on the chart. */
interface MarkGroup {
  x: number;
  marks: EventMark[];
}

/** Groups marks (in time order) whose lines would be within {@link GROUP_PX} of the first. */
export function groupMarks(
  marks: readonly EventMark[],
  x: (seconds: number) => number,
): MarkGroup[] {
  const groups: MarkGroup[] = [];
  for (const mark of marks) {
    const at = x(mark.atSeconds);
    const last = groups[groups.length - 1];
    if (last !== undefined && at - last.x < GROUP_PX) last.marks.push(mark);
    else groups.push({ x: at, marks: [mark] });
  }
  return groups;
}

/**
 * The marks as thin vertical lines over a plot area `width` × `height` (origin at its
 * top-left), each with a tooltip (<title>) and, where there is room, a short label near the
 * top. Lines within a few pixels are one line ("5 events", every one in its tooltip); labels
 * that would overlap another are left out (the tooltip still tells), never drawn on top of
 * each other. `labels: false` draws only the lines (a panel stacked under one with labels).
 */
export function eventMarksLayer(
  marks: readonly EventMark[],
  x: (seconds: number) => number,
  width: number,
  height: number,
  labels = true,
): string {
  if (marks.length === 0) return "";
  const rowEnds = LABEL_ROWS.map(() => Number.NEGATIVE_INFINITY);
  let markup = "";
  for (const group of groupMarks(marks, x)) {
    const first = group.marks[0] as EventMark;
    const single = group.marks.length === 1;
    const color = group.marks.every((m) => m.color === first.color) ? first.color : MUTED;
    const text = single ? first.label : groupLabel(group.marks);
    let body = `<title>${escapeMarkup(tooltip(group.marks))}</title>`;
    body += tag("line", {
      x1: group.x,
      x2: group.x,
      y1: 0,
      y2: height,
      stroke: color,
      "stroke-width": 1,
      "stroke-opacity": 0.8,
      ...(group.marks.every((m) => m.dashed) ? { "stroke-dasharray": "3 2" } : {}),
    });
    // A wider invisible line under the pointer, so the tooltip is easy to reach.
    body += tag("line", {
      x1: group.x,
      x2: group.x,
      y1: 0,
      y2: height,
      stroke: "transparent",
      "stroke-width": 6,
    });
    if (labels) body += placeLabel(group.x, text, color, width, rowEnds);
    markup += `<g${attributes({
      "data-event-mark": single ? first.label : text,
      "data-at-seconds": String(first.atSeconds),
      "data-count": group.marks.length,
    })}>${body}</g>`;
  }
  return `<g data-event-marks="">${markup}</g>`;
}

/** A label right of the line (left of it near the right edge) in the first row with room. */
function placeLabel(
  x: number,
  text: string,
  color: string,
  width: number,
  rowEnds: number[],
): string {
  const textWidth = text.length * CHAR_PX;
  const leftward = x + 3 + textWidth > width;
  const from = leftward ? x - 3 - textWidth : x + 3;
  const row = rowEnds.findIndex((end) => from > end + 4);
  if (row < 0 || from < 0) return "";
  rowEnds[row] = from + textWidth;
  return label(leftward ? x - 3 : x + 3, LABEL_ROWS[row] as number, text, {
    "text-anchor": leftward ? "end" : "start",
    fill: color,
    "font-size": 9,
    stroke: "#fff",
    "stroke-width": 3,
    "paint-order": "stroke",
  });
}

/** "3 splits" when a group's marks are of one kind, else "5 events". */
export function groupLabel(marks: readonly EventMark[]): string {
  const noun = marks[0]?.noun;
  const same = marks.every((m) => m.noun === noun);
  return `${marks.length} ${same ? `${noun}s` : "events"}`;
}

function tooltip(marks: readonly EventMark[]): string {
  const lines = marks.slice(0, TOOLTIP_LINES).map((m) => `${clock(m.atSeconds)} ${m.text}`);
  if (marks.length > TOOLTIP_LINES) lines.push(`… and ${marks.length - TOOLTIP_LINES} more`);
  return lines.join("\n");
}
