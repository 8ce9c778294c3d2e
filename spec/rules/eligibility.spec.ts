import { expect } from 'chai';
import fc from 'fast-check';
import { eligibilityDate, entryDateOnOrAfter, requirementsMetOn } from '../../rules/eligibility.js';
import { addDays, dayOf, fromDayNumber, isoDate, monthOf, type IsoDate } from '../../rules/calendar.js';
import type { EligibilityRules, EntryFrequency } from '../../rules/plan-design.js';

const d = isoDate;
const rules = (minAge: number, serviceMonths: number, entry: EntryFrequency): EligibilityRules => ({ minAge, serviceMonths, entry });

describe('rules/eligibility', () => {
  describe('requirementsMetOn', () => {
    it('age binds: born 2004-06-10, hired 2024-01-15, 21/0 → 2025-06-10', () => {
      expect(requirementsMetOn(d('2004-06-10'), d('2024-01-15'), rules(21, 0, 'immediate'))).to.equal('2025-06-10');
    });
    it('service binds: born 1980-01-01, hired 2024-03-15, 12 months → 2025-03-15', () => {
      expect(requirementsMetOn(d('1980-01-01'), d('2024-03-15'), rules(21, 12, 'immediate'))).to.equal('2025-03-15');
    });
    it('no service requirement and old enough: the hire date', () => {
      expect(requirementsMetOn(d('1980-01-01'), d('2025-05-07'), rules(21, 0, 'immediate'))).to.equal('2025-05-07');
    });
    it('Feb 29 birthday reaches 21 on Feb 28 of a common year (reading 1), Feb 29 of a leap year', () => {
      expect(requirementsMetOn(d('2004-02-29'), d('2024-06-01'), rules(21, 0, 'immediate'))).to.equal('2025-02-28');
      expect(requirementsMetOn(d('2003-02-28'), d('2024-06-01'), rules(21, 0, 'immediate'))).to.equal('2024-06-01');
      expect(requirementsMetOn(d('2000-02-29'), d('2020-01-01'), rules(24, 0, 'immediate'))).to.equal('2024-02-29');
    });
    it('Jan 31 + 1 month = Feb 29 (2024) / Feb 28 (2025); Feb 29 hire + 12 months = Feb 28', () => {
      expect(requirementsMetOn(d('1980-01-01'), d('2024-01-31'), rules(21, 1, 'immediate'))).to.equal('2024-02-29');
      expect(requirementsMetOn(d('1980-01-01'), d('2025-01-31'), rules(21, 1, 'immediate'))).to.equal('2025-02-28');
      expect(requirementsMetOn(d('1980-01-01'), d('2024-02-29'), rules(21, 12, 'immediate'))).to.equal('2025-02-28');
      expect(requirementsMetOn(d('1980-01-01'), d('2024-08-31'), rules(21, 3, 'immediate'))).to.equal('2024-11-30');
    });
  });

  describe('entryDateOnOrAfter', () => {
    const cases: [string, EntryFrequency, string][] = [
      ['2025-02-28', 'immediate', '2025-02-28'],
      ['2025-01-01', 'monthly', '2025-01-01'], // the 1st is its own entry date
      ['2025-01-02', 'monthly', '2025-02-01'],
      ['2025-01-31', 'monthly', '2025-02-01'], // month end
      ['2025-12-31', 'monthly', '2026-01-01'], // year end
      ['2024-02-29', 'monthly', '2024-03-01'],
      ['2025-03-31', 'quarterly', '2025-04-01'], // quarter end
      ['2025-04-01', 'quarterly', '2025-04-01'],
      ['2025-04-02', 'quarterly', '2025-07-01'],
      ['2025-06-30', 'quarterly', '2025-07-01'],
      ['2025-09-30', 'quarterly', '2025-10-01'],
      ['2025-10-02', 'quarterly', '2026-01-01'],
      ['2025-01-01', 'quarterly', '2025-01-01'],
      ['2025-06-30', 'semiannual', '2025-07-01'],
      ['2025-07-01', 'semiannual', '2025-07-01'],
      ['2025-07-02', 'semiannual', '2026-01-01'],
      ['2025-01-01', 'semiannual', '2025-01-01'],
      ['2025-02-01', 'semiannual', '2025-07-01'],
    ];
    for (const [date, entry, want] of cases) {
      it(`${entry} on ${date} → ${want}`, () => {
        expect(entryDateOnOrAfter(d(date), entry)).to.equal(want);
      });
    }

    it('property: on or after the date, the 1st of an allowed month, and no entry date in between', () => {
      const months: Record<EntryFrequency, number[]> = {
        immediate: [],
        monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        quarterly: [1, 4, 7, 10],
        semiannual: [1, 7],
      };
      fc.assert(
        fc.property(
          fc.integer({ min: 7_000, max: 40_000 }),
          fc.constantFrom<EntryFrequency>('monthly', 'quarterly', 'semiannual'),
          (n, entry) => {
            const date = fromDayNumber(n);
            const e = entryDateOnOrAfter(date, entry);
            expect(e >= date).to.equal(true);
            expect(dayOf(e)).to.equal(1);
            expect(months[entry]).to.include(monthOf(e));
            for (let x: IsoDate = date; x < e; x = addDays(x, 1)) {
              expect(dayOf(x) === 1 && months[entry].includes(monthOf(x))).to.equal(false);
            }
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  describe('eligibilityDate', () => {
    it('Feb 29 birthday, 21/0: met 2025-02-28 → monthly 2025-03-01, quarterly 2025-04-01, semiannual 2025-07-01', () => {
      const b = d('2004-02-29');
      const h = d('2024-06-01');
      expect(eligibilityDate(b, h, rules(21, 0, 'immediate'))).to.equal('2025-02-28');
      expect(eligibilityDate(b, h, rules(21, 0, 'monthly'))).to.equal('2025-03-01');
      expect(eligibilityDate(b, h, rules(21, 0, 'quarterly'))).to.equal('2025-04-01');
      expect(eligibilityDate(b, h, rules(21, 0, 'semiannual'))).to.equal('2025-07-01');
    });
    it('hired Jan 31 2024, 1 month, monthly entry: met Feb 29 → Mar 1', () => {
      expect(eligibilityDate(d('1990-05-05'), d('2024-01-31'), rules(21, 1, 'monthly'))).to.equal('2024-03-01');
    });
    it('hired Dec 1 2024, 3 months, quarterly: met Mar 1 2025 → Apr 1 2025', () => {
      expect(eligibilityDate(d('1990-05-05'), d('2024-12-01'), rules(21, 3, 'quarterly'))).to.equal('2025-04-01');
    });
    it('met exactly on an entry date enters that day: hired 2024-10-01, 3 months, quarterly → 2025-01-01', () => {
      expect(eligibilityDate(d('1990-05-05'), d('2024-10-01'), rules(21, 3, 'quarterly'))).to.equal('2025-01-01');
    });
  });
});
