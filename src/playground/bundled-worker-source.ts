/**
 * The simulation worker's bundle (src/playground/worker-main.ts) as text, which the page
 * turns into a Blob URL: a worker from a Blob works when the page is opened from file://,
 * where a worker script file could not be loaded. Put in by scripts/build-site.mjs.
 */
declare const __KINESIM_WORKER_SOURCE__: string;

export const WORKER_SOURCE: string = __KINESIM_WORKER_SOURCE__;
