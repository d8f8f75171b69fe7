/** A shipped experiment, as the playground offers it. */
export interface Lesson {
  /** `hot-key.yaml`, in experiments/. */
  readonly file: string;
  /** `hot-key`. */
  readonly name: string;
  /** The catalogue's one line (experiments/README.md), or "" when it has none. */
  readonly teaches: string;
  /** The YAML, header comment included. */
  readonly text: string;
}

/**
 * Every experiments/*.yaml, in the catalogue's order; scripts/build-site.mjs puts them in
 * with esbuild's `define`.
 */
declare const __KINESIM_LESSONS__: readonly Lesson[];

export const BUNDLED_LESSONS: readonly Lesson[] = __KINESIM_LESSONS__;
