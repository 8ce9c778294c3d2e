import { expect } from 'chai';
import fc from 'fast-check';
import {
  addPeriod,
  contributePeriod,
  emptyYearToDate,
  type PeriodInput,
  type PeriodLimits,
  type PeriodResult,
  type YearToDate,
} from '../../rules/contribution.js';
import { matchAmount } from '../../rules/match.js';
import { planCompensation } from '../../rules/payroll.js';
import { catchUpLimit, limitsFor } from '../../rules/limits.js';
import { isoDate } from '../../rules/calendar.js';
import { bp, cents, roundHalfUp, type Cents } from '../../rules/units.js';
import type { MatchTier } from '../../rules/plan-design.js';

const tier = (upTo: number, rate: number): MatchTier => ({ upTo: bp(upTo), rate: bp(rate) });
const SAFE_HARBOR = [tier(300, 10_000), tier(500, 5_000)];

function input(p: Partial<Record<keyof PeriodInput, unknown>> & { grossPay: number }): PeriodInput {
  return {
    grossPay: cents(p.grossPay),
    planComp: cents((p.planComp as number | undefined) ?? p.grossPay),
    preTaxRate: bp((p.preTaxRate as number | undefined) ?? 0),
    rothRate: bp((p.rothRate as number | undefined) ?? 0),
    matchTiers: (p.matchTiers as readonly MatchTier[] | null | undefined) ?? null,
    matchCapRate: (p.matchCapRate as PeriodInput['matchCapRate'] | undefined) ?? null,
    matchOnCatchUp: (p.matchOnCatchUp as boolean | undefined) ?? true,
    coreRate: bp((p.coreRate as number | undefined) ?? 0),
  };
}
const limits = (electiveDeferral: number, catchUp: number, annualAdditions: number): PeriodLimits => ({
  electiveDeferral: cents(electiveDeferral),
  catchUp: cents(catchUp),
  annualAdditions: cents(annualAdditions),
});
const ytdOf = (p: Partial<YearToDate>): YearToDate => ({ ...emptyYearToDate(), ...p });
const L2024 = limits(2_300_000, 0, 6_900_000);

describe('rules/contribution', () => {
  it('published: 2024, $23,000 deferral + $30,000 match + $20,000 core exceed $69,000 by $4,000; core is cut first', () => {
    // C = $100,000 in one period; pre = 10,000,000 × 2300 / 10000 = 2,300,000.
    // Match 150 % of the first 20 %: 15000 × min(2.3e10, 1e7 × 2000 = 2e10) / 1e8 = 3,000,000.
    // Core 20 %: 2,000,000. Additions 7,300,000 − room 6,900,000 = 400,000 cut from core → 1,600,000.
    const r = contributePeriod(
      input({ grossPay: 10_000_000, preTaxRate: 2300, matchTiers: [tier(2000, 15_000)], coreRate: 2000 }),
      L2024,
      emptyYearToDate(),
    );
    expect(r).to.deep.equal({
      preTax: 2_300_000, roth: 0, catchUp: 0, match: 3_000_000, core: 1_600_000,
      limitApplied: true, reached402g: true, reached415c: true,
    });
  });

  describe('402(g) reached mid-year (2024, $300,000 biweekly at 8 %)', () => {
    // Gross = 30,000,000 / 26 = 1,153,846.15 → 1,153,846; pre = 1,153,846 × 800 / 10000 = 92,307.68 → 92,308.
    // After 24 periods: 24 × 92,308 = 2,215,392; room in period 25 = 2,300,000 − 2,215,392 = 84,608;
    // the other 92,308 − 84,608 = 7,700 is catch-up if eligible, else not deferred.
    const run = (catchUp: number): PeriodResult[] => {
      const ytd = emptyYearToDate();
      const out: PeriodResult[] = [];
      for (let i = 0; i < 26; i++) {
        const r = contributePeriod(input({ grossPay: 1_153_846, preTaxRate: 800 }), limits(2_300_000, catchUp, 6_900_000), ytd);
        addPeriod(ytd, cents(1_153_846), cents(1_153_846), r);
        out.push(r);
      }
      return out;
    };
    it('without catch-up: period 25 defers 84,608 and is flagged; 26 defers nothing', () => {
      const rs = run(0);
      expect(rs.slice(0, 24).every((r) => r.preTax === 92_308 && !r.limitApplied && !r.reached402g)).to.equal(true);
      expect(rs[24]).to.deep.include({ preTax: 84_608, catchUp: 0, limitApplied: true, reached402g: true });
      expect(rs[25]).to.deep.include({ preTax: 0, catchUp: 0, limitApplied: true, reached402g: false });
    });
    it('age 50+ ($7,500 catch-up room): 7,700 then 92,308 of catch-up, no flag', () => {
      const rs = run(750_000);
      expect(rs[24]).to.deep.include({ preTax: 84_608, catchUp: 7_700, limitApplied: false, reached402g: true });
      expect(rs[25]).to.deep.include({ preTax: 0, catchUp: 92_308, limitApplied: false, reached402g: false });
    });
  });

  it('401(a)(17) reached mid-year: $520,000 in 2024 at 4 % with the safe-harbor match', () => {
    // Gross 2,000,000 a period; plan comp 2,000,000 × 17, then 500,000 (period 18), then 0.
    // Periods 1-17: pre 80,000, match 3 % + ½ × 1 % = 70,000. Period 18: pre 20,000, match 15,000 + 2,500
    // = 17,500, core 3 % = 15,000. Periods 19-26: nothing (no plan compensation), no flag.
    const ytd = emptyYearToDate();
    const rs: PeriodResult[] = [];
    for (let i = 0; i < 26; i++) {
      const comp = planCompensation(cents(2_000_000), cents(34_500_000), cents(ytd.planComp));
      const r = contributePeriod(
        input({ grossPay: 2_000_000, planComp: comp, preTaxRate: 400, matchTiers: SAFE_HARBOR, coreRate: 300 }),
        L2024,
        ytd,
      );
      addPeriod(ytd, cents(2_000_000), comp, r);
      rs.push(r);
    }
    expect(rs[16]).to.deep.include({ preTax: 80_000, match: 70_000, core: 60_000 });
    expect(rs[17]).to.deep.include({ preTax: 20_000, match: 17_500, core: 15_000, limitApplied: false });
    expect(rs.slice(18).every((r) => r.preTax + r.match + r.core === 0 && !r.limitApplied)).to.equal(true);
    expect(ytd).to.deep.include({ planComp: 34_500_000, preTax: 1_380_000, match: 1_207_500, core: 1_035_000 });
  });

  it('regular room is taken from pre-tax first, then Roth; the rest is catch-up', () => {
    // Room 50,000; pre 50,000 + Roth 50,000 wanted → regular = pre 50,000, Roth 0; 50,000 catch-up.
    const r = contributePeriod(
      input({ grossPay: 1_000_000, preTaxRate: 500, rothRate: 500 }),
      limits(2_300_000, 750_000, 6_900_000),
      ytdOf({ grossPay: 20_000_000, preTax: 2_250_000, annualAdditions: 2_250_000 }),
    );
    expect(r).to.deep.include({ preTax: 50_000, roth: 0, catchUp: 50_000, reached402g: true, limitApplied: false });
    // Room 70,000 with pre 50,000 and Roth 50,000: pre 50,000, Roth 20,000, catch-up 30,000.
    const s = contributePeriod(
      input({ grossPay: 1_000_000, preTaxRate: 500, rothRate: 500 }),
      limits(2_300_000, 750_000, 6_900_000),
      ytdOf({ grossPay: 20_000_000, preTax: 2_000_000, roth: 230_000, annualAdditions: 2_230_000 }),
    );
    expect(s).to.deep.include({ preTax: 50_000, roth: 20_000, catchUp: 30_000 });
  });

  describe('catch-up by age on Dec 31 (limits.ts catchUpLimit)', () => {
    const l2025 = limitsFor(2025);
    const l2024 = limitsFor(2024);
    const cases: [string, number, number][] = [
      ['1976-01-01', 2025, 0], // 49 on 2025-12-31
      ['1975-12-31', 2025, 750_000], // 50
      ['1966-12-31', 2025, 750_000], // 59
      ['1965-12-31', 2025, 1_125_000], // 60
      ['1962-12-31', 2025, 1_125_000], // 63
      ['1961-12-31', 2025, 750_000], // 64
      ['1964-02-29', 2025, 1_125_000], // 61 (Feb 29 birthday)
      ['1964-12-31', 2024, 750_000], // 60 in 2024: no 60-63 limit before 2025
    ];
    for (const [birth, year, want] of cases) {
      it(`born ${birth}, ${year}: ${want}`, () => {
        expect(catchUpLimit(year === 2025 ? l2025 : l2024, isoDate(birth))).to.equal(want);
      });
    }
    it('a 60-year-old in 2025 at 402(g) with 25,000 catch-up room left: 25,000 deferred, the rest flagged', () => {
      const r = contributePeriod(
        input({ grossPay: 1_000_000, preTaxRate: 1000 }),
        limits(2_350_000, 1_125_000, 7_000_000),
        ytdOf({ grossPay: 30_000_000, preTax: 2_350_000, catchUp: 1_100_000, annualAdditions: 2_350_000 }),
      );
      expect(r).to.deep.include({ preTax: 0, catchUp: 25_000, limitApplied: true, reached402g: false });
    });
  });

  describe('415(c) cut order: core, then match, then Roth, then pre-tax', () => {
    // C = 1,000,000: pre 30 % = 300,000, Roth 20 % = 200,000, match 100 % of first 30 % of D = 500,000
    // → 300,000, core 20 % = 200,000: 1,000,000 of additions.
    const period = input({ grossPay: 1_000_000, preTaxRate: 3000, rothRate: 2000, matchTiers: [tier(3000, 10_000)], coreRate: 2000 });
    const at = (additions: number): PeriodResult =>
      contributePeriod(period, L2024, ytdOf({ grossPay: 20_000_000, preTax: 1_000_000, annualAdditions: additions }));
    it('room 850,000: core loses 150,000', () => {
      expect(at(6_050_000)).to.deep.include({ preTax: 300_000, roth: 200_000, match: 300_000, core: 50_000, limitApplied: true });
    });
    it('room 300,000: core and match gone, Roth gone, pre-tax kept', () => {
      expect(at(6_600_000)).to.deep.include({ preTax: 300_000, roth: 0, match: 0, core: 0, reached415c: true });
    });
    it('room 100,000: only 100,000 of pre-tax', () => {
      expect(at(6_800_000)).to.deep.include({ preTax: 100_000, roth: 0, match: 0, core: 0, reached415c: true });
    });
    it('room 0: nothing, and the limit was already reached (no second 415c flag)', () => {
      expect(at(6_900_000)).to.deep.include({ preTax: 0, roth: 0, match: 0, core: 0, limitApplied: true, reached415c: false });
    });
    it('gross pay caps additions: 100 % deferral + 10 % core on $1,000 of pay → core cut to 0', () => {
      const r = contributePeriod(input({ grossPay: 100_000, preTaxRate: 10_000, coreRate: 1000 }), L2024, emptyYearToDate());
      expect(r).to.deep.include({ preTax: 100_000, core: 0, limitApplied: true, reached415c: false });
    });
    it('catch-up is not an annual addition', () => {
      const r = contributePeriod(
        input({ grossPay: 1_000_000, preTaxRate: 1000 }),
        limits(2_300_000, 750_000, 6_900_000),
        ytdOf({ grossPay: 20_000_000, preTax: 2_300_000, annualAdditions: 6_900_000 }),
      );
      expect(r).to.deep.include({ preTax: 0, catchUp: 100_000, limitApplied: false });
    });
  });

  describe('match and core eligibility', () => {
    it('not enrolled but core-eligible: core only (3 % of 384,615 = 11,538.45 → 11,538)', () => {
      const r = contributePeriod(input({ grossPay: 384_615, coreRate: 300, matchTiers: SAFE_HARBOR }), L2024, emptyYearToDate());
      expect(r).to.deep.include({ preTax: 0, roth: 0, match: 0, core: 11_538 });
    });
    it('matchTiers null (not match-eligible): no match', () => {
      const r = contributePeriod(input({ grossPay: 1_000_000, preTaxRate: 600 }), L2024, emptyYearToDate());
      expect(r).to.deep.include({ preTax: 60_000, match: 0 });
    });
    it('match on catch-up (default) vs onCatchUp false', () => {
      // At 402(g): 6 % of 1,000,000 = 60,000 is all catch-up. Matched: 30,000 + 50 % × 20,000 = 40,000.
      const ytd = ytdOf({ grossPay: 20_000_000, preTax: 2_300_000, annualAdditions: 2_300_000 });
      const lim = limits(2_300_000, 750_000, 6_900_000);
      expect(contributePeriod(input({ grossPay: 1_000_000, preTaxRate: 600, matchTiers: SAFE_HARBOR }), lim, ytd).match).to.equal(40_000);
      expect(
        contributePeriod(input({ grossPay: 1_000_000, preTaxRate: 600, matchTiers: SAFE_HARBOR, matchOnCatchUp: false }), lim, ytd).match,
      ).to.equal(0);
    });
  });

  describe('properties over a whole year', () => {
    const tiersArb = fc.constantFrom<readonly MatchTier[] | null>(null, [], SAFE_HARBOR, [tier(600, 5_000)], [tier(2000, 15_000)]);
    const yearArb = fc.record({
      pays: fc.array(fc.nat(4_000_000), { minLength: 1, maxLength: 52 }),
      preTaxRate: fc.nat(10_000),
      rothRate: fc.nat(5_000),
      tiers: tiersArb,
      capRate: fc.option(fc.nat(1_000)),
      onCatchUp: fc.boolean(),
      coreRate: fc.nat(3_000),
      catchUp: fc.constantFrom(0, 750_000, 1_125_000),
      year: fc.constantFrom(2020, 2024, 2025, 2026),
    });
    it('never negative, never past 402(g), catch-up, 415(c) or 401(a)(17); period amounts sum to the year', () => {
      fc.assert(
        fc.property(yearArb, (y) => {
          const irs = limitsFor(y.year);
          const lim = limits(irs.electiveDeferral, y.catchUp, irs.annualAdditions);
          const ytd = emptyYearToDate();
          const sums = { preTax: 0, roth: 0, catchUp: 0, match: 0, core: 0 };
          let flags402 = 0;
          let flags415 = 0;
          for (const gross of y.pays) {
            const comp = planCompensation(cents(gross), irs.compensation, cents(ytd.planComp));
            const inp = input({
              grossPay: gross, planComp: comp, preTaxRate: y.preTaxRate, rothRate: y.rothRate,
              matchTiers: y.tiers, matchCapRate: y.capRate === null ? null : bp(y.capRate), matchOnCatchUp: y.onCatchUp, coreRate: y.coreRate,
            });
            const r = contributePeriod(inp, lim, ytd);
            for (const k of ['preTax', 'roth', 'catchUp', 'match', 'core'] as const) {
              expect(Number.isSafeInteger(r[k]) && r[k] >= 0, k).to.equal(true);
              sums[k] += r[k];
            }
            // Nothing above what the rates ask for.
            expect(r.preTax + r.roth + r.catchUp).to.be.at.most(
              roundHalfUp(comp * y.preTaxRate, 10_000) + roundHalfUp(comp * y.rothRate, 10_000),
            );
            expect(r.core).to.be.at.most(roundHalfUp(comp * y.coreRate, 10_000));
            if (y.tiers !== null) {
              const d = y.onCatchUp ? r.preTax + r.roth + r.catchUp : r.preTax + r.roth;
              expect(r.match).to.be.at.most(matchAmount(y.tiers, cents(roundHalfUp(comp * y.preTaxRate, 10_000) + roundHalfUp(comp * y.rothRate, 10_000)), comp));
              expect(d).to.be.at.least(0);
            } else expect(r.match).to.equal(0);
            if (r.reached402g) flags402++;
            if (r.reached415c) flags415++;
            addPeriod(ytd, cents(gross), comp, r);
            expect(ytd.preTax + ytd.roth).to.be.at.most(irs.electiveDeferral);
            expect(ytd.catchUp).to.be.at.most(y.catchUp);
            expect(ytd.annualAdditions).to.be.at.most(Math.min(irs.annualAdditions, ytd.grossPay));
            expect(ytd.planComp).to.be.at.most(irs.compensation);
          }
          expect(ytd).to.deep.include(sums);
          expect(ytd.annualAdditions).to.equal(sums.preTax + sums.roth + sums.match + sums.core);
          expect(ytd.grossPay).to.equal(y.pays.reduce((a, b) => a + b, 0));
          expect(flags402).to.equal(ytd.preTax + ytd.roth === irs.electiveDeferral && irs.electiveDeferral > 0 ? 1 : 0);
          expect(flags415).to.equal(ytd.annualAdditions === irs.annualAdditions ? 1 : 0);
        }),
        { numRuns: 300 },
      );
    });

    it('is pure: the year-to-date passed in is not changed', () => {
      const ytd = Object.freeze(ytdOf({ grossPay: 5, preTax: 1, annualAdditions: 1 }));
      expect(() => contributePeriod(input({ grossPay: 1_000_000, preTaxRate: 600, coreRate: 300 }), L2024, ytd)).to.not.throw();
    });
  });
});

export type { Cents };
