import { expect } from 'chai';
import fc from 'fast-check';
import { coreAmount, coreRateFor } from '../../rules/core.js';
import { bp, cents } from '../../rules/units.js';

describe('rules/core', () => {
  describe('coreAmount', () => {
    it('3 % of $100,000 = $3,000; 3 % of 384,615 = 11,538.45 → 11,538; 3 % of 50 = 1.5 → 2', () => {
      expect(coreAmount(cents(10_000_000), bp(300))).to.equal(300_000);
      expect(coreAmount(cents(384_615), bp(300))).to.equal(11_538);
      expect(coreAmount(cents(50), bp(300))).to.equal(2);
    });
    it('0 rate or 0 pay: 0', () => {
      expect(coreAmount(cents(10_000), bp(0))).to.equal(0);
      expect(coreAmount(cents(0), bp(300))).to.equal(0);
    });
    it('huge pay is exact: 3 % of 999,999,999,999,999 = 29,999,999,999,999.97 → 30,000,000,000,000', () => {
      expect(coreAmount(cents(999_999_999_999_999), bp(300))).to.equal(30_000_000_000_000);
    });
    it('property: 0 ≤ core ≤ pay × rate / 10000 + ½', () => {
      fc.assert(
        fc.property(fc.nat(100_000_000), fc.nat(10_000), (c, r) => {
          const x = coreAmount(cents(c), bp(r));
          expect(x).to.be.at.least(0);
          expect(2 * x * 10_000).to.be.at.most(2 * c * r + 10_000);
        }),
      );
    });
  });

  describe('coreRateFor (extensions byService, byAge)', () => {
    const core = {
      rate: bp(300),
      byService: [{ minYears: 5, rate: bp(400) }, { minYears: 10, rate: bp(500) }],
      byAge: [{ minAge: 55, rate: bp(600) }],
    };
    it('base rate without bands', () => {
      expect(coreRateFor({ rate: bp(300), byService: [], byAge: [] }, 70, 40)).to.equal(300);
    });
    it('the band with the largest threshold reached; the most generous of base, service and age', () => {
      expect(coreRateFor(core, 30, 4)).to.equal(300);
      expect(coreRateFor(core, 30, 5)).to.equal(400);
      expect(coreRateFor(core, 30, 12)).to.equal(500);
      expect(coreRateFor(core, 55, 12)).to.equal(600);
      expect(coreRateFor(core, 54, 0)).to.equal(300);
    });
  });
});
