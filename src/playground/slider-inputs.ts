import type { SliderValues } from "./slider-edits.js";
import { sliderLabels } from "./slider-labels.js";

/** The four range inputs of index.html and their readouts. */
export interface SliderInputs {
  readonly shards: HTMLInputElement;
  readonly rate: HTMLInputElement;
  readonly hotShare: HTMLInputElement;
  readonly consumers: HTMLInputElement;
}

export function readSliders(inputs: SliderInputs): SliderValues {
  return {
    shards: Number(inputs.shards.value),
    rateFactor: Number(inputs.rate.value),
    // Whole percent on the slider; a fraction in the experiment.
    hotKeyShare: Number(inputs.hotShare.value) / 100,
    pollingConsumers: Number(inputs.consumers.value),
  };
}

/** Moves the sliders, widening a range when an experiment has more than it offers. */
export function writeSliders(inputs: SliderInputs, values: SliderValues): void {
  inputs.shards.max = String(Math.max(64, values.shards));
  inputs.consumers.max = String(Math.max(10, values.pollingConsumers));
  inputs.shards.value = String(values.shards);
  inputs.rate.value = String(values.rateFactor);
  inputs.hotShare.value = String(Math.round(values.hotKeyShare * 100));
  inputs.consumers.value = String(values.pollingConsumers);
}

/** Writes each slider's readout (the `<output>` named `<id>-value`). */
export function showSliderLabels(inputs: SliderInputs, base: SliderValues): void {
  const labels = sliderLabels(readSliders(inputs), base);
  const put = (input: HTMLInputElement, text: string) => {
    const output = document.getElementById(`${input.id}-value`);
    if (output !== null) output.textContent = text;
  };
  put(inputs.shards, labels.shards);
  put(inputs.rate, labels.rate);
  put(inputs.hotShare, labels.hotShare);
  put(inputs.consumers, labels.consumers);
}
