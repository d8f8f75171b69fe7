import type { SliderName, SliderStart, SliderValues } from "./slider-start.js";

/** What each slider's readout says, given where it stands and where the document has it. */
export function sliderLabels(values: SliderValues, start: SliderStart): Record<SliderName, string> {
  const asWritten = (name: SliderName) =>
    values[name] === start.values[name] ? " (as written)" : "";
  const share = values.hotKeyShare;
  const labels: Record<SliderName, string> = {
    shards: `${values.shards}${asWritten("shards")}`,
    rateFactor: `×${values.rateFactor}${asWritten("rateFactor")}`,
    hotKeyShare:
      share > 0
        ? `${Math.round(share * 100)} % on hot keys${asWritten("hotKeyShare")}`
        : start.values.hotKeyShare > 0
          ? "none: the same keys, evenly"
          : "none: the experiment's keys",
    pollingConsumers: `${values.pollingConsumers}${asWritten("pollingConsumers")}`,
  };
  // A blocked slider shows nothing of its own: the YAML says what the run uses.
  for (const name of Object.keys(start.blocked) as SliderName[]) labels[name] = "as in the YAML";
  return labels;
}
