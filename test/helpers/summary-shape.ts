import { expect } from "vitest";
import type { RunResult } from "../../src/experiment/run/result-types.js";

/*
 * What every terminal summary must be (src/experiment/text/render-summary.ts): lines within 80
 * columns, a headline that carries the result's own numbers (parsed back here, independently of
 * the renderer), and a table row for every shard (or the hottest 16) and consumer. Shared by
 * the renderer's tests and by the catalogue run, which checks every shipped experiment's
 * summary on the run it makes anyway.
 */

/** Display columns of a line: one per code point (the summary uses no wide characters). */
const columns = (line: string) => [...line].length;

/** A count as printed: every digit ("1,350,018") or three figures and a unit ("12.6 M"). */
const COUNT = String.raw`(\d{1,3}(?:,\d{3})*(?:\.\d+)?(?: [MBT])?)`;

const COUNT_UNITS: Record<string, number> = { M: 1e6, B: 1e9, T: 1e12 };

/**
 * Checks that `text` has `before` COUNT `after` with the count showing `value`: exactly when
 * every digit is printed, else within half its last figure (read back independently of the
 * renderer's formatter).
 */
function expectCount(text: string, before: string, value: number, after = ""): void {
  const literal = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${literal(before)}${COUNT}${literal(after)}`).exec(text);
  if (match === null) throw new Error(`no "${before}<count>${after}" in "${text}"`);
  const shown = (match[1] as string).trim();
  const scaled = /^([\d.]+) ([MBT])$/.exec(shown);
  if (scaled === null) {
    expect(shown, text).toBe(Math.round(value).toLocaleString("en-US"));
    return;
  }
  const unit = COUNT_UNITS[scaled[2] as string] as number;
  const decimals = (scaled[1] as string).split(".")[1]?.length ?? 0;
  // Counts below 10 M print every digit; above, the figure is the value rounded.
  expect(value, text).toBeGreaterThanOrEqual(1e7);
  expect(Math.abs(Number(scaled[1]) * unit - value), text).toBeLessThanOrEqual(
    0.5 * 10 ** -decimals * unit,
  );
}

/** The headline row that starts with `label`. */
function headline(text: string, label: string): string {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`  ${label}`));
  if (line === undefined) throw new Error(`no "${label}" line in:\n${text}`);
  return line;
}

/** A percentage as printed ("55.23 %") and half its last digit's unit, as a fraction. */
function parsePercent(text: string): { value: number; tolerance: number } {
  const match = /(\d+\.(\d+)) %/.exec(text);
  if (match === null) throw new Error(`no percentage in "${text}"`);
  const decimals = (match[2] as string).length;
  return { value: Number(match[1]) / 100, tolerance: (0.5 * 10 ** -decimals) / 100 };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/** A duration as printed ("1,001 ms", "12.3 s", "1.5 min") in ms, with its rounding. */
function parseDuration(text: string): { ms: number; tolerance: number } {
  const match = /^([\d,]+(?:\.(\d+))?) (ms|s|min|h)$/.exec(text.trim());
  if (match === null) throw new Error(`not a duration: "${text}"`);
  const unit = UNIT_MS[match[3] as string] as number;
  const decimals = match[2]?.length ?? 0;
  return {
    ms: Number((match[1] as string).replaceAll(",", "")) * unit,
    tolerance: 0.5 * 10 ** -decimals * unit,
  };
}

/** Checks the headline against the result's own numbers. */
export function checkHeadline(text: string, result: RunResult): void {
  const r = result.records;
  const throttle = headline(text, "throttle rate");
  const rate = parsePercent(throttle);
  expect(Math.abs(rate.value - result.throttleRate)).toBeLessThanOrEqual(rate.tolerance + 1e-12);
  expectCount(throttle, "(", r.throttledAttempts, " of ");
  expectCount(throttle, " of ", r.accepted + r.throttledAttempts, " put attempts");

  const loss = headline(text, "data loss");
  const lossFraction = parsePercent(loss);
  expect(Math.abs(lossFraction.value - result.dataLoss.fraction)).toBeLessThanOrEqual(
    lossFraction.tolerance + 1e-12,
  );
  expectCount(loss, "(", result.dataLoss.records, " records");
  expectCount(loss, "dropped ", result.dataLoss.dropped);
  expectCount(loss, "expired ", result.dataLoss.expiredUnread);

  const latency = headline(text, "latency");
  if (result.latencyMs.count === 0) {
    expect(latency).toContain("no records delivered");
  } else {
    checkWhose(text, result);
    for (const name of ["p50", "p90", "p99", "max"] as const) {
      const match = new RegExp(`${name} ([\\d,.]+ (?:ms|s|min|h))`).exec(latency);
      if (match === null) throw new Error(`no ${name} in "${latency}"`);
      const shown = parseDuration(match[1] as string);
      expect(Math.abs(shown.ms - result.latencyMs[name])).toBeLessThanOrEqual(
        shown.tolerance + 1e-9,
      );
    }
  }

  const cost = headline(text, "cost");
  const usd = /\$(\d+\.(\d+))/.exec(cost);
  if (usd === null) throw new Error(`no cost in "${cost}"`);
  expect(Math.abs(Number(usd[1]) - result.cost.usd)).toBeLessThanOrEqual(
    0.5 * 10 ** -(usd[2] as string).length + 1e-12,
  );

  const records = headline(text, "records");
  expectCount(records, "offered ", r.offered);
  expectCount(records, "accepted ", r.accepted);
}

/**
 * The latency headline says whose it is: one application's name right after the numbers, or
 * that several applications' records are pooled, followed by one line per consumer mode.
 */
function checkWhose(text: string, result: RunResult): void {
  const lines = text.split("\n");
  const at = lines.findIndex((line) => line.startsWith("  latency"));
  const after = `${lines[at]}\n${lines[at + 1]}`;
  if (result.consumers.length === 1) {
    expect(after).toContain(result.consumers[0]?.name);
    return;
  }
  expect(lines[at + 1]).toContain(
    `${result.consumers.length === 2 ? "both" : `all ${result.consumers.length}`} applications' records pooled`,
  );
  const modes = new Set(result.consumers.map((c) => c.mode));
  const modeLines = lines.slice(at + 2, at + 2 + modes.size);
  for (const mode of modes) {
    const count = result.consumers.filter((c) => c.mode === mode).length;
    const name = mode === "efo" ? "EFO" : "polling";
    expect(modeLines.some((line) => line.startsWith(`    ${count} ${name} `))).toBe(true);
  }
}

export function checkWidth(text: string): void {
  const wide = text.split("\n").filter((line) => columns(line) > 80);
  expect(wide).toEqual([]);
}

/** A shipped experiment's summary: width, headline, headline order, every shard and consumer. */
export function checkSummaryShape(text: string, result: RunResult): void {
  expect(text.endsWith("\n")).toBe(true);
  checkWidth(text);
  checkHeadline(text, result);
  const lines = text.split("\n");
  expect(lines[0]).toBe(`${result.name} · seed ${result.seed} · kinesim ${result.version}`);
  // Headline order: throttling, data loss, latency, cost.
  const order = ["throttle rate", "data loss", "latency", "cost"].map((label) =>
    lines.findIndex((line) => line.startsWith(`  ${label}`)),
  );
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(Math.min(...order)).toBeGreaterThan(0);
  // Every shard (or, past 16, the hottest 16 and a count of the rest) and every
  // consumer appears in its table.
  if (result.shards.length <= 16) {
    for (const shard of result.shards) expect(text).toContain(shard.shardId);
  } else {
    expect(text).toContain(`… ${result.shards.length - 16} more shards`);
  }
  for (const c of result.consumers) expect(text).toContain(`  ${c.name} `);
}
