/** A producer's `keys:` setting, normalized (see `kinesim schema` for the file syntax). */
export type KeysConfig =
  | { readonly distribution: "uniform"; readonly cardinality: number; readonly prefix: string }
  | {
      readonly distribution: "zipf";
      readonly cardinality: number;
      readonly exponent: number;
      readonly prefix: string;
    }
  | { readonly distribution: "hot"; readonly key: string }
  | {
      readonly distribution: "hotShare";
      readonly share: number;
      readonly hotKeys: number;
      readonly cardinality: number;
      readonly prefix: string;
    }
  | { readonly distribution: "fixed"; readonly keys: readonly string[] }
  | {
      readonly distribution: "explicitHashKey";
      /** Decimal hash keys, inclusive; default the whole key space. */
      readonly range?: readonly [string, string];
    }
  | { readonly distribution: "timestamp"; readonly resolutionUs: number }
  | {
      /** The keys of a trace file (`producers[].trace`), with how often each occurs. */
      readonly distribution: "empirical";
      readonly keys: readonly string[];
      /** Per key, its explicit hash key (decimal) or "" for MD5 routing. */
      readonly hashKeys: readonly string[];
      readonly counts: readonly number[];
    };
