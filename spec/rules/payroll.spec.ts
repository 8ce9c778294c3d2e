import { expect } from 'chai';
import fc from 'fast-check';
import { grossPeriodPay, payDates, periodsPerYear, planCompensation } from '../../rules/payroll.js';
import { dayOfWeek, isoDate } from '../../rules/calendar.js';
import { cents, type Cents } from '../../rules/units.js';
import type { PayFrequency } from '../../rules/plan-design.js';

const FREQS: PayFrequency[] = ['weekly', 'biweekly', 'semimonthly', 'monthly'];

describe('rules/payroll', () => {
  describe('periodsPerYear', () => {
    it('is 52 / 26 / 24 / 12 (§3)', () => {
      expect(FREQS.map(periodsPerYear)).to.deep.equal([52, 26, 24, 12]);
    });
  });

  describe('payDates', () => {
    it('biweekly 2024: first Friday Jan 5 (Jan 1 2024 is a Monday), every 14 days, 26 dates', () => {
      const d = payDates(2024, 'biweekly');
      expect(d).to.have.length(26);
      expect(d[0]).to.equal('2024-01-05');
      expect(d[1]).to.equal('2024-01-19');
      // Jan 5 + 25 × 14 = day 5 + 350 = day 355 of a leap year = Dec 20.
      expect(d[25]).to.equal('2024-12-20');
    });

    it('weekly 2027 (starts on a Friday, has 53 Fridays): 52 dates Jan 1 … Dec 24, Dec 31 not paid', () => {
      const d = payDates(2027, 'weekly');
      expect(d).to.have.length(52);
      expect(d[0]).to.equal('2027-01-01');
      expect(d[51]).to.equal('2027-12-24');
      expect(d).to.not.include('2027-12-31');
    });

    it('weekly 2026: Jan 2 … Dec 25, all Fridays', () => {
      const d = payDates(2026, 'weekly');
      expect(d[0]).to.equal('2026-01-02');
      expect(d[51]).to.equal('2026-12-25');
      expect(d.every((x) => dayOfWeek(x) === 5)).to.equal(true);
    });

    it('semimonthly: the 15th and the last day of each month, Feb 29 in a leap year', () => {
      const d = payDates(2024, 'semimonthly');
      expect(d).to.have.length(24);
      expect(d.slice(0, 4)).to.deep.equal(['2024-01-15', '2024-01-31', '2024-02-15', '2024-02-29']);
      expect(payDates(2025, 'semimonthly')[3]).to.equal('2025-02-28');
      expect(d[23]).to.equal('2024-12-31');
    });

    it('monthly: the last day of each month', () => {
      expect(payDates(2025, 'monthly')).to.deep.equal([
        '2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30',
        '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31',
      ]);
    });

    it('is cached and frozen', () => {
      const a = payDates(2025, 'biweekly');
      expect(payDates(2025, 'biweekly')).to.equal(a);
      expect(Object.isFrozen(a)).to.equal(true);
    });

    it('property: ascending, inside the year, periodsPerYear dates', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1990, max: 2100 }), fc.constantFrom(...FREQS), (y, f) => {
          const d = payDates(y, f);
          expect(d).to.have.length(periodsPerYear(f));
          for (let i = 1; i < d.length; i++) expect((d[i] as string) > (d[i - 1] as string)).to.equal(true);
          expect((d[0] as string) >= isoDate(`${y}-01-01`)).to.equal(true);
          expect((d[d.length - 1] as string) <= isoDate(`${y}-12-31`)).to.equal(true);
        }),
      );
    });
  });

  describe('grossPeriodPay', () => {
    it('$100,000 biweekly = 10,000,000 / 26 = 384,615.38… → 384,615 cents', () => {
      expect(grossPeriodPay(cents(10_000_000), 'biweekly')).to.equal(384_615);
    });
    it('rounds half up: $0.13 semimonthly… 1,300 cents / 24 = 54.17 → 54; 36 cents / 24 = 1.5 → 2', () => {
      expect(grossPeriodPay(cents(1_300), 'semimonthly')).to.equal(54);
      expect(grossPeriodPay(cents(36), 'semimonthly')).to.equal(2);
    });
    it('$52,000 weekly = $1,000.00; $60,000 monthly = $5,000.00', () => {
      expect(grossPeriodPay(cents(5_200_000), 'weekly')).to.equal(100_000);
      expect(grossPeriodPay(cents(6_000_000), 'monthly')).to.equal(500_000);
    });
  });

  describe('planCompensation', () => {
    it('401(a)(17) reached mid-year: $520,000 biweekly in 2024 (limit $345,000)', () => {
      // 52,000,000 / 26 = 2,000,000 a period. 34,500,000 / 2,000,000 = 17.25: periods 1-17 count
      // in full (34,000,000), period 18 counts 500,000, periods 19-26 count 0.
      const limit = cents(34_500_000);
      let counted = 0;
      const per: number[] = [];
      for (let i = 0; i < 26; i++) {
        const c = planCompensation(cents(2_000_000), limit, counted as Cents);
        per.push(c);
        counted += c;
      }
      expect(per.slice(0, 17).every((c) => c === 2_000_000)).to.equal(true);
      expect(per[17]).to.equal(500_000);
      expect(per.slice(18).every((c) => c === 0)).to.equal(true);
      expect(counted).to.equal(34_500_000);
    });
    it('never below 0, never above gross', () => {
      fc.assert(
        fc.property(fc.nat(10_000_000), fc.nat(50_000_000), fc.nat(60_000_000), (g, lim, so) => {
          const c = planCompensation(cents(g), cents(lim), cents(so));
          expect(c).to.be.at.least(0);
          expect(c).to.be.at.most(g);
          expect(c).to.equal(Math.max(0, Math.min(g, lim - so)));
        }),
      );
    });
  });
});
