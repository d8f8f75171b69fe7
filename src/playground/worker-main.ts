import { BUNDLED_TRACES } from "./bundled-traces.js";
import { runInBrowser } from "./run-in-browser.js";
import type { RunAnswer, RunRequest } from "./run-messages.js";

/**
 * The simulation worker's entry (bundled on its own, started by the page from a Blob URL):
 * runs each request and posts progress and the answer. Runs happen here so a 27-hour lesson
 * never freezes the page, and a run that is no longer wanted can be stopped by ending the worker.
 */
const scope = globalThis as unknown as {
  onmessage: ((event: { data: RunRequest }) => void) | null;
  postMessage: (answer: RunAnswer) => void;
};

scope.onmessage = (event) => {
  const request = event.data;
  let reported = 0;
  const answer = runInBrowser(request, BUNDLED_TRACES, (fraction) => {
    // A tenth at a time is enough for a progress bar.
    if (fraction - reported < 0.1 && fraction < 1) return;
    reported = fraction;
    scope.postMessage({ id: request.id, kind: "progress", fraction });
  });
  scope.postMessage(answer);
};
