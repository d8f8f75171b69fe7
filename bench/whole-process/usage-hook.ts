/**
 * Loaded into a timed node child with `--import` (bench/whole-process/time-process.ts): when
 * the child exits, writes its own `process.resourceUsage()` to the file named by
 * KINESIM_BENCH_USAGE. A parent cannot read a finished child's peak resident set from Node,
 * and `/usr/bin/time -v` is not on every machine; this costs the child one small module.
 */
import { writeFileSync } from "node:fs";

const out = process.env.KINESIM_BENCH_USAGE;
if (out !== undefined && out !== "") {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({
        maxRssKiB: usage.maxRSS,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      }),
    );
  });
}
