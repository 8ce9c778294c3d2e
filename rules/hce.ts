/**
 * Highly compensated employees (RULES.md §9, CONTRACTS.md reading 5): the prior-year test only
 * (no top-paid group election), on Jan 1 of each year.
 */
import type { Cents } from './units.js';

/** HCE for Y when compensation paid in Y−1 is strictly above the 414(q) amount of Y−1. */
export function isHce(priorYearComp: Cents, priorYearThreshold: Cents): boolean {
  return priorYearComp > priorYearThreshold;
}
