/**
 * Writes the sample traces under experiments/traces/ from fixed seeds, so the repository
 * ships no external data and anyone can regenerate them byte for byte:
 *
 *   npm run traces
 *
 * - clickstream.csv: 10 s of a click stream as a producer would log it (time, partition key,
 *   size): 500 records/s of Zipf-distributed user keys (500 users, exponent 1.1), with a
 *   1.5-second burst at 4,000 records/s from 4 s, and log-normal sizes around 600 B.
 * - incoming-per-minute.csv: one hour of a stream's CloudWatch IncomingRecords and
 *   IncomingBytes (Sum per minute), a morning ramp from ~700 to ~1,700 records/s with noise.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { exponential } from "../src/engine/distributions/exponential.js";
import { lognormal } from "../src/engine/distributions/lognormal.js";
import { normal } from "../src/engine/distributions/normal.js";
import { createZipfSampler } from "../src/engine/distributions/zipf.js";
import { randomStream } from "../src/engine/random-streams.js";

const SEED = 20261125;
const directory = join(process.argv[2] ?? "experiments", "traces");

function clickstream(): string {
  const arrivals = randomStream(SEED, "clickstream:arrivals");
  const keys = randomStream(SEED, "clickstream:keys");
  const sizes = randomStream(SEED, "clickstream:sizes");
  const user = createZipfSampler(500, 1.1);
  const rateAt = (seconds: number) => (seconds >= 4 && seconds < 5.5 ? 4000 : 500);
  const lines = ["time,partitionKey,size"];
  // Thinning at the highest rate: candidates at 4,000/s, each kept with rate(t) ÷ 4,000.
  for (let t = exponential(arrivals, 4000); t < 10; t += exponential(arrivals, 4000)) {
    if (arrivals() * 4000 > rateAt(t)) continue;
    const size = Math.max(20, Math.min(20_000, Math.round(lognormal(sizes, Math.log(600), 0.6))));
    lines.push(`${t.toFixed(6)},user-${user(keys)},${size}`);
  }
  return `${lines.join("\n")}\n`;
}

function incomingPerMinute(): string {
  const noise = randomStream(SEED, "cloudwatch:noise");
  const lines = ["Timestamp,IncomingRecords,IncomingBytes"];
  const start = Date.UTC(2026, 10, 2, 8, 0, 0);
  for (let minute = 0; minute < 60; minute++) {
    // A morning ramp: 700 records/s at 08:00 rising to 1,700 at 08:45, then level.
    const ramp = 700 + (1000 * Math.min(minute, 45)) / 45;
    const perSecond = Math.max(0, ramp * (1 + normal(noise, 0, 0.04)));
    const records = Math.round(perSecond * 60);
    const bytesPerRecord = 1000 + 150 * normal(noise, 0, 1);
    const time = new Date(start + minute * 60_000).toISOString().replace(".000Z", "Z");
    lines.push(`${time},${records},${Math.round(records * bytesPerRecord)}`);
  }
  return `${lines.join("\n")}\n`;
}

writeFileSync(join(directory, "clickstream.csv"), clickstream());
writeFileSync(join(directory, "incoming-per-minute.csv"), incomingPerMinute());
process.stdout.write(`wrote ${directory}/clickstream.csv and incoming-per-minute.csv\n`);
