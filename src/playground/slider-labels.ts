import type { SliderValues } from "./slider-edits.js";

/** What each slider's readout says, given where it stands and where the experiment has it. */
export function sliderLabels(values: SliderValues, base: SliderValues) {
  const asWritten = (same: boolean) => (same ? " (as written)" : "");
  return {
    shards: `${values.shards}${asWritten(values.shards === base.shards)}`,
    rate: `×${values.rateFactor}${asWritten(values.rateFactor === 1)}`,
    hotShare:
      values.hotKeyShare > 0
        ? `${Math.round(values.hotKeyShare * 100)} % on one key`
        : "off: the experiment's keys",
    consumers: `${values.pollingConsumers}${asWritten(values.pollingConsumers === base.pollingConsumers)}`,
  };
}
