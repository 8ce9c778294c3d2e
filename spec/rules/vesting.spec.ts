import { expect } from 'chai';
import fc from 'fast-check';
import {
  forfeitedAmount,
  fullyVestedOnTermination,
  vestedAmount,
  vestedRate,
  vestedRateOnTermination,
} from '../../rules/vesting.js';
import { completedYears, isoDate } from '../../rules/calendar.js';
import { bp, cents } from '../../rules/units.js';
import type { VestingSchedule } from '../../rules/plan-design.js';

const graded = (...pcts: number[]): VestingSchedule => ({ type: 'graded', schedule: pcts.map(bp) });
const FIVE_YEAR = graded(0, 2000, 4000, 6000, 8000, 10_000);
const DEFAULT_GRADED = graded(0, 0, 2000, 4000, 6000, 8000, 10_000);

describe('rules/vesting', () => {
  describe('vestedRate', () => {
    it('immediate: 100 % from day one', () => {
      expect(vestedRate({ type: 'immediate' }, 0)).to.equal(10_000);
    });
    it('3-year cliff: 0 at 2 years, 100 % at 3', () => {
      const s: VestingSchedule = { type: 'cliff', years: 3 };
      expect([0, 1, 2, 3, 4].map((y) => vestedRate(s, y))).to.deep.equal([0, 0, 0, 10_000, 10_000]);
    });
    it('default 2-6 graded; the last entry holds for longer service', () => {
      expect([0, 1, 2, 3, 4, 5, 6, 7, 30].map((y) => vestedRate(DEFAULT_GRADED, y))).to.deep.equal([
        0, 0, 2000, 4000, 6000, 8000, 10_000, 10_000, 10_000,
      ]);
    });
    it('Feb 29 hire completes a year on Feb 28 (reading 1): hired 2020-02-29, 3-year cliff', () => {
      const s: VestingSchedule = { type: 'cliff', years: 3 };
      expect(vestedRate(s, completedYears(isoDate('2020-02-29'), isoDate('2023-02-27')))).to.equal(0);
      expect(vestedRate(s, completedYears(isoDate('2020-02-29'), isoDate('2023-02-28')))).to.equal(10_000);
    });
    it('an empty graded schedule is a plan-design error', () => {
      expect(() => vestedRate(graded(), 3)).to.throw(RangeError);
    });
  });

  describe('vestedAmount / forfeitedAmount', () => {
    it('published: 5-year graded (20 % a year), 4 years, $1,000 → $800 vested, $200 forfeited', () => {
      const rate = vestedRate(FIVE_YEAR, 4);
      expect(rate).to.equal(8000);
      expect(vestedAmount(cents(100_000), rate)).to.equal(80_000);
      expect(forfeitedAmount(cents(100_000), rate)).to.equal(20_000);
    });
    it('rounds the vested part half up: 20 % of 12,347 = 2,469.4 → 2,469 (forfeit 9,878); of 12,345 = 2,469 exact; 50 % of 1 = 0.5 → 1', () => {
      expect(vestedAmount(cents(12_347), bp(2000))).to.equal(2_469);
      expect(forfeitedAmount(cents(12_347), bp(2000))).to.equal(9_878);
      expect(vestedAmount(cents(1), bp(5000))).to.equal(1);
      expect(forfeitedAmount(cents(1), bp(5000))).to.equal(0);
    });
    it('property: vested + forfeited = balance, both within [0, balance]', () => {
      fc.assert(
        fc.property(fc.nat(1e12), fc.nat(10_000), (b, r) => {
          const v = vestedAmount(cents(b), bp(r));
          const f = forfeitedAmount(cents(b), bp(r));
          expect(v + f).to.equal(b);
          expect(v).to.be.within(0, b);
          expect(f).to.be.within(0, b);
        }),
      );
    });
  });

  describe('termination', () => {
    it('death and disability vest fully at any age; any reason at 65+; early retirement does not', () => {
      expect(fullyVestedOnTermination('death', 30)).to.equal(true);
      expect(fullyVestedOnTermination('disability', 30)).to.equal(true);
      expect(fullyVestedOnTermination('voluntary', 65)).to.equal(true);
      expect(fullyVestedOnTermination('voluntary', 64)).to.equal(false);
      expect(fullyVestedOnTermination('retirement', 62)).to.equal(false);
      expect(fullyVestedOnTermination('involuntary', 40)).to.equal(false);
    });
    it('vestedRateOnTermination: 100 % for death with 1 year of service, the schedule otherwise', () => {
      expect(vestedRateOnTermination(FIVE_YEAR, 1, 'death', 40)).to.equal(10_000);
      expect(vestedRateOnTermination(FIVE_YEAR, 1, 'voluntary', 40)).to.equal(2000);
    });
  });
});
