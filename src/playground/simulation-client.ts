import type { RunAnswer, RunRequest } from "./run-messages.js";

/**
 * The page's side of the simulation worker. One worker is kept between runs; a new request
 * while a run is going ends that worker (the run is no longer wanted: a slider moved again)
 * and starts another, so the page never waits for stale results. Answers of any run but the
 * latest are ignored.
 */
export class SimulationClient {
  private readonly url: string;
  private worker: Worker | undefined;
  private busy = false;
  private latest = 0;

  constructor(
    workerSource: string,
    private readonly onAnswer: (answer: RunAnswer) => void,
  ) {
    this.url = URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
  }

  /** Starts a run; its answers come to `onAnswer`. */
  run(request: Omit<RunRequest, "id">): void {
    if (this.busy) this.stopWorker();
    this.latest++;
    this.busy = true;
    const worker = this.worker ?? this.startWorker();
    worker.postMessage({ ...request, id: this.latest } satisfies RunRequest);
  }

  private startWorker(): Worker {
    const worker = new Worker(this.url);
    worker.onmessage = (event: MessageEvent<RunAnswer>) => {
      const answer = event.data;
      if (answer.id !== this.latest) return;
      if (answer.kind !== "progress") this.busy = false;
      this.onAnswer(answer);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.stopWorker();
      this.onAnswer({ id: this.latest, kind: "failure", message: event.message });
    };
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.busy = false;
  }
}
