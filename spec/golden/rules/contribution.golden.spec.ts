/**
 * Golden cases for RULES.md §6.1 and §6.4 (elective deferrals, 402(g), catch-up, 415(c)) through
 * `contributePeriod`, CONTRACTS readings 7, 8 and 9. Every figure below is computed by hand.
 */
import { expect } from 'chai';
import { addPeriod, contributePeriod, emptyYearToDate } from '../../../rules/contribution.js';
import type { PeriodInput, PeriodLimits, PeriodResult, YearToDate } from '../../../rules/contribution.js';
import { catchUpLimit, limitsFor } from '../../../rules/limits.js';
import { grossPeriodPay, payDates, planCompensation } from '../../../rules/payroll.js';
import type { MatchTier } from '../../../rules/plan-design.js';
import { isoDate } from '../../../rules/calendar.js';
import { bp, cents } from '../../../rules/units.js';

const TIERED: readonly MatchTier[] = [{ upTo: bp(300), rate: bp(10000) }, { upTo: bp(500), rate: bp(5000) }];

function input(p: Partial<Record<keyof PeriodInput, unknown>> & { gross: number; comp?: number }): PeriodInput {
  return {
    grossPay: cents(p.gross), planComp: cents(p.comp ?? p.gross),
    preTaxRate: bp((p.preTaxRate as number | undefined) ?? 0), rothRate: bp((p.rothRate as number | undefined) ?? 0),
    matchTiers: (p.matchTiers as readonly MatchTier[] | null | undefined) ?? null,
    matchCapRate: null, matchOnCatchUp: (p.matchOnCatchUp as boolean | undefined) ?? true,
    coreRate: bp((p.coreRate as number | undefined) ?? 0),
  };
}
const limits = (year: number, catchUp: number): PeriodLimits => {
  const l = limitsFor(year);
  return { electiveDeferral: l.electiveDeferral, catchUp: cents(catchUp), annualAdditions: l.annualAdditions };
};
function ytdWith(v: Partial<YearToDate>): YearToDate {
  return { ...emptyYearToDate(), ...v };
}
const amounts = (r: PeriodResult) => ({ preTax: r.preTax, roth: r.roth, catchUp: r.catchUp, match: r.match, core: r.core });

/** Runs a whole biweekly year for one participant: the same rates and annual pay on every pay date. */
function runYear(year: number, annual: number, pre: number, catchUp: number, tiers: readonly MatchTier[] | null) {
  const l = limitsFor(year);
  const gross = grossPeriodPay(cents(annual), 'biweekly');
  const ytd = emptyYearToDate();
  const results: PeriodResult[] = [];
  const comps: number[] = [];
  for (const _d of payDates(year, 'biweekly')) {
    const comp = planCompensation(gross, l.compensation, cents(ytd.planComp));
    const r = contributePeriod(input({ gross, comp, preTaxRate: pre, matchTiers: tiers }), limits(year, catchUp), ytd);
    addPeriod(ytd, gross, comp, r);
    results.push(r);
    comps.push(comp);
  }
  return { results, ytd, comps, gross };
}

describe('golden §6.1 one ordinary period', () => {
  it('$100,000 biweekly, 6 % pre-tax, tiered match, 3 % core', () => {
    // C = 384,615; pre = roundHalfUp(384,615 × 600, 10⁴) = 23,076.9 → 23,077
    // match (see match spec) = 15,385; core = 384,615 × 300 / 10⁴ = 11,538.45 → 11,538
    const r = contributePeriod(input({ gross: 384_615, preTaxRate: 600, matchTiers: TIERED, coreRate: 300 }), limits(2025, 0), emptyYearToDate());
    expect(amounts(r)).to.deep.equal({ preTax: 23_077, roth: 0, catchUp: 0, match: 15_385, core: 11_538 });
    expect(r.limitApplied).to.equal(false);
    expect(r.reached402g).to.equal(false);
    expect(r.reached415c).to.equal(false);
  });

  it('pre-tax and Roth are rounded separately; the match sees their sum', () => {
    // pre 4 %: 153,846,000 / 10⁴ = 15,384.6 → 15,385 ; Roth 2 %: 76,923,000 / 10⁴ = 7,692.3 → 7,692
    // D = 23,077 → match 15,385
    const r = contributePeriod(input({ gross: 384_615, preTaxRate: 400, rothRate: 200, matchTiers: TIERED }), limits(2025, 0), emptyYearToDate());
    expect(amounts(r)).to.deep.equal({ preTax: 15_385, roth: 7_692, catchUp: 0, match: 15_385, core: 0 });
  });

  it('not eligible for the match (tiers null) → no match', () => {
    const r = contributePeriod(input({ gross: 384_615, preTaxRate: 600, matchTiers: null }), limits(2025, 0), emptyYearToDate());
    expect(r.match).to.equal(0);
  });
});

describe('golden §6.1 the pay period in which 402(g) is reached', () => {
  it('$400,000 biweekly at 10 % in 2025, no catch-up: reached on period 16 (2025-08-01)', () => {
    // gross = 40,000,000 / 26 = 1,538,461.54 → 1,538,462
    // plan comp: 22 × 1,538,462 = 33,846,164; period 23: 35,000,000 − 33,846,164 = 1,153,836; 24-26: 0
    // pre (periods 1-22) = 1,538,462,000 / 10⁴ = 153,846.2 → 153,846
    // 15 periods: 15 × 153,846 = 2,307,690; period 16 room = 2,350,000 − 2,307,690 = 42,310
    //   → pre 42,310, 111,536 not deferred (no catch-up room) → irsLimitApplied
    // periods 17-23: room 0, deferral wanted > 0 → nothing deferred, limit applied
    // periods 24-26: plan comp 0 → nothing wanted → no limit applied
    const { results, ytd, comps } = runYear(2025, 40_000_000, 1000, 0, null);
    expect(comps[21]).to.equal(1_538_462);
    expect(comps[22]).to.equal(1_153_836);
    expect(comps[23]).to.equal(0);
    expect(results[14]!.preTax).to.equal(153_846);
    expect(results[14]!.reached402g).to.equal(false);
    expect(results[14]!.limitApplied).to.equal(false);
    expect(amounts(results[15]!)).to.deep.equal({ preTax: 42_310, roth: 0, catchUp: 0, match: 0, core: 0 });
    expect(results[15]!.limitApplied).to.equal(true);
    expect(results[15]!.reached402g).to.equal(true);
    expect(payDates(2025, 'biweekly')[15]).to.equal('2025-08-01');
    expect(results.filter((r) => r.reached402g).length).to.equal(1);
    expect(results[16]!.preTax).to.equal(0);
    expect(results[16]!.limitApplied).to.equal(true);
    expect(results[22]!.limitApplied).to.equal(true);
    expect(results[25]!.limitApplied).to.equal(false);
    expect(ytd.preTax).to.equal(2_350_000);
    expect(ytd.catchUp).to.equal(0);
    expect(ytd.planComp).to.equal(35_000_000);
    expect(ytd.grossPay).to.equal(26 * 1_538_462);
    expect(ytd.annualAdditions).to.equal(2_350_000);
  });

  it('age 61 in 2025 (60-63 catch-up $11,250), $300,000 biweekly at 20 %: regular vs catch-up split', () => {
    // born 1964-07-01 → 61 on 2025-12-31 → catch-up limit 1,125,000
    const cu = catchUpLimit(limitsFor(2025), isoDate('1964-07-01'));
    expect(cu).to.equal(1_125_000);
    // gross = 30,000,000 / 26 = 1,153,846.15 → 1,153,846 (26 × = 29,999,996 < 35,000,000: never capped)
    // pre = 1,153,846 × 2000 / 10⁴ = 230,769.2 → 230,769
    // periods 1-10: 10 × 230,769 = 2,307,690 regular
    // period 11 (2025-05-23): regular 42,310, catch-up 230,769 − 42,310 = 188,459, all deferred
    // periods 12-15: catch-up 230,769 each → 188,459 + 923,076 = 1,111,535
    // period 16 (2025-08-01): catch-up room 13,465 → catch-up 13,465, 217,304 not deferred
    // match (tiered, on catch-up): periods 1-15 D ≥ 5 % of C:
    //   tier 1 C×300 = 346,153,800 × 10⁴ = 3,461,538,000,000; tier 2 C×200 = 230,769,200 × 5000 = 1,153,846,000,000
    //   → 4,615,384,000,000 / 10⁸ = 46,153.84 → 46,154
    // period 16: D = 13,465 (< 3 % of C) → 13,465 × 10⁴ × 10⁴ / 10⁸ = 13,465
    // total match = 15 × 46,154 + 13,465 = 705,775
    // annual additions = 2,350,000 + 705,775 = 3,055,775 (catch-up excluded)
    const { results, ytd } = runYear(2025, 30_000_000, 2000, cu, TIERED);
    expect(results[9]!.preTax).to.equal(230_769);
    expect(results[9]!.reached402g).to.equal(false);
    expect(amounts(results[10]!)).to.deep.equal({ preTax: 42_310, roth: 0, catchUp: 188_459, match: 46_154, core: 0 });
    expect(results[10]!.reached402g).to.equal(true);
    expect(results[10]!.limitApplied).to.equal(false);
    expect(payDates(2025, 'biweekly')[10]).to.equal('2025-05-23');
    expect(results[14]!.catchUp).to.equal(230_769);
    expect(results[14]!.limitApplied).to.equal(false);
    expect(amounts(results[15]!)).to.deep.equal({ preTax: 0, roth: 0, catchUp: 13_465, match: 13_465, core: 0 });
    expect(results[15]!.limitApplied).to.equal(true);
    expect(results[16]!.catchUp).to.equal(0);
    expect(results[16]!.match).to.equal(0);
    expect(ytd.preTax).to.equal(2_350_000);
    expect(ytd.catchUp).to.equal(1_125_000);
    expect(ytd.match).to.equal(705_775);
    expect(ytd.annualAdditions).to.equal(3_055_775);
  });

  it('room smaller than pre + Roth: regular taken from pre-tax first, then Roth, rest to catch-up', () => {
    // 2025, YTD regular 2,000,000 pre + 280,000 Roth = 2,280,000 → room 70,000
    // C = 1,000,000: pre 5 % = 50,000, Roth 5 % = 50,000 → regular pre 50,000 + Roth 20,000,
    // catch-up (limit 750,000, age 50+) = 30,000 → all deferred: no limit applied, 402(g) reached
    const ytd = ytdWith({ grossPay: 30_000_000, planComp: 30_000_000, preTax: 2_000_000, roth: 280_000, annualAdditions: 2_280_000 });
    const r = contributePeriod(input({ gross: 1_000_000, preTaxRate: 500, rothRate: 500 }), limits(2025, 750_000), ytd);
    expect(amounts(r)).to.deep.equal({ preTax: 50_000, roth: 20_000, catchUp: 30_000, match: 0, core: 0 });
    expect(r.reached402g).to.equal(true);
    expect(r.limitApplied).to.equal(false);
    // the same without catch-up eligibility: 30,000 is not deferred
    const r2 = contributePeriod(input({ gross: 1_000_000, preTaxRate: 500, rothRate: 500 }), limits(2025, 0), ytd);
    expect(amounts(r2)).to.deep.equal({ preTax: 50_000, roth: 20_000, catchUp: 0, match: 0, core: 0 });
    expect(r2.limitApplied).to.equal(true);
    expect(r2.reached402g).to.equal(true);
  });

  it('match.onCatchUp false matches the regular deferral only', () => {
    // 2025, YTD regular 2,300,000 → room 50,000; C = 1,000,000 at 10 % = 100,000 → 50,000 regular + 50,000 catch-up
    // tier 100 % up to 6 %: cap C × 600 = 6 × 10⁸
    //   on catch-up: D×10⁴ = 10⁹ → clamped 6 × 10⁸ → × 10⁴ / 10⁸ = 60,000
    //   regular only: D×10⁴ = 5 × 10⁸ → 50,000
    const tiers: MatchTier[] = [{ upTo: bp(600), rate: bp(10000) }];
    const ytd = ytdWith({ grossPay: 25_000_000, planComp: 25_000_000, preTax: 2_300_000, annualAdditions: 2_300_000 });
    const on = contributePeriod(input({ gross: 1_000_000, preTaxRate: 1000, matchTiers: tiers, matchOnCatchUp: true }), limits(2025, 750_000), ytd);
    const off = contributePeriod(input({ gross: 1_000_000, preTaxRate: 1000, matchTiers: tiers, matchOnCatchUp: false }), limits(2025, 750_000), ytd);
    expect(amounts(on)).to.deep.equal({ preTax: 50_000, roth: 0, catchUp: 50_000, match: 60_000, core: 0 });
    expect(amounts(off)).to.deep.equal({ preTax: 50_000, roth: 0, catchUp: 50_000, match: 50_000, core: 0 });
  });
});

describe('golden §6.1 more edges', () => {
  it('deferral and core are computed on plan compensation, not gross (the 401(a)(17) period)', () => {
    // gross 1,538,462, plan comp 1,153,836 (period 23 of the $400,000 case), 10 % pre, 3 % core
    // pre = 1,153,836 × 1000 / 10⁴ = 115,383.6 → 115,384 ; core = 1,153,836 × 300 / 10⁴ = 34,615.08 → 34,615
    const r = contributePeriod(input({ gross: 1_538_462, comp: 1_153_836, preTaxRate: 1000, coreRate: 300 }), limits(2025, 0), emptyYearToDate());
    expect(amounts(r)).to.deep.equal({ preTax: 115_384, roth: 0, catchUp: 0, match: 0, core: 34_615 });
  });

  it('core for an eligible participant who is not deferring', () => {
    // 384,615 × 300 / 10⁴ = 11,538.45 → 11,538
    const r = contributePeriod(input({ gross: 384_615, coreRate: 300 }), limits(2025, 0), emptyYearToDate());
    expect(amounts(r)).to.deep.equal({ preTax: 0, roth: 0, catchUp: 0, match: 0, core: 11_538 });
    expect(r.limitApplied).to.equal(false);
  });

  it('a deferral that fills the 402(g) room exactly: reached, nothing cut', () => {
    // 2025, YTD pre 2,150,000 + Roth 100,000 = 2,250,000 → room 100,000 = 10 % of 1,000,000
    const ytd = ytdWith({ grossPay: 20_000_000, planComp: 20_000_000, preTax: 2_150_000, roth: 100_000, annualAdditions: 2_250_000 });
    const r = contributePeriod(input({ gross: 1_000_000, preTaxRate: 1000 }), limits(2025, 750_000), ytd);
    expect(amounts(r)).to.deep.equal({ preTax: 100_000, roth: 0, catchUp: 0, match: 0, core: 0 });
    expect(r.reached402g).to.equal(true);
    expect(r.limitApplied).to.equal(false);
  });

  it('the match is computed on what was deferred, not on the elected amount that 402(g) stopped', () => {
    // 2025, YTD regular 2,300,000 → room 50,000; wanted 10 % × 1,000,000 = 100,000; not catch-up eligible
    // D = 50,000 → tier 100 % up to 6 % (cap 6 × 10⁸): 5 × 10⁸ × 10⁴ / 10⁸ = 50,000 (not 60,000)
    const ytd = ytdWith({ grossPay: 25_000_000, planComp: 25_000_000, preTax: 2_300_000, annualAdditions: 2_300_000 });
    const r = contributePeriod(input({ gross: 1_000_000, preTaxRate: 1000, matchTiers: [{ upTo: bp(600), rate: bp(10000) }] }), limits(2025, 0), ytd);
    expect(amounts(r)).to.deep.equal({ preTax: 50_000, roth: 0, catchUp: 0, match: 50_000, core: 0 });
    expect(r.limitApplied).to.equal(true);
    expect(r.reached402g).to.equal(true);
  });
});

describe('golden §6.4 415(c) annual additions', () => {
  it('published figure 2024: $23,000 + match $30,000 + core $20,000 exceed $69,000 by $4,000 → core $16,000', () => {
    // one period, C = gross = $100,000 (10,000,000 ¢), empty YTD, not catch-up eligible
    // pre 23 %: 10,000,000 × 2300 / 10⁴ = 2,300,000 (= the 2024 402(g) room exactly → reached)
    // match 150 % of the first 20 %: clamp(2.3 × 10¹⁰, 0, C × 2000 = 2 × 10¹⁰) × 15000 / 10⁸ = 3,000,000
    // core 20 %: 2,000,000
    // limit (reading 9) = min(6,900,000, gross YTD 10,000,000) − 0 = 6,900,000
    // additions 7,300,000 → excess 400,000 → cut core first: 2,000,000 − 400,000 = 1,600,000
    // YTD additions become 6,900,000 = the 415(c) dollar limit → reached415c
    const r = contributePeriod(
      input({ gross: 10_000_000, preTaxRate: 2300, matchTiers: [{ upTo: bp(2000), rate: bp(15000) }], coreRate: 2000 }),
      limits(2024, 0), emptyYearToDate());
    expect(amounts(r)).to.deep.equal({ preTax: 2_300_000, roth: 0, catchUp: 0, match: 3_000_000, core: 1_600_000 });
    expect(r.limitApplied).to.equal(true);
    expect(r.reached402g).to.equal(true);
    expect(r.reached415c).to.equal(true);
    const ytd = emptyYearToDate();
    addPeriod(ytd, cents(10_000_000), cents(10_000_000), r);
    expect(ytd).to.deep.include({ grossPay: 10_000_000, planComp: 10_000_000, preTax: 2_300_000, match: 3_000_000, core: 1_600_000, annualAdditions: 6_900_000 });
  });

  it('a cut through core, match, Roth then pre-tax', () => {
    // 2024, YTD: gross 30,000,000; pre 1,500,000 + match 3,000,000 + core 2,300,000 = additions 6,800,000
    // period C = gross = 1,000,000: pre 20 % = 200,000, Roth 10 % = 100,000 (402(g) room 800,000: fits)
    //   match 100 % up to 30 %: D = 300,000 → D×10⁴ = 3 × 10⁹ = C × 3000 → 300,000 (on the pre-cut deferral)
    //   core 10 % = 100,000
    // limit = min(6,900,000, 31,000,000) − 6,800,000 = 100,000; wanted 700,000 → cut 600,000:
    //   core 100,000 → 0 (500,000 left), match 300,000 → 0 (200,000 left),
    //   Roth 100,000 → 0 (100,000 left), pre-tax 200,000 → 100,000
    // additions YTD = 6,900,000 → reached415c; regular YTD 1,600,000 ≠ 2,300,000 → not 402(g)
    const ytd = ytdWith({ grossPay: 30_000_000, planComp: 30_000_000, preTax: 1_500_000, match: 3_000_000, core: 2_300_000, annualAdditions: 6_800_000 });
    const r = contributePeriod(
      input({ gross: 1_000_000, preTaxRate: 2000, rothRate: 1000, matchTiers: [{ upTo: bp(3000), rate: bp(10000) }], coreRate: 1000 }),
      limits(2024, 0), ytd);
    expect(amounts(r)).to.deep.equal({ preTax: 100_000, roth: 0, catchUp: 0, match: 0, core: 0 });
    expect(r.limitApplied).to.equal(true);
    expect(r.reached415c).to.equal(true);
    expect(r.reached402g).to.equal(false);
  });

  it('the gross-pay bound: additions may not pass 100 % of gross pay YTD (not the dollar limit → not "reached")', () => {
    // 2025, one period, C = gross = 100,000 ($1,000), pre 90 % = 90,000,
    // match 100 % up to 10 % = 10,000, core 10 % = 10,000 → 110,000 wanted
    // limit = min(7,000,000, 100,000) − 0 = 100,000 → cut 10,000 from core → core 0
    // YTD additions 100,000 ≠ 7,000,000 → reached415c false (reading 7: the dollar limit)
    const r = contributePeriod(
      input({ gross: 100_000, preTaxRate: 9000, matchTiers: [{ upTo: bp(1000), rate: bp(10000) }], coreRate: 1000 }),
      limits(2025, 0), emptyYearToDate());
    expect(amounts(r)).to.deep.equal({ preTax: 90_000, roth: 0, catchUp: 0, match: 10_000, core: 0 });
    expect(r.limitApplied).to.equal(true);
    expect(r.reached415c).to.equal(false);
  });

  it('a 415(c) cut of the regular deferral does not touch (or refill) the catch-up', () => {
    // 2025, YTD: gross 40,000,000; pre 2,300,000 + match 2,690,000 + core 2,000,000 = additions 6,990,000
    // period C = 1,000,000 at 10 % = 100,000: 402(g) room 50,000 → regular 50,000, catch-up 50,000
    // 415(c) room = min(7,000,000, 41,000,000) − 6,990,000 = 10,000 → regular cut 50,000 → 10,000
    // reading 9: the cut 40,000 is simply not contributed (not recharacterized as catch-up)
    // additions YTD 7,000,000 → reached415c; regular YTD 2,310,000 ≠ 2,350,000 → not 402(g)
    const ytd = ytdWith({ grossPay: 40_000_000, planComp: 34_000_000, preTax: 2_300_000, match: 2_690_000, core: 2_000_000, annualAdditions: 6_990_000 });
    const r = contributePeriod(input({ gross: 1_000_000, preTaxRate: 1000 }), limits(2025, 750_000), ytd);
    expect(amounts(r)).to.deep.equal({ preTax: 10_000, roth: 0, catchUp: 50_000, match: 0, core: 0 });
    expect(r.limitApplied).to.equal(true);
    expect(r.reached415c).to.equal(true);
    expect(r.reached402g).to.equal(false);
  });

  it('catch-up is outside 415(c): a catch-up-only period after the limit is reached still defers', () => {
    // 2025, YTD additions already 7,000,000 (regular 2,350,000 + match 2,650,000 + core 2,000,000)
    // period C = 1,000,000 at 10 % = 100,000: regular room 0 → 100,000 catch-up (room 750,000)
    // no match (tiers null), no core: nothing counts toward 415(c) → no cut
    const ytd = ytdWith({ grossPay: 30_000_000, planComp: 30_000_000, preTax: 2_350_000, match: 2_650_000, core: 2_000_000, annualAdditions: 7_000_000 });
    const r = contributePeriod(input({ gross: 1_000_000, preTaxRate: 1000 }), limits(2025, 750_000), ytd);
    expect(amounts(r)).to.deep.equal({ preTax: 0, roth: 0, catchUp: 100_000, match: 0, core: 0 });
    expect(r.limitApplied).to.equal(false);
    expect(r.reached415c).to.equal(false);
    expect(r.reached402g).to.equal(false);
  });
});
