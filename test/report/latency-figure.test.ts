import { describe, expect, it } from "vitest";
import type { ConsumerResult, RunResult } from "../../src/experiment/run/result-types.js";
import { latencyFigure, MAX_NAMED_CURVES } from "../../src/report/latency-figure.js";
import { runText } from "../helpers/experiment.js";
import { markupProblems } from "./well-formed.js";

// Two polling applications and one reading by enhanced fan-out on one shard.
const mixed = runText(`
seed: 5
duration: 20s
stream: { shards: 1 }
producers:
  - { name: app, rate: 50, recordSize: 500B, keys: { distribution: uniform, cardinality: 1000 } }
consumers:
  - { name: poll-a, pollInterval: 200ms, startAt: TRIM_HORIZON }
  - { name: poll-b, pollInterval: 2s, startAt: TRIM_HORIZON }
  - { name: push, mode: efo, startAt: TRIM_HORIZON }
`);

/** The curves drawn: each path's label and colour. */
function curves(svg: string): { label: string; color: string }[] {
  return [
    ...svg.matchAll(/<path class="cdf-curve" data-label="([^"]*)"[^>]* stroke="([^"]*)"/g),
  ].map((match) => ({
    label: (match[1] as string).replaceAll("&#39;", "'"),
    color: match[2] as string,
  }));
}

/** The legend's labels, in order: each sits beside its swatch, 19 units right of it. */
function legendLabels(svg: string): string[] {
  const legend = svg.slice(svg.indexOf('class="legend"'));
  return [...legend.matchAll(/<text x="19" y="10"[^>]*>([^<]*)<\/text>/g)].map(
    (match) => match[1] as string,
  );
}

describe("the report's latency distribution, per consumer application", () => {
  it("draws one curve per application, each in its own colour and named in the legend", () => {
    const figure = latencyFigure(mixed);
    if (figure === undefined) throw new Error("no figure");
    expect(markupProblems(figure.svg)).toEqual([]);
    const drawn = curves(figure.svg);
    expect(drawn.map((c) => c.label)).toEqual(["poll-a", "poll-b", "push"]);
    expect(new Set(drawn.map((c) => c.color)).size).toBe(3);
    expect(legendLabels(figure.svg)).toEqual(["poll-a", "poll-b", "push"]);
    // No pooled curve: it would blur the three into one.
    expect(figure.svg).not.toContain("pooled");
    expect(figure.title).toBe("Latency distribution per consumer application");
    expect(figure.caption).toContain("for the 2 polling applications");
    expect(figure.caption).toContain("for the EFO application.");
    expect(figure.caption).toContain("All 3 applications' ");
  });

  it("leaves out an application that received nothing, and says so", () => {
    const silent: RunResult = {
      ...mixed,
      consumers: mixed.consumers.map((c) =>
        c.name === "poll-b" ? { ...c, latencyCdf: [], latencyMs: { ...c.latencyMs, count: 0 } } : c,
      ),
    };
    const figure = latencyFigure(silent);
    expect(curves(figure?.svg ?? "").map((c) => c.label)).toEqual(["poll-a", "push"]);
    expect(figure?.caption).toContain("No record reached poll-b.");
  });

  it(`past ${MAX_NAMED_CURVES} applications: still one curve each, one colour and legend entry per mode`, () => {
    const many: ConsumerResult[] = Array.from({ length: 24 }, (_, i) => {
      const model = mixed.consumers[i % 3] as ConsumerResult;
      return { ...model, name: `${model.name}-${i}` };
    });
    const figure = latencyFigure({ ...mixed, consumers: many });
    const drawn = curves(figure?.svg ?? "");
    expect(drawn).toHaveLength(24);
    const colorOf = (mode: string) =>
      new Set(drawn.filter((_, i) => many[i]?.mode === mode).map((c) => c.color));
    expect(colorOf("polling").size).toBe(1);
    expect(colorOf("efo").size).toBe(1);
    expect([...colorOf("polling")]).not.toEqual([...colorOf("efo")]);
    expect(legendLabels(figure?.svg ?? "")).toEqual([
      "polling: 16 applications",
      "EFO: 8 applications",
    ]);
  });

  it("one application, or a result saved before applications had their own: the run's curve, labelled whose", () => {
    const one = { ...mixed, consumers: mixed.consumers.slice(2) };
    const single = latencyFigure(one);
    expect(curves(single?.svg ?? "").map((c) => c.label)).toEqual(["records received by push"]);
    expect(single?.svg).toContain("p50 ");
    const old: RunResult = {
      ...mixed,
      consumers: mixed.consumers.map(({ latencyCdf: _dropped, ...rest }) => rest),
    };
    expect(curves(latencyFigure(old)?.svg ?? "").map((c) => c.label)).toEqual([
      "all 3 applications' records pooled",
    ]);
  });

  it("nothing delivered: no figure", () => {
    expect(latencyFigure({ ...mixed, latencyCdf: [] })).toBeUndefined();
  });
});
