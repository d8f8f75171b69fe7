/** Debian's chromium; `.ci/run` installs it. */
export const CHROMIUM = "/usr/bin/chromium";

/** Headless, offline: nothing but the page under test. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
