import { KCL_DEFAULTS } from "../../../models/consumers/kcl/kcl-defaults.js";
import type { ConsumerConfig } from "./config-types.js";
import { finalizeConsumerStart } from "./finalize-consumer-start.js";
import type { FinalizeContext } from "./finalize-context.js";
import { finalizeKcl } from "./finalize-kcl.js";
import { failAt as fail } from "./format-error.js";

type ParsedConsumer = FinalizeContext["file"]["consumers"][number];

/** `consumers:` each entry, then the profile's enhanced fan-out consumers per stream. */
export function finalizeConsumers(context: FinalizeContext): ConsumerConfig[] {
  const { file, profile } = context;
  const consumers = file.consumers.map((c, i) => finalizeConsumer(context, c, i));
  const efoConsumers = consumers.filter((c) => c.mode === "efo").length;
  // On-demand Advantage raises the enhanced fan-out consumers per stream (kinesis-facts.md §3).
  const advantage = file.stream.mode === "on-demand-advantage";
  const efoLimitField = advantage
    ? "onDemandAdvantageEfoMaxConsumersPerStream"
    : "efoMaxConsumersPerStream";
  if (efoConsumers > profile[efoLimitField]) {
    fail(
      ["consumers"],
      `${efoConsumers} enhanced fan-out consumers; a stream takes at most ${profile[efoLimitField]}${advantage ? " with On-demand Advantage" : ""} (limits.${efoLimitField})`,
    );
  }
  return consumers;
}

function finalizeConsumer(context: FinalizeContext, c: ParsedConsumer, i: number): ConsumerConfig {
  const { file, profile, check } = context;
  // A KCL application reads by enhanced fan-out unless it says polling (kinesis-facts.md §3).
  const mode = c.mode ?? (c.kcl === undefined ? "polling" : "efo");
  const kcl = c.kcl === undefined ? undefined : finalizeKcl(c.kcl, ["consumers", i, "kcl"]);
  const start = finalizeConsumerStart(c, i, file.duration);
  if (mode === "efo") {
    for (const key of ["pollInterval", "maxRecords", "readBackoff"]) {
      if (context.rawAt(["consumers", i, key]) !== undefined) {
        fail(["consumers", i, key], "only for polling consumers (enhanced fan-out pushes records)");
      }
    }
    return {
      name: c.name,
      mode: "efo",
      ...start,
      processing: {
        perRecord: c.processingTime,
        perBatch: c.batchProcessingTime,
        maxInFlight: c.maxInFlight ?? Number.MAX_SAFE_INTEGER,
      },
      parentPollIntervalUs: c.parentPollInterval,
      propagationDelayUs: c.propagationDelay ?? profile.efoPropagationDelayUs,
      ...(kcl === undefined ? {} : { kcl }),
    };
  }
  if (c.propagationDelay !== undefined) {
    fail(["consumers", i, "propagationDelay"], "only for enhanced fan-out consumers (mode: efo)");
  }
  const maxRecords = c.maxRecords ?? profile.getRecordsMaxRecords;
  check(
    maxRecords <= profile.getRecordsMaxRecords,
    ["consumers", i, "maxRecords"],
    `an integer between 1 and ${profile.getRecordsMaxRecords}`,
  );
  return {
    name: c.name,
    mode: "polling",
    // A KCL application polls at the KCL's idle time unless the file says otherwise.
    pollIntervalUs:
      kcl !== undefined && context.rawAt(["consumers", i, "pollInterval"]) === undefined
        ? KCL_DEFAULTS.pollIntervalUs
        : c.pollInterval,
    ...start,
    maxRecords,
    processing: {
      perRecord: c.processingTime,
      perBatch: c.batchProcessingTime,
      // Without a bound of its own, a fetch holds what one GetRecords returns.
      maxInFlight: c.maxInFlight ?? Number.MAX_SAFE_INTEGER,
    },
    readBackoffUs: c.readBackoff,
    parentPollIntervalUs: c.parentPollInterval,
    ...(kcl === undefined ? {} : { kcl }),
  };
}
