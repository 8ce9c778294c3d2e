/**
 * Golden cases for RULES.md §8 (forfeiture reallocation: floor division, leftover cents stay).
 */
import { expect } from 'chai';
import { reallocate } from '../../../rules/forfeiture.js';
import { forfeitedAmount, vestedRate } from '../../../rules/vesting.js';
import { bp, cents } from '../../../rules/units.js';

const byId = (xs: readonly { id: string; amount: number }[]) => Object.fromEntries(xs.map((x) => [x.id, x.amount]));

describe('golden §8 forfeiture reallocation', () => {
  it('$10,000.01 over plan comp $100,000 / $60,000 / $33,333.33: floor each, 2 ¢ left over', () => {
    // ΣC = 10,000,000 + 6,000,000 + 3,333,333 = 19,333,333
    // A: floor(1,000,001 × 10,000,000 / 19,333,333) = floor(517,241.9…) = 517,241
    // B: floor(1,000,001 ×  6,000,000 / 19,333,333) = floor(310,345.1…) = 310,345
    // C: floor(1,000,001 ×  3,333,333 / 19,333,333) = floor(172,413.8…) = 172,413
    // allocated 999,999 → leftover 2 ¢ stays in the account
    const r = reallocate(cents(1_000_001), [
      { id: 'A', comp: cents(10_000_000) }, { id: 'B', comp: cents(6_000_000) }, { id: 'C', comp: cents(3_333_333) },
    ]);
    expect(byId(r.allocations)).to.deep.equal({ A: 517_241, B: 310_345, C: 172_413 });
    expect(r.leftover).to.equal(2);
  });

  it('$1.00 over three equal weights: 33 ¢ each, 1 ¢ left over', () => {
    const r = reallocate(cents(100), [
      { id: 'E1', comp: cents(5_000_000) }, { id: 'E2', comp: cents(5_000_000) }, { id: 'E3', comp: cents(5_000_000) },
    ]);
    expect(byId(r.allocations)).to.deep.equal({ E1: 33, E2: 33, E3: 33 });
    expect(r.leftover).to.equal(1);
  });

  it('compute in integers (§1): a product past 2^53 must still floor exactly', () => {
    // account 5,219,044,730 ¢; weights 18,475,478 and 1,393,041; ΣC = 19,868,519
    // A: 5,219,044,730 × 18,475,478 = 96,424,346,090,130,940 = 19,868,519 × 4,853,121,970 + 19,868,510
    //    → 4,853,121,970.99999955 → floor 4,853,121,970 (double arithmetic gives 4,853,121,971)
    // B: floor(5,219,044,730 × 1,393,041 / 19,868,519) = floor(365,922,759.0000005) = 365,922,759
    // allocated 5,219,044,729 → leftover 1
    const r = reallocate(cents(5_219_044_730), [{ id: 'A', comp: cents(18_475_478) }, { id: 'B', comp: cents(1_393_041) }]);
    expect(byId(r.allocations)).to.deep.equal({ A: 4_853_121_970, B: 365_922_759 });
    expect(r.leftover).to.equal(1);
  });

  it('an exact split leaves nothing', () => {
    // 300,000 × 2/3 = 200,000 ; × 1/3 = 100,000
    const r = reallocate(cents(300_000), [{ id: 'A', comp: cents(8_000_000) }, { id: 'B', comp: cents(4_000_000) }]);
    expect(byId(r.allocations)).to.deep.equal({ A: 200_000, B: 100_000 });
    expect(r.leftover).to.equal(0);
  });

  it('the account fed by a termination: $1,000 match at 4 years of 5-year graded forfeits $200', () => {
    // vested 80 % → forfeited 20,000; reallocated over comp 6,000,000 and 3,000,000:
    // floor(20,000 × 2/3) = floor(13,333.3) = 13,333 ; floor(20,000 × 1/3) = 6,666 ; leftover 1
    const schedule = { type: 'graded' as const, schedule: [0, 2000, 4000, 6000, 8000, 10000].map(bp) };
    const forfeited = forfeitedAmount(cents(100_000), vestedRate(schedule, 4));
    expect(forfeited).to.equal(20_000);
    const r = reallocate(forfeited, [{ id: 'X', comp: cents(6_000_000) }, { id: 'Y', comp: cents(3_000_000) }]);
    expect(byId(r.allocations)).to.deep.equal({ X: 13_333, Y: 6_666 });
    expect(r.leftover).to.equal(1);
  });
});
