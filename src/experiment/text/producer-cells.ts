import { count } from "../../format/number-format.js";
import type { ProducerResult } from "../run/result-types.js";

/**
 * A producer's row, as the summary and the HTML report both show it: name, offered,
 * accepted, throttled attempts, retries, dropped, put calls.
 */
export function producerCells(p: ProducerResult): string[] {
  return [
    p.name,
    count(p.offered),
    count(p.accepted),
    count(p.throttledAttempts),
    count(p.retries),
    count(p.dropped),
    count(p.putCalls),
  ];
}
