/**
 * Golden cases for RULES.md §6.2 (the match formula) and §6.3 (core), by hand.
 * match = roundHalfUp( Σ rateᵢ × clamp(D×10000 − C×upToᵢ₋₁, 0, C×(upToᵢ − upToᵢ₋₁)), 10⁸ )
 */
import { expect } from 'chai';
import { isRight } from 'fp-ts/lib/Either.js';
import { matchAmount, matchTiersFor } from '../../../rules/match.js';
import { coreRateFor } from '../../../rules/core.js';
import { decodePlanDesign } from '../../../rules/plan-design.js';
import type { MatchTier, PlanDesign } from '../../../rules/plan-design.js';
import { bp, cents } from '../../../rules/units.js';

/** 100 % of the first 3 % and 50 % of the next 2 % (the RULES.md example). */
const TIERED: readonly MatchTier[] = [{ upTo: bp(300), rate: bp(10000) }, { upTo: bp(500), rate: bp(5000) }];

function decode(json: unknown): PlanDesign {
  const r = decodePlanDesign(json);
  if (!isRight(r)) throw new Error(`plan design did not decode: ${r.left.join('; ')}`);
  return r.right;
}

describe('golden §6.2 match formula', () => {
  it('published figure: $100,000 pay at 6 % deferral, year total → $4,000', () => {
    // C = 10,000,000 ¢, D = 600,000 ¢ → D×10000 = 6,000,000,000
    // tier 1: clamp(6e9 − 0, 0, C×300 = 3e9) = 3e9 × 10000 = 3e13
    // tier 2: clamp(6e9 − 3e9, 0, C×200 = 2e9) = 2e9 × 5000 = 1e13
    // (3e13 + 1e13) / 1e8 = 400,000 ¢ = $4,000.00
    expect(matchAmount(TIERED, cents(600_000), cents(10_000_000))).to.equal(400_000);
  });

  it('deferring more than the last tier does not raise the match: 10 % → still $4,000', () => {
    expect(matchAmount(TIERED, cents(1_000_000), cents(10_000_000))).to.equal(400_000);
  });

  it('one biweekly period of $100,000 (C = 384,615 ¢)', () => {
    // 6 %: D = roundHalfUp(384,615 × 600, 10⁴) = 23,076.9 → 23,077
    //   tier 1: D×10⁴ = 230,770,000 ≥ C×300 = 115,384,500 → 115,384,500 × 10⁴ = 1,153,845,000,000
    //   tier 2: 230,770,000 − 115,384,500 = 115,385,500 ≥ C×200 = 76,923,000 → 76,923,000 × 5000 = 384,615,000,000
    //   1,538,460,000,000 / 10⁸ = 15,384.6 → 15,385
    expect(matchAmount(TIERED, cents(23_077), cents(384_615))).to.equal(15_385);
    // 4 %: D = 15,384.6 → 15,385; tier 2: 153,850,000 − 115,384,500 = 38,465,500 × 5000 = 192,327,500,000
    //   (1,153,845,000,000 + 192,327,500,000) / 10⁸ = 13,461.725 → 13,462
    expect(matchAmount(TIERED, cents(15_385), cents(384_615))).to.equal(13_462);
    // 2 %: D = 7,692.3 → 7,692 (inside tier 1, matched 100 %): 7,692 × 10⁴ × 10⁴ / 10⁸ = 7,692
    expect(matchAmount(TIERED, cents(7_692), cents(384_615))).to.equal(7_692);
    expect(matchAmount(TIERED, cents(0), cents(384_615))).to.equal(0);
  });

  it('rounds the tier sum once, half up: 50 % of 1 ¢ = 0.5 ¢ → 1 ¢', () => {
    // 1 × 10⁴ × 5000 = 5 × 10⁷ ; / 10⁸ = 0.5 → 1
    expect(matchAmount([{ upTo: bp(600), rate: bp(5000) }], cents(1), cents(1_000_000))).to.equal(1);
  });

  it('no tiers → no match', () => {
    expect(matchAmount([], cents(600_000), cents(10_000_000))).to.equal(0);
  });

  it('interchange tiers decode to bp: [{"upTo":"0.03","rate":"1.00"},{"upTo":"0.05","rate":"0.50"}]', () => {
    const plan = decode({
      planId: 'p', planDesignId: 'd',
      match: { tiers: [{ upTo: '0.03', rate: '1.00' }, { upTo: '0.05', rate: '0.50' }] },
    });
    expect(plan.match.tiers).to.deep.equal([{ upTo: 300, rate: 10000 }, { upTo: 500, rate: 5000 }]);
    // without service tiers (an extension), the plan tiers apply at any service
    expect(matchTiersFor(plan.match, 0)).to.deep.equal([{ upTo: 300, rate: 10000 }, { upTo: 500, rate: 5000 }]);
  });

  it('a rate with more than 4 decimals is refused (§1: never rounded silently)', () => {
    const r = decodePlanDesign({ planId: 'p', planDesignId: 'd', match: { tiers: [{ upTo: '0.03001', rate: '1.00' }] } });
    expect(isRight(r)).to.equal(false);
  });
});

describe('golden §6.3 core', () => {
  it('flat core rate from the plan design (3 %) and its amount on one biweekly $100,000 period', () => {
    const plan = decode({ planId: 'p', planDesignId: 'd', core: { rate: '0.03' } });
    expect(plan.core.rate).to.equal(300);
    expect(coreRateFor(plan.core, 40, 5)).to.equal(300);
    // core = roundHalfUp(384,615 × 300, 10⁴) = 11,538.45 → 11,538 (checked through contributePeriod
    // in contribution.golden.spec.ts)
  });
  it('core defaults to 0', () => {
    const plan = decode({ planId: 'p', planDesignId: 'd' });
    expect(plan.core.rate).to.equal(0);
    expect(plan.match.tiers).to.deep.equal([]);
    expect(plan.payroll.frequency).to.equal('biweekly');
    expect(plan.eligibility).to.deep.equal({ minAge: 21, serviceMonths: 0, entry: 'immediate' });
    expect(plan.match.onCatchUp).to.equal(true);
    expect(plan.match.trueUp).to.equal(false);
  });
});
