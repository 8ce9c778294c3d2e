/** What-if runs: several plan designs over one census, workforce and seed (docs/whatif.md). */
export { buildWhatIf, decodeWhatIf, decodeWhatIfSync, loadWhatIf, loadWhatIfSync } from './format.js';
export type { WhatIf, WhatIfVariant, WhatIfFork } from './format.js';
export { deriveDesign, variantScenario } from './variants.js';
export { runWhatIf } from './run.js';
export type { WhatIfOptions, WhatIfOutcome, VariantOutcome } from './run.js';
export { comparison, comparisonCsv, comparisonTable, writeComparison, WHATIF_METRICS } from './compare.js';
export type { Comparison, ComparisonRow } from './compare.js';
