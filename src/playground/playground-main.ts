import { BUNDLED_LESSONS, type Lesson } from "./bundled-lessons.js";
import { WORKER_SOURCE } from "./bundled-worker-source.js";
import { equivalentCommand } from "./cli-command.js";
import { experimentDocument } from "./experiment-document.js";
import { lessonFromHash } from "./lesson-from-hash.js";
import { figuresHtml, headlineHtml, runSummary, tablesHtml } from "./render-results.js";
import type { RunAnswer } from "./run-messages.js";
import { SimulationClient } from "./simulation-client.js";
import { sliderEdits, sliderOverrides } from "./slider-edits.js";
import { readSlider, type SliderInputs, showSliderLabels, writeSliders } from "./slider-inputs.js";
import {
  type SliderName,
  type SliderStart,
  type SliderValues,
  sliderStart,
} from "./slider-start.js";
import { editYamlText } from "./yaml-text-edits.js";

/**
 * The playground page (site/index.html): pick a lesson or edit its YAML, move the sliders,
 * and the run in the worker follows, a moment after the last change.
 *
 * The text box is the truth: a run uses exactly its text. Each time a text is loaded (a
 * lesson picked, or the text typed or pasted) the sliders are set from it; moving a slider
 * rewrites only that slider's fields of the loaded text, and the text box shows the result.
 */

/** A text as loaded, before any slider moved. */
interface Loaded {
  readonly text: string;
  readonly doc: Record<string, unknown> | undefined;
  readonly start: SliderStart;
  /** The lesson whose file this text is, word for word; undefined for the user's own text. */
  readonly lesson: Lesson | undefined;
}

/** What the page calls the user's own text, on the command line and in its messages. */
const OWN_FILE = "playground.yaml";

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
  const tables = byId("tables");
  const charts = byId("charts");
  const sliders: SliderInputs = {
    shards: byId("shards"),
    rateFactor: byId("rate"),
    hotKeyShare: byId("hot-share"),
    pollingConsumers: byId("consumers"),
  };

  /** The lesson last picked; the text stays its file until the user types. */
  let picked: Lesson | undefined;
  let loaded: Loaded = {
    text: "",
    doc: undefined,
    start: sliderStart(undefined),
    lesson: undefined,
  };
  let values: SliderValues = loaded.start.values;
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
      tables.innerHTML = tablesHtml(answer.result);
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
    tables.innerHTML = "";
    charts.innerHTML = "";
  };
  const client = new SimulationClient(WORKER_SOURCE, showAnswer);

  const fileName = () =>
    loaded.lesson === undefined ? OWN_FILE : `experiments/${loaded.lesson.file}`;

  /** A lesson's file with the sliders' `--set`s, or the user's text saved as a file. */
  const commandLine = () =>
    loaded.lesson === undefined
      ? `${equivalentCommand(OWN_FILE, [])}   # the text box, saved as ${OWN_FILE}`
      : equivalentCommand(fileName(), sliderOverrides(loaded.doc, values));

  const run = () => {
    timer = undefined;
    command.textContent = commandLine();
    setState("running");
    status.className = "status running";
    status.textContent = "Simulating…";
    client.run({ text: textBox.value, fileName: fileName() });
  };
  const schedule = (delayMs: number) => {
    setState("pending");
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };

  /** Shows which lesson the text is, or that it is the user's own. */
  const showLesson = () => {
    lessonSelect.value = loaded.lesson?.name ?? "";
    teaches.textContent =
      loaded.lesson?.teaches ??
      `Your own experiment: it runs exactly as the text box says, named ${OWN_FILE} where it has no name.`;
  };

  /** Takes a text as the truth: the sliders start from it (the text box already holds it). */
  const load = (text: string, lesson: Lesson | undefined) => {
    const doc = experimentDocument(text);
    loaded = { text, doc, start: sliderStart(doc), lesson };
    values = loaded.start.values;
    writeSliders(sliders, loaded.start);
    showSliderLabels(sliders, values, loaded.start);
    showLesson();
  };

  const chooseLesson = (chosen: Lesson) => {
    picked = chosen;
    textBox.value = chosen.text;
    load(chosen.text, chosen);
    if (location.hash !== `#${chosen.name}`) history.replaceState(null, "", `#${chosen.name}`);
    schedule(0);
  };

  /** One slider moved: only its value changes, and only its fields of the loaded text. */
  const moveSlider = (name: SliderName) => {
    values = { ...values, [name]: readSlider(sliders, name) };
    textBox.value = editYamlText(loaded.text, sliderEdits(loaded.doc, values));
    showSliderLabels(sliders, values, loaded.start);
    schedule(SLIDER_DEBOUNCE_MS);
  };

  const own = document.createElement("option");
  own.value = "";
  own.disabled = true;
  own.textContent = "Your own text (edited or pasted)";
  lessonSelect.append(own);
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
  for (const name of Object.keys(sliders) as SliderName[]) {
    sliders[name].addEventListener("input", () => moveSlider(name));
  }
  textBox.addEventListener("input", () => {
    const text = textBox.value;
    load(text, picked !== undefined && text === picked.text ? picked : undefined);
    schedule(TYPING_DEBOUNCE_MS);
  });
  byId("reset").addEventListener("click", () => {
    textBox.value = loaded.text;
    load(loaded.text, loaded.lesson);
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
