import { expect } from 'chai';
import fc from 'fast-check';
import { cutTo415c, trueUpAmount } from '../../rules/true-up.js';
import { emptyYearToDate } from '../../rules/contribution.js';
import { bp, cents } from '../../rules/units.js';
import type { MatchTier } from '../../rules/plan-design.js';

const SAFE_HARBOR: MatchTier[] = [
  { upTo: bp(300), rate: bp(10_000) },
  { upTo: bp(500), rate: bp(5_000) },
];

describe('rules/true-up', () => {
  describe('trueUpAmount', () => {
    it('front-loader: $100,000 pay, $6,000 deferred in the first half, $2,000 match paid → $2,000 true-up', () => {
      // Year: D = 600,000, C = 10,000,000 → match due 400,000 (the published $4,000); paid 200,000.
      expect(trueUpAmount(SAFE_HARBOR, cents(600_000), cents(10_000_000), cents(200_000))).to.equal(200_000);
    });
    it('never negative: per-period match already above the annual formula → 0', () => {
      expect(trueUpAmount(SAFE_HARBOR, cents(600_000), cents(10_000_000), cents(450_000))).to.equal(0);
    });
    it('capRate applies to the year: cap 2 % of $100,000 = $2,000, $1,500 paid → $500', () => {
      expect(trueUpAmount(SAFE_HARBOR, cents(600_000), cents(10_000_000), cents(150_000), bp(200))).to.equal(50_000);
    });
  });

  describe('cutTo415c', () => {
    const limits = { annualAdditions: cents(6_900_000) };
    it('room = min(415(c), gross YTD) − additions YTD', () => {
      const ytd = { ...emptyYearToDate(), grossPay: 20_000_000, annualAdditions: 6_800_000 };
      expect(cutTo415c(cents(250_000), limits, ytd)).to.equal(100_000);
      expect(cutTo415c(cents(50_000), limits, ytd)).to.equal(50_000);
    });
    it('gross pay binds for a low earner: $5,000 paid, $4,900 added → $100 fits', () => {
      const ytd = { ...emptyYearToDate(), grossPay: 500_000, annualAdditions: 490_000 };
      expect(cutTo415c(cents(250_000), limits, ytd)).to.equal(10_000);
    });
    it('property: 0 ≤ result ≤ amount and never past the room', () => {
      fc.assert(
        fc.property(fc.nat(10_000_000), fc.nat(40_000_000), fc.nat(8_000_000), (amount, gross, adds) => {
          const ytd = { ...emptyYearToDate(), grossPay: gross, annualAdditions: adds };
          const x = cutTo415c(cents(amount), limits, ytd);
          expect(x).to.be.within(0, amount);
          expect(adds + x <= Math.max(adds, Math.min(6_900_000, gross))).to.equal(true);
        }),
      );
    });
  });
});
