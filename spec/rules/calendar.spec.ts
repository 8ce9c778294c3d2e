import { expect } from 'chai';
import fc from 'fast-check';
import { dayNumberOfText, fromDayNumber, parseIsoDate, toDayNumber } from '../../rules/calendar.js';
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
