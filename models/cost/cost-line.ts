/** One line of a bill. */
export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPriceUsd: number;
  readonly usd: number;
}

/** A bill line: `quantity × unitPriceUsd`. */
export function costLine(
  item: string,
  quantity: number,
  unit: string,
  unitPriceUsd: number,
): CostLine {
  return { item, quantity, unit, unitPriceUsd, usd: quantity * unitPriceUsd };
}

/** The sum of a bill's lines, in USD. */
export function totalUsd(lines: readonly CostLine[]): number {
  let sum = 0;
  for (const line of lines) sum += line.usd;
  return sum;
}
