/** Issue 14's goals, each as the issue states it, for the table `npm run bench` prints. */

/** 1,000 shards × 1 M records/s × 1 h at default settings: wall time and peak RSS. */
export const THOUSAND_SHARDS_MAX_MS = 30_000;
export const THOUSAND_SHARDS_MAX_MIB = 1024;
/** 100 shards, a daily curve, one polling and one EFO application, a simulated day. */
export const EFO_DAY_MAX_MS = 15_000;
/** 64 shards, 40,000 records/s, 2 min: EFO's engine events and time within this of polling's. */
export const EFO_VS_POLLING_MAX = 1.5;
/** `kinesim --version` within this many times `node -e 0`. */
export const VERSION_VS_NODE_MAX = 2;
/** `npm start` within this many times `node -e 0`. */
export const START_VS_NODE_MAX = 4;
/** The SimPy model's wall time ÷ kinesim's, default (segment) mode and record mode. */
export const SEGMENT_VS_SIMPY_MIN = 20;
export const RECORD_VS_SIMPY_MIN = 5;
/** `npm test`, whole. */
export const NPM_TEST_MAX_MS = 3 * 60_000;
