import type { NarrationEvent } from "./narration-events.js";

/**
 * Listens to a run, event by event (`kinesim explain`). Optional everywhere: models hold
 * `narrator: Narrator | undefined` and test it before building an event, so a run without
 * one pays a single comparison on the paths that narrate.
 */
export interface Narrator {
  note(event: NarrationEvent): void;
}
