/**
 * Reading the experiment document (YAML as parsed, before validation) without trusting its
 * shape: the sliders read it while the user may still be typing.
 */

export type Doc = Record<string, unknown>;

export function asRecord(value: unknown): Doc | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Doc)
    : undefined;
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function isPolling(consumer: unknown): boolean {
  const record = asRecord(consumer);
  // Without a mode, a KCL application reads by enhanced fan-out (the KCL's default).
  const mode = record?.mode ?? (record?.kcl === undefined ? "polling" : "efo");
  return mode === "polling";
}

/** A record trace brings its own keys; every other producer draws them from `keys`. */
export function drawsKeys(producer: unknown): boolean {
  return asRecord(producer)?.trace === undefined;
}

/** A producer's name for messages: its `name`, or its place in the list. */
export function producerName(producer: unknown, index: number): string {
  const name = asRecord(producer)?.name;
  return typeof name === "string" ? name : `producers[${index}]`;
}
