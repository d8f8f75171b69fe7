import { BUNDLED_LESSONS, type Lesson } from "./bundled-lessons.js";
import { WORKER_SOURCE } from "./bundled-worker-source.js";
import { equivalentCommand } from "./cli-command.js";
import { experimentDocument } from "./experiment-document.js";
import { lessonFromHash } from "./lesson-from-hash.js";
import { figuresHtml, headlineHtml, runSummary } from "./render-results.js";
import type { RunAnswer } from "./run-messages.js";
import { SimulationClient } from "./simulation-client.js";
import { baseSliderValues, type SliderValues, sliderOverrides } from "./slider-edits.js";
import { readSliders, type SliderInputs, showSliderLabels, writeSliders } from "./slider-inputs.js";

/**
 * The playground page (site/index.html): pick a lesson or edit its YAML, move the sliders,
 * and the run in the worker follows, a moment after the last change.
 */

/** Wait this long after the last slider move before running (a drag moves it many times). */
const SLIDER_DEBOUNCE_MS = 150;
/** Typing pauses are longer than slider moves. */
const TYPING_DEBOUNCE_MS = 400;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`index.html has no #${id}`);
  return element as T;
}

/**
 * `<body data-state>`: pending (a change waits for its run), running, done or error. The
 * stylesheet dims results that are about to change; tests wait for "done".
 */
function setState(state: "pending" | "running" | "done" | "error"): void {
  document.body.dataset.state = state;
}

function start(): void {
  byId("not-built").hidden = true;
  const lessonSelect = byId<HTMLSelectElement>("lesson");
  const teaches = byId("teaches");
  const textBox = byId<HTMLTextAreaElement>("experiment");
  const command = byId("command");
  const status = byId("status");
  const summary = byId("summary");
  const headline = byId("headline");
  const charts = byId("charts");
  const sliders: SliderInputs = {
    shards: byId("shards"),
    rate: byId("rate"),
    hotShare: byId("hot-share"),
    consumers: byId("consumers"),
  };

  let lesson: Lesson | undefined;
  let doc = experimentDocument("");
  let base: SliderValues = baseSliderValues(doc);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const showAnswer = (answer: RunAnswer) => {
    if (answer.kind === "progress") {
      status.className = "status running";
      status.textContent = `Simulating… ${Math.round(answer.fraction * 100)} %`;
      return;
    }
    if (answer.kind === "done") {
      setState("done");
      status.className = "status";
      status.textContent = "";
      summary.textContent = runSummary(answer.result);
      headline.innerHTML = headlineHtml(answer.result);
      charts.innerHTML = figuresHtml(answer.figures, answer.leftOut);
      return;
    }
    setState("error");
    status.className = "status error";
    status.textContent =
      answer.kind === "user-error"
        ? answer.message
        : `kinesim failed (a bug, please report it): ${answer.message}`;
    summary.textContent = "";
    headline.innerHTML = "";
    charts.innerHTML = "";
  };
  const client = new SimulationClient(WORKER_SOURCE, showAnswer);

  const fileName = () => `experiments/${lesson?.file ?? "playground.yaml"}`;

  const run = () => {
    timer = undefined;
    const overrides = doc === undefined ? [] : sliderOverrides(doc, readSliders(sliders));
    const edited = lesson !== undefined && textBox.value !== lesson.text;
    command.textContent =
      equivalentCommand(fileName(), overrides) + (edited ? "   # with your edits to the file" : "");
    setState("running");
    status.className = "status running";
    status.textContent = "Simulating…";
    client.run({ text: textBox.value, fileName: fileName(), overrides });
  };
  const schedule = (delayMs: number) => {
    setState("pending");
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };

  /** Re-reads the text; sliders that stood where the old text had them follow the new one. */
  const readText = () => {
    const before = base;
    const now = readSliders(sliders);
    doc = experimentDocument(textBox.value);
    base = baseSliderValues(doc);
    writeSliders(sliders, {
      ...now,
      shards: now.shards === before.shards ? base.shards : now.shards,
      pollingConsumers:
        now.pollingConsumers === before.pollingConsumers
          ? base.pollingConsumers
          : now.pollingConsumers,
    });
    showSliderLabels(sliders, base);
  };

  const chooseLesson = (chosen: Lesson) => {
    lesson = chosen;
    lessonSelect.value = chosen.name;
    teaches.textContent = chosen.teaches;
    textBox.value = chosen.text;
    doc = experimentDocument(chosen.text);
    base = baseSliderValues(doc);
    writeSliders(sliders, base);
    showSliderLabels(sliders, base);
    if (location.hash !== `#${chosen.name}`) history.replaceState(null, "", `#${chosen.name}`);
    schedule(0);
  };

  for (const item of BUNDLED_LESSONS) {
    const option = document.createElement("option");
    option.value = item.name;
    option.textContent = item.teaches === "" ? item.name : `${item.name} — ${item.teaches}`;
    lessonSelect.append(option);
  }
  lessonSelect.addEventListener("change", () => {
    const chosen = BUNDLED_LESSONS.find((item) => item.name === lessonSelect.value);
    if (chosen !== undefined) chooseLesson(chosen);
  });
  for (const input of Object.values(sliders)) {
    input.addEventListener("input", () => {
      showSliderLabels(sliders, base);
      schedule(SLIDER_DEBOUNCE_MS);
    });
  }
  textBox.addEventListener("input", () => {
    readText();
    schedule(TYPING_DEBOUNCE_MS);
  });
  byId("reset").addEventListener("click", () => {
    writeSliders(sliders, base);
    showSliderLabels(sliders, base);
    schedule(0);
  });

  const wanted = lessonFromHash(location.hash);
  const first =
    BUNDLED_LESSONS.find((item) => item.name === wanted) ??
    BUNDLED_LESSONS.find((item) => item.name === "quickstart") ??
    BUNDLED_LESSONS[0];
  if (first !== undefined) chooseLesson(first);
}

start();
