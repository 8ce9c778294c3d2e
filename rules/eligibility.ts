/**
 * Eligibility and entry dates (RULES.md §4). All dates are calendar arithmetic with the
 * end-of-month clamping of {@link addMonths}, so a Feb 29 birthday reaches age 21 on Feb 28
 * of a common year (CONTRACTS.md reading 1) and Jan 31 + 1 month is Feb 28/29.
 */
import type { IsoDate } from './calendar.js';
import { addMonths, dayOf, makeDate, maxDate, monthOf, yearOf } from './calendar.js';
import type { EligibilityRules, EntryFrequency } from './plan-design.js';

/**
 * The day the age and service requirements are both met: the later of the date the employee
 * reaches `minAge` (birth + 12 × minAge months) and hire + `serviceMonths` months.
 */
export function requirementsMetOn(birth: IsoDate, hire: IsoDate, r: EligibilityRules): IsoDate {
  return maxDate(addMonths(birth, 12 * r.minAge), addMonths(hire, r.serviceMonths));
}

/** Months (1-based) whose first day is an entry date, per entry frequency. */
const ENTRY_MONTHS: Readonly<Record<Exclude<EntryFrequency, 'immediate'>, readonly number[]>> = {
  monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarterly: [1, 4, 7, 10],
  semiannual: [1, 7],
};

/**
 * The first entry date on or after `date`. A date that is itself an entry date (e.g. Apr 1
 * under `quarterly`) is its own entry date; `immediate` enters on the date.
 */
export function entryDateOnOrAfter(date: IsoDate, entry: EntryFrequency): IsoDate {
  if (entry === 'immediate') return date;
  const y = yearOf(date);
  const m = monthOf(date);
  const months = ENTRY_MONTHS[entry];
  for (const em of months) {
    if (em > m || (em === m && dayOf(date) === 1)) return makeDate(y, em, 1);
  }
  return makeDate(y + 1, 1, 1);
}

/** The eligibility date: the first entry date on or after the day the requirements are met. */
export function eligibilityDate(birth: IsoDate, hire: IsoDate, r: EligibilityRules): IsoDate {
  return entryDateOnOrAfter(requirementsMetOn(birth, hire, r), r.entry);
}
