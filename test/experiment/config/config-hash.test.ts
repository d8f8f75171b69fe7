import { readdirSync } from "node:fs";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { RateProfile } from "../../../models/workload/rate-profile.js";
import { configHash } from "../../../src/experiment/config/config-hash.js";
import { loadExperimentFile } from "../../../src/experiment/config/load-experiment.js";

const plainHash = (value: unknown) =>
  bytesToHex(sha256(utf8ToBytes(JSON.stringify(value)))).slice(0, 16);

describe("configHash", () => {
  it("is the hash of JSON.stringify for every shipped experiment (typed arrays as lists)", () => {
    for (const file of readdirSync("experiments").filter((name) => name.endsWith(".yaml"))) {
      const config = loadExperimentFile(`experiments/${file}`);
      const asLists = JSON.parse(
        JSON.stringify(config, (_, value) =>
          ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value,
        ),
      );
      expect(configHash(config), file).toBe(plainHash(asLists));
    }
  });
});

describe("RateProfile", () => {
  it("takes a profile of more steps than a call takes arguments (a sparse trace's rate)", () => {
    const points = Array.from({ length: 500_000 }, (_, i) => ({ atUs: i * 1e6, rate: i % 2 }));
    expect(new RateProfile(points).maxRate).toBe(1);
  });
});
