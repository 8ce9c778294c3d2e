import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { incompleteBeta, studentTUpperTail, welch } from '../../perf/stats.js';
import { detect, judge, main } from '../../perf/check.js';
import type { Better, HistoryFigure, HistoryRecord } from '../../perf/history.js';

/** Seeded normal samples (LCG + Box–Muller): the same synthetic history on every run. */
function normals(seed: number): (mean: number, sd: number, n: number) => number[] {
  let s = seed >>> 0;
  const u = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 1) / (2 ** 32 + 1);
  return (mean, sd, n) => Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

function figure(samples: number[], better: Better, over: Partial<HistoryFigure> = {}): HistoryFigure {
  const value = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { suite: 'synthetic', figure: 'f', unit: better === 'higher' ? 'events/s' : 'ms', value, baseline: 100, ratio: value / 100, samples, better, ...over };
}

function record(figures: HistoryFigure[], mode: 'quick' | 'full' = 'quick'): HistoryRecord {
  return {
    commit: 'c'.repeat(40),
    dirty: false,
    date: '2026-11-25T00:00:00.000Z',
    mode,
    machine: { cpu: 'test', cores: 2, memoryGb: 4, os: 'test', load: 0 },
    node: 'v20',
    seconds: 1,
    figures,
    skipped: [],
  };
}

/** Five earlier records of `n` samples around 100 (sd 2 %), then the latest from `latest`. */
function history(better: Better, latest: number[], n = 20, seed = 7): HistoryRecord[] {
  const draw = normals(seed);
  const earlier = Array.from({ length: 5 }, () => record([figure(draw(100, 2, n), better)]));
  return [...earlier, record([figure(latest, better)])];
}

const OPTS = { threshold: 0.1, alpha: 0.01, window: 5, relative: false };

describe('perf/stats: Student t and Welch', () => {
  it('matches the textbook Welch example (Wikipedia "Welch\'s t-test", A1 vs A2: t −2.46, ν 24.99, two-sided p 0.021)', () => {
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const w = welch(a1, a2);
    expect(w.t).to.be.closeTo(-2.4554, 1e-3);
    expect(w.df).to.be.closeTo(24.9885, 1e-3);
    expect(w.pLess).to.be.closeTo(0.010689, 1e-3);
    expect(2 * w.pLess).to.be.closeTo(0.021378, 1e-3);
    expect(w.pGreater).to.be.closeTo(1 - 0.010689, 1e-3);
  });

  it('gives the critical values of a t table (t 2.228 at 10 df is the 2.5 % tail, 3.169 the 0.5 %)', () => {
    expect(studentTUpperTail(2.228, 10)).to.be.closeTo(0.025, 1e-3);
    expect(studentTUpperTail(3.169, 10)).to.be.closeTo(0.005, 1e-3);
    expect(studentTUpperTail(1.812, 10)).to.be.closeTo(0.05, 1e-3);
    expect(studentTUpperTail(2.0, 10)).to.be.closeTo(0.036694, 1e-6);
    expect(studentTUpperTail(-2.0, 10)).to.be.closeTo(1 - 0.036694, 1e-6);
  });

  it('agrees with the closed forms at 1 and 2 degrees of freedom, fractional df included', () => {
    // df = 1 is the Cauchy distribution: P(T > t) = 1/2 − atan(t)/π.
    for (const t of [0, 0.3, 1, 4, 25]) expect(studentTUpperTail(t, 1)).to.be.closeTo(0.5 - Math.atan(t) / Math.PI, 1e-9);
    // df = 2: P(T > t) = 1/2 − t / (2 √(t² + 2)).
    for (const t of [0, 0.5, 2, 10]) expect(studentTUpperTail(t, 2)).to.be.closeTo(0.5 - t / (2 * Math.sqrt(t * t + 2)), 1e-9);
    expect(studentTUpperTail(3.5, 2.5)).to.be.closeTo(0.026173, 1e-5);
  });

  it('has the incomplete beta of its simple cases: I_x(1,1) = x, I_x(a,1) = x^a, I_x(1,b) = 1 − (1−x)^b', () => {
    for (const x of [0, 0.1, 0.5, 0.93, 1]) {
      expect(incompleteBeta(x, 1, 1)).to.be.closeTo(x, 1e-12);
      expect(incompleteBeta(x, 3.5, 1)).to.be.closeTo(x ** 3.5, 1e-12);
      expect(incompleteBeta(x, 1, 2.5)).to.be.closeTo(1 - (1 - x) ** 2.5, 1e-12);
    }
  });

  it('refuses fewer than two samples a side', () => {
    expect(() => welch([1], [1, 2])).to.throw(RangeError, /at least 2 samples/);
  });
});

describe('perf/check: regression detection', () => {
  it('catches a real 20 % slowdown of a rate', () => {
    const v = detect(history('higher', normals(11)(80, 1.6, 20)), OPTS)[0]!;
    expect(v.verdict).to.equal('regressed');
    expect(v.change).to.be.closeTo(-0.2, 0.02);
    expect(v.p).to.be.below(1e-6);
  });

  it('catches a real 20 % slowdown of a time (a time that rises)', () => {
    expect(detect(history('lower', normals(12)(120, 2.4, 20)), OPTS)[0]!.verdict).to.equal('regressed');
  });

  it('does not flag noise within 5 %', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const draw = normals(100 + seed);
      const shift = 0.95 + (seed % 11) * 0.01; // 5 % slower … 5 % faster
      const v = detect(history('higher', draw(100 * shift, 2, 20), 20, seed), OPTS)[0]!;
      expect(v.verdict, `seed ${seed}, shift ${shift}`).to.not.equal('regressed');
    }
  });

  it('does not call a 20 % change significant when the samples are few and vary hugely', () => {
    const earlier = [record([figure([60, 140, 100], 'higher')])];
    const latest = record([figure([40, 130, 70], 'higher')]); // mean 80: 20 % slower
    const v = detect([...earlier, latest], OPTS)[0]!;
    expect(v.change).to.be.closeTo(-0.2, 1e-9);
    expect(v.verdict).to.equal('worse, not significant');
    expect(v.p).to.be.above(0.01);
  });

  it('never calls an improvement a regression, for either direction', () => {
    expect(detect(history('higher', normals(13)(150, 1, 20)), OPTS)[0]!.verdict).to.equal('improved');
    expect(detect(history('lower', normals(14)(50, 1, 20)), OPTS)[0]!.verdict).to.equal('improved');
    // A "rise" of a rate and a "fall" of a time, huge and certain: still improvements.
    expect(judge([300, 300.1], [100, 100.1], 'higher', OPTS).verdict).to.equal('improved');
    expect(judge([1, 1.01], [100, 100.1], 'lower', OPTS).verdict).to.equal('improved');
  });

  it('needs both the threshold and significance', () => {
    // 3 % slower, very consistent: significant but under 10 %.
    expect(judge(normals(15)(97, 0.2, 30), normals(16)(100, 0.2, 30), 'higher', OPTS).verdict).to.equal('worse, under threshold');
    // 30 % slower, certain, against a 50 % threshold: not a regression.
    expect(judge(normals(17)(70, 1, 30), normals(18)(100, 1, 30), 'higher', { threshold: 0.5, alpha: 0.01 }).verdict).to.equal('worse, under threshold');
    // 30 % slower, over the threshold, but alpha 1e-12 asks for more certainty than 3 samples give.
    expect(judge([69, 70, 71], [99, 100, 101], 'higher', { threshold: 0.1, alpha: 1e-12 }).verdict).to.equal('worse, not significant');
  });

  it('says "new" for a figure with no history and "too few samples" for a single sample', () => {
    expect(detect([record([figure([1, 2], 'higher')])], OPTS)[0]!.verdict).to.equal('new');
    expect(judge([50], [100, 101], 'higher', OPTS).verdict).to.equal('too few samples');
  });

  it('compares a quick record only with quick records', () => {
    const slow = record([figure(normals(19)(50, 1, 20), 'higher')], 'full');
    const quick = record([figure(normals(20)(100, 1, 20), 'higher')], 'quick');
    const latest = record([figure(normals(21)(99, 1, 20), 'higher')], 'quick');
    expect(detect([quick, slow, latest], OPTS)[0]!.verdict).to.not.equal('regressed');
    expect(detect([quick, slow, latest], OPTS)[0]!.change).to.be.closeTo(-0.01, 0.01);
  });

  it('with --relative, forgives a slowdown its own run\'s baseline shows too (a busier machine)', () => {
    const draw = normals(22);
    const before = record([figure(draw(100, 1, 20), 'higher', { baseline: 200 })]);
    const after = record([figure(draw(80, 1, 20), 'higher', { baseline: 160 })]);
    expect(detect([before, after], OPTS)[0]!.verdict).to.equal('regressed');
    expect(detect([before, after], { ...OPTS, relative: true })[0]!.verdict).to.not.equal('regressed');
  });

  it('exits 1 on a regression and 0 otherwise, reading a history file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vested-check-'));
    const log = console.log;
    console.log = () => undefined;
    try {
      const file = join(dir, 'history.jsonl');
      writeFileSync(file, history('higher', normals(23)(80, 1.6, 20)).map((r) => JSON.stringify(r)).join('\n') + '\n');
      expect(main(['--file', file])).to.equal(1);
      expect(main(['--file', file, '--threshold', '0.3'])).to.equal(0);
      writeFileSync(file, history('higher', normals(24)(100, 2, 20)).map((r) => JSON.stringify(r)).join('\n') + '\n');
      expect(main(['--file', file])).to.equal(0);
      expect(main(['--file', join(dir, 'none.jsonl')])).to.equal(0);
      expect(() => main(['--file', file, '--alpha', '2'])).to.throw(RangeError, /--alpha must be between 0 and 1/);
    } finally {
      console.log = log;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
