import type { Random } from "../random-streams.js";
import { poisson } from "./poisson.js";
import type { PoissonMeans } from "./poisson-means.js";
import type { PoissonTables } from "./poisson-tables.js";

/**
 * Poisson draws where the same mean may come back draw after draw (one shard's share of a
 * steady producer, tick after tick). A mean that comes back is drawn from a table built for
 * it (poisson-means.ts, indexed search); a mean unlike the last one is drawn by `poisson`,
 * without a table, since building one costs tens of draws: a rate that ramps gives every tick
 * a mean of its own. Both are exact; below a mean of 10 they give the same values from the
 * same uniforms. A repeated mean's table comes from `tables`, shared with other drawers.
 */
export class RepeatedMeanPoisson {
  private mean = Number.NaN;
  private table: PoissonMeans | undefined;

  constructor(private readonly tables: PoissonTables) {}

  draw(random: Random, mean: number): number {
    if (mean !== this.mean) {
      this.mean = mean;
      this.table = undefined;
      return poisson(random, mean);
    }
    this.table ??= this.tables.tableFor(mean);
    return this.table.draw(random, 0);
  }
}
