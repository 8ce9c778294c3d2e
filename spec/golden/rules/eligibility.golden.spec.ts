/**
 * Golden cases for RULES.md §4 (eligibility and entry dates). CONTRACTS reading 1: a year or
 * month count that starts on Feb 29 (or the 31st) clamps to the last day of a shorter month.
 */
import { expect } from 'chai';
import { eligibilityDate, entryDateOnOrAfter, requirementsMetOn } from '../../../rules/eligibility.js';
import type { EligibilityRules, EntryFrequency } from '../../../rules/plan-design.js';
import { isoDate } from '../../../rules/calendar.js';

const rules = (minAge: number, serviceMonths: number, entry: EntryFrequency): EligibilityRules => ({ minAge, serviceMonths, entry });
const d = isoDate;

describe('golden §4 requirements met', () => {
  const cases: [string, string, string, EligibilityRules, string][] = [
    // later of (birth + 21 years = 2021-05-10, hire + 0 months = 2020-03-01)
    ['age binds', '2000-05-10', '2020-03-01', rules(21, 0, 'immediate'), '2021-05-10'],
    ['hire binds', '1980-01-01', '2025-03-15', rules(21, 0, 'immediate'), '2025-03-15'],
    // Jan 31 + 1 month clamps to the last day of February
    ['Jan 31 + 1 month, leap year', '1980-01-01', '2024-01-31', rules(21, 1, 'immediate'), '2024-02-29'],
    ['Jan 31 + 1 month, common year', '1980-01-01', '2025-01-31', rules(21, 1, 'immediate'), '2025-02-28'],
    ['Mar 31 + 1 month', '1980-01-01', '2025-03-31', rules(21, 1, 'immediate'), '2025-04-30'],
    // Feb 29 birthday: 21st birthday in a common year is Feb 28 (reading 1)
    ['Feb 29 birth, 21 in a common year', '2004-02-29', '2024-06-01', rules(21, 0, 'immediate'), '2025-02-28'],
    ['Feb 29 birth, 20 in a leap year', '2004-02-29', '2023-01-01', rules(20, 0, 'immediate'), '2024-02-29'],
    // Feb 29 hire date
    ['Feb 29 hire + 12 months', '1980-01-01', '2024-02-29', rules(21, 12, 'immediate'), '2025-02-28'],
    ['Feb 29 hire + 3 months', '1980-01-01', '2024-02-29', rules(21, 3, 'immediate'), '2024-05-29'],
    ['Feb 29 hire + 48 months', '1980-01-01', '2024-02-29', rules(21, 48, 'immediate'), '2028-02-29'],
    // hire + 12 months = 2025-06-15, 21st birthday 2025-09-01 is later
    ['age after service', '2004-09-01', '2024-06-15', rules(21, 12, 'immediate'), '2025-09-01'],
  ];
  for (const [name, birth, hire, r, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      expect(requirementsMetOn(d(birth), d(hire), r)).to.equal(expected);
    });
  }
});

describe('golden §4 entry dates (first entry date on or after)', () => {
  const cases: [EntryFrequency, string, string][] = [
    ['immediate', '2025-03-31', '2025-03-31'],
    ['monthly', '2025-03-31', '2025-04-01'],
    ['monthly', '2025-04-01', '2025-04-01'],
    ['monthly', '2025-02-28', '2025-03-01'],
    ['monthly', '2024-02-29', '2024-03-01'],
    ['monthly', '2025-12-15', '2026-01-01'],
    ['quarterly', '2025-01-01', '2025-01-01'],
    ['quarterly', '2025-03-31', '2025-04-01'],
    ['quarterly', '2025-04-01', '2025-04-01'],
    ['quarterly', '2025-04-02', '2025-07-01'],
    ['quarterly', '2025-06-30', '2025-07-01'],
    ['quarterly', '2025-09-30', '2025-10-01'],
    ['quarterly', '2025-12-31', '2026-01-01'],
    ['semiannual', '2025-01-01', '2025-01-01'],
    ['semiannual', '2025-06-30', '2025-07-01'],
    ['semiannual', '2025-07-02', '2026-01-01'],
  ];
  for (const [entry, date, expected] of cases) {
    it(`${entry} from ${date} → ${expected}`, () => {
      expect(entryDateOnOrAfter(d(date), entry)).to.equal(expected);
    });
  }
});

describe('golden §4 eligibility date', () => {
  const cases: [string, string, string, EligibilityRules, string][] = [
    // Jan 31 + 1 month = Feb 28 2025 → next month start Mar 1
    ['Jan 31 hire, 1 month, monthly entry', '1990-01-01', '2025-01-31', rules(21, 1, 'monthly'), '2025-03-01'],
    // Dec 31 + 3 months = Mar 31 → quarter entry Apr 1
    ['Dec 31 hire, 3 months, quarterly', '1990-01-01', '2024-12-31', rules(21, 3, 'quarterly'), '2025-04-01'],
    // Nov 30 + 3 months = Feb 28 → Apr 1
    ['Nov 30 hire, 3 months, quarterly', '1990-01-01', '2024-11-30', rules(21, 3, 'quarterly'), '2025-04-01'],
    // met on an entry date itself: Jan 1 is the entry date
    ['met on Jan 1, quarterly', '1990-01-01', '2025-01-01', rules(21, 0, 'quarterly'), '2025-01-01'],
    // Feb 29 birth: 21 on 2025-02-28 → semiannual Jul 1 2025
    ['Feb 29 birth, semiannual', '2004-02-29', '2023-06-01', rules(21, 0, 'semiannual'), '2025-07-01'],
    ['defaults (21, 0, immediate)', '1990-01-01', '2025-05-05', rules(21, 0, 'immediate'), '2025-05-05'],
  ];
  for (const [name, birth, hire, r, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      expect(eligibilityDate(d(birth), d(hire), r)).to.equal(expected);
    });
  }
});
