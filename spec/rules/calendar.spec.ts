import { expect } from 'chai';
import fc from 'fast-check';
import { addMonths, completedYears, dayNumberOfText, fromDayNumber, parseIsoDate, toDayNumber } from '../../rules/calendar.js';
import type { IsoDate } from '../../rules/calendar.js';

describe('rules/calendar: dayNumberOfText', () => {
  it('gives the day number of every real date, from year 0 to 9999', () => {
    // 0000-03-01 is day −719,468 (days_from_civil's origin); 9999-12-31 is day 2,932,896.
    fc.assert(fc.property(fc.integer({ min: -719_468, max: 2_932_896 }), (n) => dayNumberOfText(fromDayNumber(n)) === n));
    expect(dayNumberOfText('1970-01-01')).to.equal(0);
    expect(dayNumberOfText('2024-02-29')).to.equal(19_782); // 54 × 365 + 13 leap days + 31 + 28
    expect(dayNumberOfText('1969-12-31')).to.equal(-1); // a day, not a refusal: before 1970 day numbers are negative
  });

  it('refuses (NaN) exactly what parseIsoDate refuses, and agrees with toDayNumber on the rest', () => {
    const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
      ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
    const text = fc.oneof(dateLike, fc.string({ maxLength: 12 }), fc.constantFrom('2025-02-29', '2025-1-01', '2025/01/01', '2025-01-01x', '+025-01-01', '２０２５-01-01'));
    fc.assert(
      fc.property(text, (s) => {
        const parsed = parseIsoDate(s);
        expect(dayNumberOfText(s), s).to.deep.equal(parsed.ok ? toDayNumber(parsed.value as IsoDate) : NaN);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('rules/calendar: completedYears', () => {
  it('completes a year on the anniversary; a Feb 29 start has its anniversary on Feb 28 in a common year', () => {
    // 2020-02-29 to 2023-02-28: 2023 is common, so the 3rd anniversary is Feb 28 → 3 years; a day earlier → 2.
    expect(completedYears(d('2020-02-29'), d('2023-02-28'))).to.equal(3);
    expect(completedYears(d('2020-02-29'), d('2023-02-27'))).to.equal(2);
    // 2024 is a leap year: the 4th anniversary is Feb 29 itself, so Feb 28 is still 3 years.
    expect(completedYears(d('2020-02-29'), d('2024-02-28'))).to.equal(3);
    expect(completedYears(d('2020-02-29'), d('2024-02-29'))).to.equal(4);
    // Before the start: none.
    expect(completedYears(d('2026-06-15'), d('2026-06-14'))).to.equal(0);
    // Age on Dec 31: born 1976-12-31 → 50 on 2026-12-31; born 1977-01-01 → 49.
    expect(completedYears(d('1976-12-31'), d('2026-12-31'))).to.equal(50);
    expect(completedYears(d('1977-01-01'), d('2026-12-31'))).to.equal(49);
  });

  it('is the number of whole years for which adding 12 months per year (clamped, as addMonths does) stays on or before the date', () => {
    // The definition the arithmetic replaces, read straight from RULES.md §1.
    const byAddMonths = (from: IsoDate, on: IsoDate): number => {
      if (on < from) return 0;
      let n = 0;
      while (addMonths(from, 12 * (n + 1)) <= on) n++;
      return n;
    };
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 60_000 }), fc.integer({ min: 0, max: 40_000 }), (a, span) => {
        const from = fromDayNumber(a);
        const on = fromDayNumber(a + span - 500);
        return completedYears(from, on) === byAddMonths(from, on);
      }),
      { numRuns: 5_000 },
    );
  });
});

const d = (text: string): IsoDate => text as IsoDate;
