import { expect } from 'chai';
import { stream, uniform } from '../../engine/random.js';

describe('engine/random', () => {
  it('reproduces a draw from its key alone', () => {
    expect(uniform(2026, 'E000123', 2027, 'termination')).to.equal(uniform(2026, 'E000123', 2027, 'termination'));
    const a = stream(7, 'E1', 2026, 'merit');
    const xs = [a.next(), a.next(), a.next()];
    const b = stream(7, 'E1', 2026, 'merit');
    expect([b.next(), b.next(), b.next()]).to.deep.equal(xs);
    expect(xs[1]).to.equal(uniform(7, 'E1', 2026, 'merit', 1));
  });

  it('does not depend on the order of calls across keys', () => {
    const forward = ['A', 'B', 'C'].map((k) => uniform(1, k, 2030, 'x'));
    const backward = ['C', 'B', 'A'].map((k) => uniform(1, k, 2030, 'x')).reverse();
    expect(backward).to.deep.equal(forward);
  });

  it('gives different draws when any part of the key differs', () => {
    const base = uniform(1, 'E1', 2026, 'hire');
    const variants = [
      uniform(2, 'E1', 2026, 'hire'),
      uniform(1, 'E2', 2026, 'hire'),
      uniform(1, 'E1', 2027, 'hire'),
      uniform(1, 'E1', 2026, 'merit'),
      uniform(1, 'E1', 2026, 'hire', 1),
      uniform(1 + 2 ** 32, 'E1', 2026, 'hire'),
    ];
    for (const v of variants) expect(v).to.not.equal(base);
    expect(new Set(variants).size).to.equal(variants.length);
  });

  it('is roughly uniform on [0, 1) (chi-square over 20 buckets)', () => {
    const buckets = new Array<number>(20).fill(0);
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const u = uniform(42, `E${i}`, 2026, 'u');
      expect(u).to.be.at.least(0).and.below(1);
      buckets[Math.floor(u * 20)]! += 1;
    }
    const expected = n / 20;
    const chi2 = buckets.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).to.be.below(43.8); // 19 degrees of freedom, p = 0.001
  });

  it('draws normals with mean 0 and sd 1, and picks by weight', () => {
    const s = stream(3, 'plan', 2026, 'normal');
    let sum = 0;
    let sq = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const x = s.normal();
      sum += x;
      sq += x * x;
    }
    expect(Math.abs(sum / n)).to.be.below(0.03);
    expect(Math.abs(Math.sqrt(sq / n) - 1)).to.be.below(0.03);
    const p = stream(3, 'plan', 2026, 'pick');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[p.pick([1, 2, 7])]! += 1;
    expect(counts[0]! / 30_000).to.be.closeTo(0.1, 0.01);
    expect(counts[2]! / 30_000).to.be.closeTo(0.7, 0.015);
  });

  it('refuses a seed that is not a non-negative safe integer', () => {
    expect(() => uniform(-1, 'E', 2026, 'x')).to.throw(RangeError, /seed/);
    expect(() => uniform(1.5, 'E', 2026, 'x')).to.throw(RangeError, /seed/);
  });
});
