import { PoissonMeans } from "./poisson-means.js";

/**
 * Poisson tables shared by mean: many drawers with the same mean (the shards of an evenly
 * split stream, each its producer's equal share) draw from one table rather than a copy each.
 * A table is a pure function of its mean, so sharing changes no draw; it keeps a thousand
 * shards' draws in one table's cache lines instead of a thousand tables' (about 0.5 KB each
 * at a mean of 10).
 */
export class PoissonTables {
  private readonly byMean = new Map<number, PoissonMeans>();

  /** The table for `mean`, built on first use. */
  tableFor(mean: number): PoissonMeans {
    let table = this.byMean.get(mean);
    if (table === undefined) {
      table = new PoissonMeans([mean]);
      this.byMean.set(mean, table);
    }
    return table;
  }
}
