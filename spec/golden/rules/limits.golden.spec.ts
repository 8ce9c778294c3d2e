/**
 * Golden cases for RULES.md §2 (dated IRS limits, catch-up eligibility), by hand from the table.
 * All amounts in cents: $23,000 → 2_300_000.
 */
import { expect } from 'chai';
import { catchUpLimit, limitsFor } from '../../../rules/limits.js';
import type { PlanDesign } from '../../../rules/plan-design.js';
import { bp, cents } from '../../../rules/units.js';
import { isoDate } from '../../../rules/calendar.js';

const plain = (l: ReturnType<typeof limitsFor>) => ({
  electiveDeferral: l.electiveDeferral, catchUp: l.catchUp, catchUp6063: l.catchUp6063,
  annualAdditions: l.annualAdditions, compensation: l.compensation, hceThreshold: l.hceThreshold,
});

describe('golden §2 IRS limits', () => {
  it('2024 row of the table (no 60-63 catch-up before 2025)', () => {
    const l = limitsFor(2024);
    expect(l.year).to.equal(2024);
    expect(l.projected).to.equal(false);
    expect(plain(l)).to.deep.equal({
      electiveDeferral: 2_300_000, catchUp: 750_000, catchUp6063: 0,
      annualAdditions: 6_900_000, compensation: 34_500_000, hceThreshold: 15_500_000,
    });
  });

  it('2025 and 2026 rows of the table', () => {
    expect(plain(limitsFor(2025))).to.deep.equal({
      electiveDeferral: 2_350_000, catchUp: 750_000, catchUp6063: 1_125_000,
      annualAdditions: 7_000_000, compensation: 35_000_000, hceThreshold: 16_000_000,
    });
    expect(plain(limitsFor(2026))).to.deep.equal({
      electiveDeferral: 2_450_000, catchUp: 800_000, catchUp6063: 1_125_000,
      annualAdditions: 7_200_000, compensation: 36_000_000, hceThreshold: 16_000_000,
    });
    expect(limitsFor(2020).electiveDeferral).to.equal(1_950_000);
    expect(limitsFor(2023).hceThreshold).to.equal(15_000_000);
  });

  it('after the last known year, indexRate 0 carries 2026 forward (projected)', () => {
    const l = limitsFor(2030);
    expect(l.projected).to.equal(true);
    expect(plain(l)).to.deep.equal(plain(limitsFor(2026)));
  });

  it('indexRate 3 % scales 2026 by 1.03 for 2027 and rounds DOWN to the IRS increments', () => {
    // 402(g)   24,500 × 1.03 = 25,235   → $500 steps   → 25,000
    // catch-up  8,000 × 1.03 =  8,240   → $500 steps   →  8,000
    // 60-63    11,250 × 1.03 = 11,587.5 → $500 steps   → 11,500 (reading: 60-63 is a catch-up
    //          limit, scaled like the others, not recomputed as 150 % of the regular catch-up)
    // 415(c)   72,000 × 1.03 = 74,160   → $1,000 steps → 74,000
    // 401(a)(17) 360,000 × 1.03 = 370,800 → $5,000 steps → 370,000
    // 414(q)  160,000 × 1.03 = 164,800  → $5,000 steps → 160,000
    const plan: Pick<PlanDesign, 'limits'> = { limits: { indexRate: bp(300), overrides: {} } };
    const l = limitsFor(2027, plan);
    expect(l.projected).to.equal(true);
    expect(plain(l)).to.deep.equal({
      electiveDeferral: 2_500_000, catchUp: 800_000, catchUp6063: 1_150_000,
      annualAdditions: 7_400_000, compensation: 37_000_000, hceThreshold: 16_000_000,
    });
  });

  it('indexRate 3 % for 2028: values where compounding and chaining agree', () => {
    // 402(g): 24,500 × 1.03² = 25,992.05 → 25,500 (chained from 25,000: 25,750 → 25,500)
    // 415(c): 72,000 × 1.03² = 76,384.8 → 76,000 (chained 74,000 × 1.03 = 76,220 → 76,000)
    // 401(a)(17): 360,000 × 1.0609 = 381,924 → 380,000 (chained 381,100 → 380,000)
    // (414(q) is NOT asserted: 169,744 → 165,000 compounded vs 164,800 → 160,000 chained: ambiguous.)
    const plan: Pick<PlanDesign, 'limits'> = { limits: { indexRate: bp(300), overrides: {} } };
    const l = limitsFor(2028, plan);
    expect(l.electiveDeferral).to.equal(2_550_000);
    expect(l.annualAdditions).to.equal(7_600_000);
    expect(l.compensation).to.equal(38_000_000);
  });

  it('an override also works in a projected year (2027, indexRate 0)', () => {
    const plan: Pick<PlanDesign, 'limits'> = {
      limits: { indexRate: bp(0), overrides: { '2027': { annualAdditions: cents(7_500_000) } } },
    };
    const l = limitsFor(2027, plan);
    expect(l.annualAdditions).to.equal(7_500_000);
    expect(l.electiveDeferral).to.equal(2_450_000);
  });

  it('a plan override replaces one value for one year only', () => {
    const plan: Pick<PlanDesign, 'limits'> = {
      limits: { indexRate: bp(0), overrides: { '2025': { electiveDeferral: cents(2_400_000) } } },
    };
    const l = limitsFor(2025, plan);
    expect(l.electiveDeferral).to.equal(2_400_000);
    expect(l.annualAdditions).to.equal(7_000_000);
    expect(limitsFor(2024, plan).electiveDeferral).to.equal(2_300_000);
  });
});

describe('golden §2 catch-up eligibility (age on Dec 31 of Y)', () => {
  const l2024 = limitsFor(2024);
  const l2025 = limitsFor(2025);
  const cases: [string, ReturnType<typeof limitsFor>, string, number][] = [
    // age on 2024-12-31: born 1974-12-31 → exactly 50 on Dec 31 (anniversary completes the year)
    ['age 50 on Dec 31 2024 (birthday on Dec 31)', l2024, '1974-12-31', 750_000],
    ['age 49 on Dec 31 2024 (turns 50 on Jan 1 2025)', l2024, '1975-01-01', 0],
    ['age 60 in 2024: no 60-63 limit before 2025', l2024, '1964-06-15', 750_000],
    ['age 49 on Dec 31 2025', l2025, '1976-01-01', 0],
    ['age 50 on Dec 31 2025', l2025, '1975-12-31', 750_000],
    ['age 59 on Dec 31 2025', l2025, '1966-01-01', 750_000],
    ['age 60 on Dec 31 2025', l2025, '1965-12-31', 1_125_000],
    ['age 63 on Dec 31 2025', l2025, '1962-12-31', 1_125_000],
    ['age 64 on Dec 31 2025', l2025, '1961-12-31', 750_000],
    // Feb 29 birthday: born 1976-02-29 is 49 on 2025-12-31, 50 on 2026-12-31 (2026 catch-up 8,000)
    ['Feb 29 birthday, age 49 in 2025', l2025, '1976-02-29', 0],
    ['Feb 29 birthday, age 50 in 2026', limitsFor(2026), '1976-02-29', 800_000],
  ];
  for (const [name, limits, birth, expected] of cases) {
    it(`${name} → ${expected} ¢`, () => {
      expect(catchUpLimit(limits, isoDate(birth))).to.equal(expected);
    });
  }
});
