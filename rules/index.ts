/**
 * The plan arithmetic of RULES.md as one import: `import { contributePeriod, limitsFor } from '../rules/index.js'`.
 * Pure functions over cents, basis points and ISO dates; see docs/RULES-API.md for the contract.
 */
export * from './units.js';
export * from './calendar.js';
export * from './plan-design.js';
export * from './limit-values.js';
export * from './parameters.js';
export * from './limits.js';
export * from './payroll.js';
export * from './eligibility.js';
export * from './enrollment.js';
export * from './match.js';
export * from './core.js';
export * from './contribution.js';
export * from './true-up.js';
export * from './vesting.js';
export * from './forfeiture.js';
export * from './hce.js';
export * from './nondiscrimination.js';
