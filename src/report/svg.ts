import { escapeMarkup } from "./escape.js";

export type AttributeValue = string | number | undefined;

/**
 * A coordinate for markup: at most two decimals, so the same chart prints the same bytes
 * and files stay small (a hundredth of a pixel is invisible).
 */
export function coord(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** Attributes as markup; numbers go through {@link coord}, undefined ones are left out. */
export function attributes(values: Record<string, AttributeValue>): string {
  let text = "";
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    text += ` ${name}="${typeof value === "number" ? coord(value) : escapeMarkup(value)}"`;
  }
  return text;
}

/** An element; `content` is markup (escape text with {@link label} or escapeMarkup). */
export function tag(
  name: string,
  values: Record<string, AttributeValue>,
  content?: string,
): string {
  return content === undefined
    ? `<${name}${attributes(values)}/>`
    : `<${name}${attributes(values)}>${content}</${name}>`;
}

/** A text element holding `text`, escaped. */
export function label(
  x: number,
  y: number,
  text: string,
  values: Record<string, AttributeValue> = {},
): string {
  return tag("text", { x, y, ...values }, escapeMarkup(text));
}

/** Translates a group of markup. */
export function group(
  dx: number,
  dy: number,
  content: string,
  values: Record<string, AttributeValue> = {},
): string {
  return tag("g", { transform: `translate(${coord(dx)},${coord(dy)})`, ...values }, content);
}
