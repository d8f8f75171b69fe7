import type { Random } from "../random-streams.js";
import { PoissonMeans } from "./poisson-means.js";

/**
 * Poisson draws where the same mean comes back draw after draw (one tick's share of a
 * producer for shard after shard): the last mean's table is kept (poisson-means.ts), so that
 * a repeated mean draws by indexed search, and a new one builds its table once. The same
 * values from the same uniforms as `poisson(random, mean)` below a mean of 10, and as
 * PoissonMeans above it.
 */
export class RepeatedMeanPoisson {
  private mean = Number.NaN;
  private table: PoissonMeans | undefined;

  draw(random: Random, mean: number): number {
    if (mean !== this.mean || this.table === undefined) {
      this.table = new PoissonMeans([mean]);
      this.mean = mean;
    }
    return this.table.draw(random, 0);
  }
}
