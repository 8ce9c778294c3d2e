/**
 * Golden cases for RULES.md §6 true-up (CONTRACTS reading 14) and its 415(c) cut.
 */
import { expect } from 'chai';
import { cutTo415c, trueUpAmount } from '../../../rules/true-up.js';
import { addPeriod, contributePeriod, emptyYearToDate } from '../../../rules/contribution.js';
import { limitsFor } from '../../../rules/limits.js';
import { grossPeriodPay, payDates, planCompensation } from '../../../rules/payroll.js';
import type { MatchTier } from '../../../rules/plan-design.js';
import { bp, cents } from '../../../rules/units.js';

const TIERED: readonly MatchTier[] = [{ upTo: bp(300), rate: bp(10000) }, { upTo: bp(500), rate: bp(5000) }];

describe('golden §6 true-up', () => {
  it('front-loader: $100,000 biweekly at 25 % in 2025 stops deferring in period 25; true-up $153.75', () => {
    // C = 384,615 every period; pre = 384,615 × 2500 / 10⁴ = 96,153.75 → 96,154
    // 24 periods: 2,307,696; period 25: room 42,304 → 42,304; period 26: 0
    // match per period: periods 1-25 D ≥ 5 % of C (19,230.75) → 15,385 (see match spec); period 26: 0
    //   match paid = 25 × 15,385 = 384,625
    // year: D = 2,350,000, C = 26 × 384,615 = 9,999,990
    //   tier 1: C×300 = 2,999,997,000 × 10⁴ = 29,999,970,000,000
    //   tier 2: C×200 = 1,999,998,000 × 5000 =  9,999,990,000,000
    //   39,999,960,000,000 / 10⁸ = 399,999.6 → 400,000
    // true-up = 400,000 − 384,625 = 15,375
    const l = limitsFor(2025);
    const gross = grossPeriodPay(cents(10_000_000), 'biweekly');
    const ytd = emptyYearToDate();
    const limits = { electiveDeferral: l.electiveDeferral, catchUp: cents(0), annualAdditions: l.annualAdditions };
    for (const _d of payDates(2025, 'biweekly')) {
      const comp = planCompensation(gross, l.compensation, cents(ytd.planComp));
      const r = contributePeriod({ grossPay: gross, planComp: comp, preTaxRate: bp(2500), rothRate: bp(0), matchTiers: TIERED,
        matchCapRate: null, matchOnCatchUp: true, coreRate: bp(0) }, limits, ytd);
      addPeriod(ytd, gross, comp, r);
    }
    expect(ytd.preTax).to.equal(2_350_000);
    expect(ytd.planComp).to.equal(9_999_990);
    expect(ytd.match).to.equal(384_625);
    const t = trueUpAmount(TIERED, cents(ytd.preTax + ytd.roth + ytd.catchUp), cents(ytd.planComp), cents(ytd.match));
    expect(t).to.equal(15_375);
    // 415(c): additions 2,350,000 + 384,625 = 2,734,625; room min(7,000,000, gross 9,999,990) − that: fits
    expect(cutTo415c(t, l, ytd)).to.equal(15_375);
  });

  it('no true-up when the match paid already reaches (or passes) the year formula', () => {
    expect(trueUpAmount(TIERED, cents(2_350_000), cents(9_999_990), cents(400_000))).to.equal(0);
    expect(trueUpAmount(TIERED, cents(2_350_000), cents(9_999_990), cents(400_100))).to.equal(0);
  });

  it('the published $4,000 as a year-total true-up with nothing paid', () => {
    expect(trueUpAmount(TIERED, cents(600_000), cents(10_000_000), cents(0))).to.equal(400_000);
  });
});

describe('golden §6 true-up 415(c) cut', () => {
  const l2024 = limitsFor(2024);
  it('dollar limit binds: room = 6,900,000 − 6,850,000 = 50,000', () => {
    const ytd = { ...emptyYearToDate(), grossPay: 10_000_000, planComp: 10_000_000, annualAdditions: 6_850_000 };
    expect(cutTo415c(cents(100_000), l2024, ytd)).to.equal(50_000);
    expect(cutTo415c(cents(15_375), l2024, ytd)).to.equal(15_375);
  });
  it('gross pay binds: room = min(6,900,000, 3,000,000) − 2,990,000 = 10,000', () => {
    const ytd = { ...emptyYearToDate(), grossPay: 3_000_000, planComp: 3_000_000, annualAdditions: 2_990_000 };
    expect(cutTo415c(cents(15_375), l2024, ytd)).to.equal(10_000);
  });
  it('no room → 0', () => {
    const ytd = { ...emptyYearToDate(), grossPay: 10_000_000, planComp: 10_000_000, annualAdditions: 6_900_000 };
    expect(cutTo415c(cents(15_375), l2024, ytd)).to.equal(0);
  });
});
