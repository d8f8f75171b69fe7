import * as z from "zod";
import { experimentFileSchema } from "./schema.js";

/**
 * The JSON Schema (draft 2020-12) of the experiment file as users write it: durations and
 * sizes appear as the strings they are written as, defaults as written. Every key carries
 * a description. `kinesim schema` prints it; editors can use it for completion.
 *
 * @example
 * writeFileSync("experiment.schema.json", JSON.stringify(experimentJsonSchema(), null, 2));
 */
export function experimentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(experimentFileSchema, { io: "input", unrepresentable: "any" });
  return {
    ...schema,
    title: "kinesim experiment",
    description:
      "A kinesim experiment: a Kinesis Data Streams stream, its producers and consumers, and scheduled events. " +
      "Durations are strings like 250ms, 5m, 24h; sizes are strings like 1KB (1000 B) or 1MiB (1024 KiB), or numbers of bytes.",
  };
}
