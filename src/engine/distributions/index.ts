export { type AliasTable, createAliasTable } from "./alias-table.js";
export { binomial, binomialLogPmf } from "./binomial.js";
export { exponential } from "./exponential.js";
export { lognormal } from "./lognormal.js";
export { multinomial } from "./multinomial.js";
export { normal } from "./normal.js";
export {
  devianceTerm,
  poisson,
  poissonLogPmf,
  stirlingError,
} from "./poisson.js";
export { uniform, uniformInt } from "./uniform.js";
export { createZipfSampler, zipfNormalization, zipfProbability } from "./zipf.js";
