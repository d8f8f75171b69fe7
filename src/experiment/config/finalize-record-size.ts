import { int } from "../../format/number-format.js";
import type { RecordSizeConfig } from "./config-types.js";
import type { FinalizeContext, ParsedProducer, Path } from "./finalize-context.js";
import { traceRecordSizes } from "./finalize-trace.js";
import { formatBytes } from "./units.js";

/**
 * A record's data blob and partition key together must fit the stream's max record size
 * (kinesis-facts.md §1), so sizes that could exceed it with the producer's longest key are
 * refused here, not throttled forever later. Only a log-normal without `max` is unbounded:
 * its rare records too large for the stream are dropped by the producer (oversize), but a
 * median too large is refused.
 */
export function finalizeRecordSize(
  context: FinalizeContext,
  size: ParsedProducer["recordSize"],
  at: Path,
  keyBytes: number,
): RecordSizeConfig {
  const { profile, check } = context;
  const isMapping = typeof context.rawAt(at) === "object";
  const dataLimit = profile.maxRecordBytes - keyBytes;
  const inRange = (bytes: number, key: string) => {
    const path = isMapping ? [...at, key] : at;
    check(bytes >= 1, path, "a size of at least 1 B");
    check(
      bytes <= dataLimit,
      path,
      `a size up to ${int(dataLimit)} B (the stream's max record size, ${formatBytes(profile.maxRecordBytes)}, counts the partition key too: up to ${keyBytes} B here; stream.maxRecordSize raises it up to ${formatBytes(profile.updateMaxRecordSizeMaxBytes)})`,
    );
  };
  switch (size.distribution) {
    case "fixed":
      inRange(size.size, "size");
      return { distribution: "fixed", bytes: size.size };
    case "uniform":
      inRange(size.min, "min");
      inRange(size.max, "max");
      check(size.min <= size.max, [...at, "min"], `a size at most max (${formatBytes(size.max)})`);
      return { distribution: "uniform", minBytes: size.min, maxBytes: size.max };
    case "lognormal": {
      inRange(size.median, "median");
      if (size.max === undefined) {
        return { distribution: "lognormal", medianBytes: size.median, sigma: size.sigma };
      }
      inRange(size.max, "max");
      check(
        size.median <= size.max,
        [...at, "median"],
        `a size at most max (${formatBytes(size.max)})`,
      );
      return {
        distribution: "lognormal",
        medianBytes: size.median,
        sigma: size.sigma,
        maxBytes: size.max,
      };
    }
    case "trace":
      return traceRecordSizes(size.file, size.format, at, context.readTrace, profile, keyBytes);
  }
}
