/**
 * Auto-enrollment timing and auto-escalation (RULES.md §5, CONTRACTS.md readings 16-17).
 */
import type { BasisPoints } from './units.js';
import type { IsoDate } from './calendar.js';
import { addDays, maxDate } from './calendar.js';

/**
 * The day auto-enrollment happens if by then there is no election and no opt-out:
 * max(eligibility date, countFrom) + windowDays. `countFrom` is the simulation start for
 * census employees under `all_eligible`, otherwise null (count from eligibility).
 */
export function autoEnrollmentDate(eligibility: IsoDate, countFrom: IsoDate | null, windowDays: number): IsoDate {
  const from = countFrom === null ? eligibility : maxDate(eligibility, countFrom);
  return addDays(from, windowDays);
}

/**
 * The pre-tax rate after one Jan 1 escalation, or null when the rate does not escalate:
 * only a rate above 0 and below the cap moves, by `step`, never past the cap. A rate at or
 * above the cap (e.g. an election above it) is left alone rather than lowered.
 */
export function escalatedRate(current: BasisPoints, step: BasisPoints, cap: BasisPoints): BasisPoints | null {
  if (current <= 0 || current >= cap || step <= 0) return null;
  const next = current + step;
  return (next < cap ? next : cap) as BasisPoints;
}
