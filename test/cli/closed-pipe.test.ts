import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { bin, repoRoot } from "../helpers/cli.js";

/**
 * Runs kinesim with its stdout a pipe whose reader is gone before it writes (as `| head -c 100`
 * leaves it once head has its bytes); resolves with the exit status and all of stderr.
 */
function closeBeforeOutput(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr += text;
    });
    child.stdout.destroy();
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

describe("a reader that closes stdout early", () => {
  for (const args of [["schema"], ["run", "experiments/quickstart.yaml", "--json"]]) {
    it(`kinesim ${args.join(" ")}: exits 0 with nothing on stderr`, async () => {
      const { status, stderr } = await closeBeforeOutput(args);
      expect(stderr).toBe("");
      expect(status).toBe(0);
    });
  }
});
