import { experimentJsonSchema } from "../../experiment/config/json-schema.js";

/** `kinesim schema`: the JSON Schema of experiment files. */
export function schemaCommand(): void {
  process.stdout.write(`${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
}
