import { describe, expect, it } from "vitest";
import type { RunResult } from "../../../src/experiment/run/result-types.js";
import { latencyLines } from "../../../src/experiment/text/latency-lines.js";
import { renderSummary } from "../../../src/experiment/text/render-summary.js";
import { ms } from "../../../src/format/number-format.js";
import { runText } from "../../helpers/experiment.js";
import { checkHeadline, checkWidth } from "../../helpers/summary-shape.js";

// A short run with two polling applications (one slow: a poll every 5 s) and one reading by
// enhanced fan-out, whose latencies differ by an order of magnitude.
const mixed = runText(`
seed: 3
duration: 30s
stream: { shards: 1 }
producers:
  - { name: app, rate: 100, recordSize: 500B, keys: { distribution: uniform, cardinality: 1000 } }
consumers:
  - { name: fast-poll, pollInterval: 200ms, startAt: TRIM_HORIZON }
  - { name: slow-poll, pollInterval: 5s, startAt: TRIM_HORIZON }
  - { name: push, mode: efo, startAt: TRIM_HORIZON }
`);

const consumerNamed = (name: string) => {
  const found = mixed.consumers.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
};

/** The same run as if only `name` had been reading: its own latency is the run's. */
function onlyConsumer(name: string): RunResult {
  const c = consumerNamed(name);
  return { ...mixed, consumers: [c], latencyMs: c.latencyMs, latencyCdf: c.latencyCdf ?? [] };
}

const NOTHING = { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };

describe("the summary's latency headline says whose latency it is", () => {
  it("one application: its percentiles, then its name in brackets", () => {
    const lines = latencyLines(onlyConsumer("push"), 80);
    expect(lines).toHaveLength(1);
    const p50 = consumerNamed("push").latencyMs.p50;
    expect(lines[0]).toMatch(/^ {2}latency {7}p50 [\d.]+ ms {2}p90 .* {2}\(push\)$/);
    expect(lines[0]).toContain(`p50 ${ms(p50)}`);
  });

  it("one application with a long name: the name goes on the next line, within 80 columns", () => {
    const long = "a-consumer-application-with-a-long-name";
    const result = onlyConsumer("slow-poll");
    const renamed = { ...result, consumers: [{ ...consumerNamed("slow-poll"), name: long }] };
    const lines = latencyLines(renamed, 80);
    expect(lines).toHaveLength(2);
    expect(lines[0]).not.toContain(long);
    expect(lines[1]).toBe(`                (records received by ${long})`);
    checkWidth(lines.join("\n"));
    // Longer still: the name alone.
    const longer = `${long}-and-more-words`;
    const alone = latencyLines(
      { ...result, consumers: [{ ...consumerNamed("slow-poll"), name: longer }] },
      80,
    );
    expect(alone[1]).toBe(`                (${longer})`);
    checkWidth(alone.join("\n"));
  });

  it("several applications: the pooled numbers said to be pooled, then one line per mode", () => {
    const lines = latencyLines(mixed, 80);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ {2}latency {7}p50 /);
    expect(lines[1]).toBe("                all 3 applications' records pooled; by mode:");
    // Polling: the range of the two applications' p50 and p99, low to high.
    const fast = consumerNamed("fast-poll").latencyMs;
    const slow = consumerNamed("slow-poll").latencyMs;
    expect(fast.p50).toBeLessThan(slow.p50);
    expect(lines[2]).toMatch(/^ {4}2 polling {3}p50 [\d,.]+ ms to [\d,.]+ (ms|s) {2}p99 .+ to .+$/);
    // EFO: one application, so one value each, no range.
    expect(lines[3]).toMatch(/^ {4}1 EFO {7}p50 [\d.]+ ms {2}p99 [\d.]+ ms$/);
    expect(lines[3]).not.toContain(" to ");
  });

  it("two applications read as 'both'", () => {
    const two = { ...mixed, consumers: mixed.consumers.slice(0, 2) };
    expect(latencyLines(two, 80)[1]).toBe(
      "                both applications' records pooled; by mode:",
    );
  });

  it("a mode whose applications received nothing says so", () => {
    const silent = {
      ...mixed,
      consumers: mixed.consumers.map((c) =>
        c.mode === "efo" ? { ...c, latencyMs: NOTHING, latencyCdf: [] } : c,
      ),
    };
    expect(latencyLines(silent, 80)[3]).toBe("    1 EFO       no records delivered");
  });

  it("nothing delivered: to whom, or that there is no consumer at all", () => {
    const none = { ...mixed, latencyMs: NOTHING, latencyCdf: [] };
    expect(latencyLines(none, 80)).toEqual([
      "  latency       no records delivered to any of 3 applications",
    ]);
    const one = { ...none, consumers: [consumerNamed("push")] };
    expect(latencyLines(one, 80)).toEqual(["  latency       no records delivered to push"]);
    expect(latencyLines({ ...none, consumers: [] }, 80)).toEqual([
      "  latency       no records delivered (no consumer application)",
    ]);
  });

  it("in the whole summary: right after data loss, the numbers checked, within 80 columns", () => {
    const text = renderSummary(mixed);
    checkHeadline(text, mixed);
    checkWidth(text);
    const lines = text.split("\n");
    const at = lines.findIndex((line) => line.startsWith("  latency"));
    expect(lines[at - 1]).toMatch(/^ {2}data loss/);
    expect(lines[at + 4]).toMatch(/^ {2}cost/);
  });
});
