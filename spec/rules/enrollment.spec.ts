import { expect } from 'chai';
import fc from 'fast-check';
import { autoEnrollmentDate, escalatedRate } from '../../rules/enrollment.js';
import { isoDate } from '../../rules/calendar.js';
import { bp } from '../../rules/units.js';

const d = isoDate;

describe('rules/enrollment', () => {
  describe('autoEnrollmentDate', () => {
    it('new hire: eligibility + 30 days (2025-03-01 → 2025-03-31)', () => {
      expect(autoEnrollmentDate(d('2025-03-01'), null, 30)).to.equal('2025-03-31');
    });
    it('crosses a leap day: 2024-02-15 + 30 = 2024-03-16', () => {
      expect(autoEnrollmentDate(d('2024-02-15'), null, 30)).to.equal('2024-03-16');
    });
    it('all_eligible census employee eligible before the start counts from the start: 2025-01-01 + 30 = 2025-01-31', () => {
      expect(autoEnrollmentDate(d('2019-06-01'), d('2025-01-01'), 30)).to.equal('2025-01-31');
    });
    it('eligible after the start: counts from eligibility', () => {
      expect(autoEnrollmentDate(d('2025-07-01'), d('2025-01-01'), 45)).to.equal('2025-08-15');
    });
    it('window 0: the eligibility date itself', () => {
      expect(autoEnrollmentDate(d('2025-07-01'), null, 0)).to.equal('2025-07-01');
    });
  });

  describe('escalatedRate', () => {
    const step = bp(100);
    const cap = bp(1000);
    it('600 → 700; 950 → 1000 (not past the cap)', () => {
      expect(escalatedRate(bp(600), step, cap)).to.equal(700);
      expect(escalatedRate(bp(950), step, cap)).to.equal(1000);
    });
    it('no change at 0 (opted out), at the cap, above the cap', () => {
      expect(escalatedRate(bp(0), step, cap)).to.equal(null);
      expect(escalatedRate(bp(1000), step, cap)).to.equal(null);
      expect(escalatedRate(bp(1500), step, cap)).to.equal(null);
    });
    it('property: result is null or in (current, cap]', () => {
      fc.assert(
        fc.property(fc.nat(3000), fc.integer({ min: 1, max: 500 }), fc.nat(3000), (c, s, k) => {
          const r = escalatedRate(bp(c), bp(s), bp(k));
          if (c <= 0 || c >= k) expect(r).to.equal(null);
          else {
            expect(r).to.equal(Math.min(c + s, k));
          }
        }),
      );
    });
  });
});
