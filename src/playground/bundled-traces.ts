/**
 * The texts of experiments/traces/*, keyed by their path relative to experiments/
 * (`traces/clickstream.csv`). scripts/build-site.mjs puts them in with esbuild's `define`.
 */
declare const __KINESIM_TRACES__: Readonly<Record<string, string>>;

export const BUNDLED_TRACES: Readonly<Record<string, string>> = __KINESIM_TRACES__;
