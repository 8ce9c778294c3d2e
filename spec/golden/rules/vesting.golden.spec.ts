/**
 * Golden cases for RULES.md §7 (vesting) and the vested/forfeited split of §8, CONTRACTS reading 12.
 */
import { expect } from 'chai';
import { isRight } from 'fp-ts/lib/Either.js';
import { forfeitedAmount, fullyVestedOnTermination, vestedAmount, vestedRate } from '../../../rules/vesting.js';
import { decodePlanDesign } from '../../../rules/plan-design.js';
import type { PlanDesign, VestingSchedule } from '../../../rules/plan-design.js';
import { completedYears, isoDate } from '../../../rules/calendar.js';
import { bp, cents } from '../../../rules/units.js';

const graded = (...pct: number[]): VestingSchedule => ({ type: 'graded', schedule: pct.map(bp) });
/** 5-year graded, 20 % a year. */
const FIVE_YEAR = graded(0, 2000, 4000, 6000, 8000, 10000);

function decode(json: unknown): PlanDesign {
  const r = decodePlanDesign(json);
  if (!isRight(r)) throw new Error(`plan design did not decode: ${r.left.join('; ')}`);
  return r.right;
}

describe('golden §7 vested rate by completed years', () => {
  it('5-year graded 20 %/year: 4 years → 80 %, beyond the table the last entry holds', () => {
    expect(vestedRate(FIVE_YEAR, 0)).to.equal(0);
    expect(vestedRate(FIVE_YEAR, 1)).to.equal(2000);
    expect(vestedRate(FIVE_YEAR, 4)).to.equal(8000);
    expect(vestedRate(FIVE_YEAR, 5)).to.equal(10000);
    expect(vestedRate(FIVE_YEAR, 12)).to.equal(10000);
  });
  it('cliff 3: 0 % at 2 years, 100 % at 3', () => {
    const cliff: VestingSchedule = { type: 'cliff', years: 3 };
    expect(vestedRate(cliff, 2)).to.equal(0);
    expect(vestedRate(cliff, 3)).to.equal(10000);
  });
  it('immediate: 100 % at 0 years', () => {
    expect(vestedRate({ type: 'immediate' }, 0)).to.equal(10000);
  });
  it('defaults: graded without a schedule is 2-6 year graded; cliff without years is 3', () => {
    const plan = decode({ planId: 'p', planDesignId: 'd', match: { vesting: { type: 'graded' } }, core: { vesting: { type: 'cliff' } } });
    expect(plan.match.vesting).to.deep.equal({ type: 'graded', schedule: [0, 0, 2000, 4000, 6000, 8000, 10000] });
    expect(vestedRate(plan.match.vesting, 4)).to.equal(6000);
    expect(vestedRate(plan.match.vesting, 6)).to.equal(10000);
    expect(plan.core.vesting).to.deep.equal({ type: 'cliff', years: 3 });
  });
  it('an interchange graded schedule decodes to bp by completed years', () => {
    // ["0","0.25","0.5","0.75","1"] → [0, 2500, 5000, 7500, 10000]; 2 years → 50 %, 9 years → 100 %
    const plan = decode({ planId: 'p', planDesignId: 'd', core: { vesting: { type: 'graded', schedule: ['0', '0.25', '0.5', '0.75', '1'] } } });
    expect(plan.core.vesting).to.deep.equal({ type: 'graded', schedule: [0, 2500, 5000, 7500, 10000] });
    expect(vestedRate(plan.core.vesting, 2)).to.equal(5000);
    expect(vestedRate(plan.core.vesting, 9)).to.equal(10000);
  });
  it('Feb 29 hire: a year of service completes on Feb 28 of a common year (reading 1)', () => {
    // hire 2024-02-29 → 1 year on 2025-02-28, 0 on 2025-02-27; 4 years on 2028-02-29 (leap), not 2028-02-28
    expect(completedYears(isoDate('2024-02-29'), isoDate('2025-02-27'))).to.equal(0);
    expect(completedYears(isoDate('2024-02-29'), isoDate('2025-02-28'))).to.equal(1);
    expect(completedYears(isoDate('2024-02-29'), isoDate('2028-02-28'))).to.equal(3);
    expect(completedYears(isoDate('2024-02-29'), isoDate('2028-02-29'))).to.equal(4);
    expect(vestedRate(FIVE_YEAR, completedYears(isoDate('2024-02-29'), isoDate('2028-02-28')))).to.equal(6000);
  });
});

describe('golden §7/§8 vested and forfeited amounts', () => {
  it('published figure: $1,000 at 4 years of 5-year graded → vests $800, forfeits $200', () => {
    // 100,000 × 8000 / 10⁴ = 80,000 ; forfeited = 100,000 − 80,000 = 20,000
    const rate = vestedRate(FIVE_YEAR, 4);
    expect(vestedAmount(cents(100_000), rate)).to.equal(80_000);
    expect(forfeitedAmount(cents(100_000), rate)).to.equal(20_000);
  });
  it('the vested amount is rounded half up and the forfeiture is the remainder', () => {
    // 5 ¢ × 50 % = 2.5 → 3 vested, 2 forfeited
    expect(vestedAmount(cents(5), bp(5000))).to.equal(3);
    expect(forfeitedAmount(cents(5), bp(5000))).to.equal(2);
    // $123.45 × 33.33 %: 12,345 × 3333 = 41,145,885 / 10⁴ = 4,114.5885 → 4,115 ; forfeited 8,230
    expect(vestedAmount(cents(12_345), bp(3333))).to.equal(4_115);
    expect(forfeitedAmount(cents(12_345), bp(3333))).to.equal(8_230);
  });
  it('death, disability, or age ≥ 65 at termination is fully vested', () => {
    expect(fullyVestedOnTermination('death', 40)).to.equal(true);
    expect(fullyVestedOnTermination('disability', 30)).to.equal(true);
    expect(fullyVestedOnTermination('voluntary', 65)).to.equal(true);
    expect(fullyVestedOnTermination('involuntary', 70)).to.equal(true);
    expect(fullyVestedOnTermination('voluntary', 64)).to.equal(false);
    // reading: the reason "retirement" alone does not vest; only the age test (≥ 65) does
    expect(fullyVestedOnTermination('retirement', 62)).to.equal(false);
    expect(fullyVestedOnTermination('retirement', 65)).to.equal(true);
  });
});
