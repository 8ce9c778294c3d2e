import { expect } from 'chai';
import fc from 'fast-check';
import { matchAmount, matchTiersFor } from '../../rules/match.js';
import { roundHalfUpBig } from '../../rules/units.js';
import { bp, cents } from '../../rules/units.js';
import type { MatchTier } from '../../rules/plan-design.js';

const tier = (upTo: number, rate: number): MatchTier => ({ upTo: bp(upTo), rate: bp(rate) });
/** 100 % of the first 3 % and 50 % of the next 2 % (RULES.md §6.2 example). */
const SAFE_HARBOR = [tier(300, 10_000), tier(500, 5_000)];

/** Independent reference: the §6.2 formula evaluated wholly in BigInt. */
function reference(tiers: readonly MatchTier[], D: number, C: number): number {
  let sum = 0n;
  let prev = 0n;
  for (const t of tiers) {
    const lo = BigInt(C) * prev;
    const width = BigInt(C) * (BigInt(t.upTo) - prev);
    let x = BigInt(D) * 10_000n - lo;
    if (x < 0n) x = 0n;
    if (x > width) x = width;
    sum += BigInt(t.rate) * x;
    prev = BigInt(t.upTo);
  }
  return Number(roundHalfUpBig(sum, 100_000_000n));
}

describe('rules/match', () => {
  describe('matchAmount', () => {
    it('published: 100 % of 3 % + 50 % of next 2 %, $100,000 pay, 6 % deferral → $4,000', () => {
      // D = 600,000, C = 10,000,000. Tier 1: 10000 × min(6e9, 3e9) = 3e13.
      // Tier 2: 5000 × clamp(6e9 − 3e9, 0, 2e9) = 1e13. (3e13 + 1e13) / 1e8 = 400,000 cents.
      expect(matchAmount(SAFE_HARBOR, cents(600_000), cents(10_000_000))).to.equal(400_000);
    });

    it('one biweekly period of $100,000 / 26 at 6 %: 15,385 cents', () => {
      // C = 384,615; D = roundHalfUp(384,615 × 600, 10000) = 23,076.9 → 23,077.
      // Tier 1: 10000 × min(230,770,000, 115,384,500) = 1,153,845,000,000.
      // Tier 2: 5000 × min(115,385,500, 76,923,000) = 384,615,000,000.
      // Σ = 1,538,460,000,000 / 1e8 = 15,384.6 → 15,385.
      expect(matchAmount(SAFE_HARBOR, cents(23_077), cents(384_615))).to.equal(15_385);
    });

    it('deferral inside the first tier: 2 % of $100,000 → $2,000; at 4 %: 3,000 + 500 = $3,500', () => {
      expect(matchAmount(SAFE_HARBOR, cents(200_000), cents(10_000_000))).to.equal(200_000);
      expect(matchAmount(SAFE_HARBOR, cents(400_000), cents(10_000_000))).to.equal(350_000);
    });

    it('rounds half up once: 50 % of the first 6 % on D = 1 cent → 0.5 → 1 cent', () => {
      // 5000 × min(1 × 10000, 1000 × 600) = 5e7; 5e7 / 1e8 = 0.5 → 1.
      expect(matchAmount([tier(600, 5_000)], cents(1), cents(1_000))).to.equal(1);
    });

    it('no tiers, no deferral or no pay: 0', () => {
      expect(matchAmount([], cents(500), cents(10_000))).to.equal(0);
      expect(matchAmount(SAFE_HARBOR, cents(0), cents(10_000))).to.equal(0);
      expect(matchAmount(SAFE_HARBOR, cents(500), cents(0))).to.equal(0);
    });

    it('capRate (extension): match ≤ roundHalfUp(C × cap, 10000): cap 2 % of $100,000 → $2,000', () => {
      expect(matchAmount(SAFE_HARBOR, cents(600_000), cents(10_000_000), bp(200))).to.equal(200_000);
      expect(matchAmount(SAFE_HARBOR, cents(600_000), cents(10_000_000), null)).to.equal(400_000);
    });

    it('huge pay (products past 2^53) stays exact: C = 999,999,999,999, D = 60,000,000,000', () => {
      // Tier 1: 10000 × min(6e14, 299,999,999,999,700) = 2,999,999,999,997,000,000.
      // Tier 2: 5000 × clamp(300,000,000,000,300, 0, 199,999,999,999,800) = 999,999,999,999,000,000.
      // Σ = 3,999,999,999,996,000,000 / 1e8 = 39,999,999,999.96 → 40,000,000,000.
      expect(matchAmount(SAFE_HARBOR, cents(60_000_000_000), cents(999_999_999_999))).to.equal(40_000_000_000);
      // C = 2^40 + 1 = 1,099,511,627,777; D = roundHalfUp(C × 600, 10000) = 65,970,697,666.62 → 65,970,697,667.
      // Tier 1: 10000 × C × 300 = 3,298,534,883,331,000,000.
      // Tier 2: 5000 × min(D × 10000 − C × 300 = 329,853,488,336,900, C × 200 = 219,902,325,555,400)
      //       = 1,099,511,627,777,000,000. Σ = 4,398,046,511,108,000,000 / 1e8 = 43,980,465,111.08 → 43,980,465,111.
      expect(matchAmount(SAFE_HARBOR, cents(65_970_697_667), cents(2 ** 40 + 1))).to.equal(43_980_465_111);
    });

    it('property: equals the BigInt reference for any pay, small or huge', () => {
      const tiersArb = fc
        .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 4 })
        .chain((ups) =>
          fc.tuple(...ups.sort((a, b) => a - b).map((u) => fc.integer({ min: 0, max: 20_000 }).map((r) => tier(u, r)))),
        );
      fc.assert(
        fc.property(
          tiersArb,
          fc.oneof(fc.nat(10_000_000), fc.nat(Math.floor(Number.MAX_SAFE_INTEGER / 10_000))),
          fc.oneof(fc.nat(50_000_000), fc.nat(Math.floor(Number.MAX_SAFE_INTEGER / 10_000))),
          (tiers, D, C) => {
            expect(matchAmount(tiers, cents(D), cents(C))).to.equal(reference(tiers, D, C));
          },
        ),
        { numRuns: 500 },
      );
    });

    it('property: never negative, monotone in the deferral, capped by Σ rate × tier width', () => {
      fc.assert(
        fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(5_000_000), (a, b, C) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const mLo = matchAmount(SAFE_HARBOR, cents(lo), cents(C));
          const mHi = matchAmount(SAFE_HARBOR, cents(hi), cents(C));
          expect(mLo).to.be.at.least(0);
          expect(mHi).to.be.at.least(mLo);
          expect(mHi).to.be.at.most(Math.round((C * 400) / 10_000) + 1);
        }),
      );
    });
  });

  describe('matchTiersFor (extension serviceTiers)', () => {
    const rich = [tier(600, 10_000)];
    const richer = [tier(800, 10_000)];
    const match = { tiers: SAFE_HARBOR, serviceTiers: [{ minYears: 10, tiers: richer }, { minYears: 5, tiers: rich }] };
    it('base tiers below the first band, the band with the largest minYears reached above', () => {
      expect(matchTiersFor(match, 4)).to.equal(SAFE_HARBOR);
      expect(matchTiersFor(match, 5)).to.equal(rich);
      expect(matchTiersFor(match, 9)).to.equal(rich);
      expect(matchTiersFor(match, 10)).to.equal(richer);
      expect(matchTiersFor({ tiers: SAFE_HARBOR, serviceTiers: [] }, 30)).to.equal(SAFE_HARBOR);
    });
  });
});

