import { sliderLabels } from "./slider-labels.js";
import type { SliderName, SliderStart, SliderValues } from "./slider-start.js";

/** The four range inputs of index.html and their readouts. */
export type SliderInputs = Readonly<Record<SliderName, HTMLInputElement>>;

/** A slider's position as a value of the document. */
export function readSlider(inputs: SliderInputs, name: SliderName): number {
  const position = Number(inputs[name].value);
  // Whole percent on the slider; a fraction in the experiment.
  return name === "hotKeyShare" ? position / 100 : position;
}

/**
 * Puts the sliders where a document has them, widening a range when the document has more
 * than it offers; a blocked slider is disabled, its tooltip saying why.
 */
export function writeSliders(inputs: SliderInputs, start: SliderStart): void {
  const { values, blocked } = start;
  inputs.shards.max = String(Math.max(64, values.shards));
  inputs.pollingConsumers.max = String(Math.max(10, values.pollingConsumers));
  inputs.shards.value = String(values.shards);
  inputs.rateFactor.value = String(values.rateFactor);
  inputs.hotKeyShare.value = String(Math.round(values.hotKeyShare * 100));
  inputs.pollingConsumers.value = String(values.pollingConsumers);
  for (const name of Object.keys(inputs) as SliderName[]) {
    const reason = blocked[name];
    inputs[name].disabled = reason !== undefined;
    if (reason === undefined) inputs[name].removeAttribute("title");
    else inputs[name].title = `Disabled: ${reason}.`;
  }
}

/** Writes each slider's readout (the `<output>` named `<id>-value`). */
export function showSliderLabels(
  inputs: SliderInputs,
  values: SliderValues,
  start: SliderStart,
): void {
  const labels = sliderLabels(values, start);
  for (const name of Object.keys(inputs) as SliderName[]) {
    const output = document.getElementById(`${inputs[name].id}-value`);
    if (output !== null) output.textContent = labels[name];
  }
}
