import { describe, expect, it } from "vitest";
import {
  JSONL_LINES_LIMIT,
  jsonLinesProblem,
} from "../../../src/experiment/cloudwatch/cloudwatch-jsonl.js";

describe("the JSON lines' size limit", () => {
  it("accepts up to the limit and names a period that fits beyond it", () => {
    expect(JSONL_LINES_LIMIT).toBe(2_000_000);
    expect(jsonLinesProblem(1000, 2000, 60)).toBeUndefined();
    // 1,000 × 2,001 = 2,001,000 lines; at 2 min the periods halve, which fits.
    expect(jsonLinesProblem(1000, 2001, 60)).toBe(
      "--format cloudwatch-jsonl: up to 2,001,000 data points (1,000 metrics × 2,001 periods of 60 s), above the limit of 2,000,000 lines; use --period 2m or coarser",
    );
  });
});
