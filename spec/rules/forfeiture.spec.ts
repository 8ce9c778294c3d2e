import { expect } from 'chai';
import fc from 'fast-check';
import { forfeitedAmount, reallocate } from '../../rules/forfeiture.js';
import { bp, cents } from '../../rules/units.js';

describe('rules/forfeiture', () => {
  it('forfeitedAmount: 40 % vested of $1,234.56 → vested 49,382.4 → 49,382, forfeited 74,074', () => {
    expect(forfeitedAmount(cents(123_456), bp(4000))).to.equal(74_074);
  });

  describe('reallocate', () => {
    it('$100.00 over pay 1 : 1 : 1 → 3,333 each, 1 cent left in the account', () => {
      const r = reallocate(cents(10_000), [
        { id: 'a', comp: cents(5_000_000) },
        { id: 'b', comp: cents(5_000_000) },
        { id: 'c', comp: cents(5_000_000) },
      ]);
      expect(r.allocations).to.deep.equal([
        { id: 'a', amount: 3_333 },
        { id: 'b', amount: 3_333 },
        { id: 'c', amount: 3_333 },
      ]);
      expect(r.leftover).to.equal(1);
    });
    it('$2,000.00 over $100,000 / $50,000 / $0: floor(200,000 × 2/3) = 133,333, 66,666, 0; 1 left', () => {
      const r = reallocate(cents(200_000), [
        { id: 'x', comp: cents(10_000_000) },
        { id: 'y', comp: cents(5_000_000) },
        { id: 'z', comp: cents(0) },
      ]);
      expect(r.allocations.map((a) => a.amount)).to.deep.equal([133_333, 66_666, 0]);
      expect(r.leftover).to.equal(1);
    });
    it('nothing to allocate, or nobody with pay: everything stays', () => {
      expect(reallocate(cents(0), [{ id: 'a', comp: cents(1) }]).leftover).to.equal(0);
      expect(reallocate(cents(500), [{ id: 'a', comp: cents(0) }])).to.deep.equal({ allocations: [{ id: 'a', amount: 0 }], leftover: 500 });
      expect(reallocate(cents(500), [])).to.deep.equal({ allocations: [], leftover: 500 });
    });
    it('large account × pay (past 2^53) is exact', () => {
      const r = reallocate(cents(9_000_000_000_001), [
        { id: 'a', comp: cents(3_000_000_000) },
        { id: 'b', comp: cents(6_000_000_000) },
      ]);
      // floor(9,000,000,000,001 / 3) = 3,000,000,000,000; × 2/3 = 6,000,000,000,000 (remainder 2/3 floor).
      expect(r.allocations.map((a) => a.amount)).to.deep.equal([3_000_000_000_000, 6_000_000_000_000]);
      expect(r.leftover).to.equal(1);
    });
    it('property: allocations + leftover = account, each floor-proportional, leftover < number of payees', () => {
      fc.assert(
        fc.property(fc.nat(100_000_000), fc.array(fc.nat(50_000_000), { maxLength: 30 }), (account, comps) => {
          const r = reallocate(cents(account), comps.map((c, i) => ({ id: String(i), comp: cents(c) })));
          const sum = r.allocations.reduce((s, a) => s + a.amount, 0);
          expect(sum + r.leftover).to.equal(account);
          const total = comps.reduce((s, c) => s + c, 0);
          expect(r.leftover).to.be.at.least(0);
          if (total > 0 && account > 0) {
            expect(r.leftover).to.be.below(Math.max(1, comps.filter((c) => c > 0).length));
            r.allocations.forEach((a, i) => {
              const exact = (BigInt(account) * BigInt(comps[i] as number)) / BigInt(total);
              expect(BigInt(a.amount)).to.equal(exact);
            });
          }
        }),
      );
    });
  });
});
