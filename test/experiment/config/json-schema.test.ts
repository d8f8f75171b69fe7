import { describe, expect, it } from "vitest";
import { experimentJsonSchema } from "../../../src/experiment/config/json-schema.js";

type Node = Record<string, unknown>;

/** Every `properties` entry anywhere in the schema, with its path. */
function properties(node: unknown, path = "", out: [string, Node][] = []): [string, Node][] {
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      properties(child, `${path}[${i}]`, out);
    });
  } else if (node !== null && typeof node === "object") {
    for (const [key, child] of Object.entries(node)) {
      if (key === "properties" && child !== null && typeof child === "object") {
        for (const [name, prop] of Object.entries(child))
          out.push([`${path}.${name}`, prop as Node]);
      }
      properties(child, `${path}.${key}`, out);
    }
  }
  return out;
}

describe("experimentJsonSchema", () => {
  const schema = experimentJsonSchema() as Node;

  it("is a strict object schema of the file format", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["duration", "stream", "producers"]);
  });

  it("describes every key", () => {
    const props = properties(schema);
    expect(props.length).toBeGreaterThan(60);
    for (const [path, prop] of props) expect(prop.description, path).toEqual(expect.any(String));
  });

  it("shows durations and defaults as the user writes them", () => {
    const props = schema.properties as Record<string, Node>;
    expect(props.resolution?.default).toBe("10ms");
    expect(JSON.stringify(props.duration)).toContain('"type":"string"');
    expect(props.seed?.default).toBe(1);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
