import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendRecord, betterOf, readHistory } from '../../perf/history.js';
import type { HistoryRecord } from '../../perf/history.js';
import { formatNumber, table } from '../../perf/run.js';
import { threadsOptionExists } from '../../perf/headline.bench.js';

const fig = { figure: 'f', value: 1, baseline: 1, ratio: 1, samples: [1] };

describe('perf/history', () => {
  it('knows the better direction of the units the suites use, and lets a figure say it itself', () => {
    expect(betterOf({ ...fig, unit: 'events/s' })).to.equal('higher');
    expect(betterOf({ ...fig, unit: 'py/s' })).to.equal('higher');
    expect(betterOf({ ...fig, unit: 'ms' })).to.equal('lower');
    expect(betterOf({ ...fig, unit: 'bytes' })).to.equal('lower');
    expect(betterOf({ ...fig, unit: 'widgets', better: 'lower' })).to.equal('lower');
  });

  it('refuses to guess the direction of an unknown unit, naming the figure and the fix', () => {
    expect(() => betterOf({ ...fig, unit: 'widgets' })).to.throw(/"f" has unit "widgets".*BETTER_BY_UNIT in perf\/history.ts/);
  });

  it('reads back what it appends, oldest first, and names a bad line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vested-history-'));
    try {
      const file = join(dir, 'h.jsonl');
      expect(readHistory(file)).to.deep.equal([]);
      const rec = (seconds: number): HistoryRecord => ({
        commit: 'abc',
        dirty: true,
        date: 'd',
        mode: 'quick',
        machine: { cpu: 'c', cores: 2, memoryGb: 1, os: 'o', load: 0 },
        node: 'v20',
        seconds,
        figures: [{ ...fig, unit: 'ms', suite: 's', better: 'lower' }],
        skipped: [],
      });
      appendRecord(file, rec(1));
      appendRecord(file, rec(2));
      expect(readHistory(file).map((r) => r.seconds)).to.deep.equal([1, 2]);
      writeFileSync(file, `${JSON.stringify(rec(1))}\n{"mode":"weekly"}\n`);
      expect(() => readHistory(file)).to.throw(/h\.jsonl:2: not a perf record/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('perf/run: the table', () => {
  it('formats large numbers with separators and small ones to 4 significant digits', () => {
    expect(formatNumber(15_934_218.4)).to.equal('15,934,218');
    expect(formatNumber(0.0839123)).to.equal('0.08391');
    expect(formatNumber(56.84)).to.equal('56.84');
  });

  it('prints one row per figure under a header, the description last', () => {
    const lines = table([{ ...fig, unit: 'ms', suite: 'storage', better: 'lower', value: 8.73, baseline: 19.64, ratio: 0.4444, figure: 'history p99' }]).split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^suite\s+value\s+unit\s+baseline\s+ratio\s+n\s+better\s+figure$/);
    expect(lines[1]).to.match(/^storage\s+8\.73\s+ms\s+19\.64\s+0\.4444\s+1\s+lower\s+history p99$/);
  });
});

describe('perf/headline', () => {
  it('finds the threads run option in the source of engine/run.ts', () => {
    expect(threadsOptionExists('interface RunOptions {\n  readonly out: string;\n  readonly threads?: number;\n}')).to.equal(true);
    expect(threadsOptionExists('interface RunOptions {\n  readonly out: string;\n}')).to.equal(false);
  });
});
