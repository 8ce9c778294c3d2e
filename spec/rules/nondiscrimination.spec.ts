import { expect } from 'chai';
import fc from 'fast-check';
import {
  contributionRatio,
  groupAverage,
  levelRatio,
  nondiscriminationTest,
  testLimit,
  testLimitPasses,
  type TestMember,
} from '../../rules/nondiscrimination.js';
import { bp, cents, type BasisPoints } from '../../rules/units.js';

const m = (employeeId: string, isHce: boolean, amount: number, comp: number): TestMember => ({
  employeeId,
  isHce,
  amount: cents(amount),
  comp: cents(comp),
});

describe('rules/nondiscrimination', () => {
  describe('ratios and averages', () => {
    it('contributionRatio: 6,000 / 100,000 → 600 bp; 1 / 3 → 3,333.33 → 3,333; 1 / 1,600,000 = 0.00625 → 0; 0 pay → 0', () => {
      expect(contributionRatio(cents(600_000), cents(10_000_000))).to.equal(600);
      expect(contributionRatio(cents(1), cents(3))).to.equal(3333);
      expect(contributionRatio(cents(1), cents(1_600_000))).to.equal(0);
      expect(contributionRatio(cents(1), cents(2_000_000))).to.equal(0); // 0.005 → 0 (< ½ bp)
      expect(contributionRatio(cents(1), cents(20_000))).to.equal(1); // 0.5 bp → 1
      expect(contributionRatio(cents(500), cents(0))).to.equal(0);
    });
    it('groupAverage: (300 + 301) / 2 = 300.5 → 301; empty → 0', () => {
      expect(groupAverage([bp(300), bp(301)])).to.equal(301);
      expect(groupAverage([bp(1000), bp(800), bp(200)])).to.equal(667);
      expect(groupAverage([])).to.equal(0);
    });
  });

  describe('limit: max(1.25 a, min(2 a, a + 200))', () => {
    const cases: [number, number][] = [
      [0, 0],
      [100, 200], // 125 vs min(200, 300) = 200
      [250, 450], // 312.5 vs min(500, 450)
      [300, 500], // 375 vs 500
      [400, 600],
      [800, 1000], // 1000 vs min(1600, 1000)
      [1000, 1250], // 1250 vs 1200
      [1002, 1253], // 1252.5 reported half up
    ];
    for (const [a, lim] of cases) it(`a = ${a} → ${lim}`, () => expect(testLimit(bp(a))).to.equal(lim));
    it('compared exactly: a = 1002 allows 1252 but not 1253 (limit 1252.5)', () => {
      expect(testLimitPasses(bp(1252), bp(1002))).to.equal(true);
      expect(testLimitPasses(bp(1253), bp(1002))).to.equal(false);
    });
    it('published: NHCE 4 % against HCE 5 % passes under a 6 % limit', () => {
      const r = nondiscriminationTest([m('h', true, 1_000_000, 20_000_000), m('n', false, 200_000, 5_000_000)]);
      expect(r).to.deep.equal({ hceAverage: 500, nhceAverage: 400, limit: 600, passed: true, totalExcess: 0, refunds: [] });
    });
  });

  describe('two-step correction', () => {
    it('published: one HCE at 10 % of $200,000, NHCEs at 3 %: limit 5 %, fails, excess $10,000', () => {
      // a = 300 → limit max(375, min(600, 500)) = 500. HCE 1000 > 500. L = 500:
      // 2,000,000 − 500 × 20,000,000 / 10000 = 1,000,000 cents, all refunded to the one HCE.
      const r = nondiscriminationTest([
        m('e1', true, 2_000_000, 20_000_000),
        m('e2', false, 150_000, 5_000_000),
        m('e3', false, 120_000, 4_000_000),
      ]);
      expect(r).to.deep.equal({
        hceAverage: 1000, nhceAverage: 300, limit: 500, passed: false,
        totalExcess: 1_000_000, refunds: [{ employeeId: 'e1', amount: 1_000_000 }],
      });
    });

    it('three HCEs, hand-checked: level 650 bp, excess $9,400, dollars leveled to $11,700', () => {
      // NHCE a = 300 → limit 500. HCE ratios 1000 (h1: $20,000 of $200,000), 800 (h2: $12,800 of
      // $160,000), 200 (h3: $6,000 of $300,000); average 666.67 → 667, fails.
      // Step 1: leveled average (2L + 200) / 3 rounds to ≤ 500 ⟺ 2(2L + 200) < 3 × 1001 ⟺ L < 650.75 → L = 650
      //   (L = 650: 1500 / 3 = 500 passes; L = 651: 1502 / 3 = 500.67 → 501 fails).
      //   h1: 2,000,000 − 650 × 20,000,000 / 10000 = 700,000; h2: 1,280,000 − 1,040,000 = 240,000; total 940,000.
      // Step 2: (2,000,000 − M) + (1,280,000 − M) = 940,000 → M = 1,170,000 (< 1,280,000, > h3's 600,000):
      //   h1 830,000, h2 110,000.
      const members = [
        m('h1', true, 2_000_000, 20_000_000),
        m('h2', true, 1_280_000, 16_000_000),
        m('h3', true, 600_000, 30_000_000),
        m('n1', false, 150_000, 5_000_000),
        m('n2', false, 180_000, 6_000_000),
      ];
      expect(levelRatio([1000, 800, 200], bp(300))).to.equal(650);
      expect(nondiscriminationTest(members)).to.deep.equal({
        hceAverage: 667, nhceAverage: 300, limit: 500, passed: false, totalExcess: 940_000,
        refunds: [{ employeeId: 'h1', amount: 830_000 }, { employeeId: 'h2', amount: 110_000 }],
      });
    });

    it('three HCEs, refund goes by dollars: the low-ratio, high-pay HCE pays most of it', () => {
      // NHCE a = 300 → limit 500. h1 1000 bp ($10,000 of $100,000), h2 900 ($9,000 of $100,000),
      // h3 400 ($13,800 of $345,000). Average 766.67 → 767, fails.
      // Step 1: 2(2L + 400) < 3003 ⟺ L < 550.75 → L = 550. Excess h1 1,000,000 − 550,000 = 450,000,
      //   h2 900,000 − 550,000 = 350,000; total 800,000.
      // Step 2: amounts 1,000,000 / 900,000 / 1,380,000. All three above the level: 3,280,000 − 3M = 800,000
      //   → M = 826,666.67; M = 826,666 gives 800,002, 2 cents over: h1 and h2 (first by id) get 1 cent less.
      //   h1 173,333, h2 73,333, h3 553,334; sum 800,000.
      const r = nondiscriminationTest([
        m('h1', true, 1_000_000, 10_000_000),
        m('h2', true, 900_000, 10_000_000),
        m('h3', true, 1_380_000, 34_500_000),
        m('n1', false, 300_000, 10_000_000),
      ]);
      expect(r.totalExcess).to.equal(800_000);
      expect(r.refunds).to.deep.equal([
        { employeeId: 'h1', amount: 173_333 },
        { employeeId: 'h2', amount: 73_333 },
        { employeeId: 'h3', amount: 553_334 },
      ]);
    });

    it('per-HCE cent rounding of the allowed dollars, and an odd cent in step 2', () => {
      // a = 200 → limit max(250, min(400, 400)) = 400. hA 600,000 / 10,000,000 = 600; hB 600,000 /
      // 10,000,013 = 599.9992 → 600. L = 400. Allowed: hA 400,000; hB 10,000,013 × 400 / 10000 =
      // 400,000.52 → 400,001. Excess 200,000 + 199,999 = 399,999. Step 2: 1,200,000 − 2M ≥ 399,999 →
      // M = 400,000 (S = 400,000, 1 cent over) → hA (first by id) 199,999, hB 200,000.
      const r = nondiscriminationTest([
        m('hA', true, 600_000, 10_000_000),
        m('hB', true, 600_000, 10_000_013),
        m('n', false, 20_000, 1_000_000),
      ]);
      expect(r.totalExcess).to.equal(399_999);
      expect(r.refunds).to.deep.equal([{ employeeId: 'hA', amount: 199_999 }, { employeeId: 'hB', amount: 200_000 }]);
    });

    it('an empty group passes: no HCEs, or no NHCEs', () => {
      expect(nondiscriminationTest([m('n', false, 1, 100)]).passed).to.equal(true);
      expect(nondiscriminationTest([m('h', true, 100_000, 100_000)])).to.deep.include({ passed: true, refunds: [] });
      expect(nondiscriminationTest([]).passed).to.equal(true);
    });
  });

  describe('properties', () => {
    const memberArb = fc.record({
      isHce: fc.boolean(),
      comp: fc.integer({ min: 0, max: 40_000_000 }),
      rate: fc.nat(3000),
    });
    it('refunds sum to the total excess, never exceed an HCE’s dollars, and level the largest down', () => {
      fc.assert(
        fc.property(fc.array(memberArb, { minLength: 1, maxLength: 25 }), (raw) => {
          const members = raw.map((x, i) =>
            m(`e${String(i).padStart(2, '0')}`, x.isHce, Math.floor((x.comp * x.rate) / 10_000), x.comp),
          );
          const r = nondiscriminationTest(members);
          const hces = members.filter((x) => x.isHce);
          if (r.passed) {
            expect(r.refunds).to.deep.equal([]);
            expect(r.totalExcess).to.equal(0);
            return;
          }
          // Step 1: leveling at L passes, at L + 1 it would not.
          const ratios = hces.map((h) => contributionRatio(h.amount, h.comp) as number);
          const L = levelRatio(ratios, r.nhceAverage);
          const avgAt = (l: number): BasisPoints => groupAverage(ratios.map((x) => bp(Math.min(x, l))));
          expect(testLimitPasses(avgAt(L), r.nhceAverage)).to.equal(true);
          expect(testLimitPasses(avgAt(L + 1), r.nhceAverage)).to.equal(false);
          // Step 2.
          const sum = r.refunds.reduce((s, x) => s + x.amount, 0);
          expect(sum).to.equal(r.totalExcess);
          const ids = r.refunds.map((x) => x.employeeId);
          expect(ids).to.deep.equal([...ids].sort());
          const after = new Map(hces.map((h) => [h.employeeId, h.amount as number]));
          for (const f of r.refunds) {
            const before = after.get(f.employeeId);
            expect(before, 'refund only to HCEs').to.not.equal(undefined);
            expect(f.amount).to.be.within(1, before as number);
            after.set(f.employeeId, (before as number) - f.amount);
          }
          if (r.refunds.length > 0) {
            const leveled = r.refunds.map((f) => after.get(f.employeeId) as number);
            const lo = Math.min(...leveled);
            expect(Math.max(...leveled) - lo).to.be.at.most(1);
            for (const h of hces) if (!ids.includes(h.employeeId)) expect(h.amount).to.be.at.most(lo + 1);
          }
        }),
        { numRuns: 400 },
      );
    });
  });
});
