/** The workforce model: decoding, defaults, and the yearly event generators. */
export { WORKFORCE_DEFAULTS } from './defaults.js';
export { WorkforceCodec, decodeWorkforce, DEFAULT_WORKFORCE, overlay } from './model.js';
export type { WorkforceModel } from './model.js';
export type { WorkforceContext, WorkforceEmployee } from './employee.js';
export { fromCensusRow } from './employee.js';
export type { MonthDay } from './codec.js';
export { yearEvents, expectedTerminations, workforceYear } from './year.js';
export { hiresFor, hiresNeeded, hireId, newHire } from './hires.js';
export { terminationProbability } from './terminations.js';
