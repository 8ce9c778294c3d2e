import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineRanges, readRange, runKeyOfText } from '../../storage/ingest-ranges.js';

const line = (emp: string, date: string, i: number): string =>
  `{"eventId":"e${i}","scenarioId":"s","planDesignId":"pd","employeeId":"${emp}","effectiveDate":"${date}","sequence":${i},"schemaVersion":2,"payload":{"n":${i}}}`;

describe('storage/ingest-ranges', () => {
  let tmp: string;
  before(() => (tmp = mkdtempSync(join(tmpdir(), 'vested-ranges-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };
  const texts = (path: string, bytes: number): string[] => new LineRanges(path, bytes).all().map((r) => readRange(path, r));

  it('cuts a file into consecutive chunks of whole lines that put it back together', () => {
    const lines = Array.from({ length: 300 }, (_, i) => line(`E${Math.floor(i / 7)}`, '2025-03-01', i));
    for (const text of [lines.join('\n') + '\n', lines.join('\n'), 'é'.repeat(5000) + '\n' + lines.join('\n')]) {
      const path = write('a.jsonl', text);
      for (const bytes of [1, 100, 1000, 1 << 20]) {
        const parts = texts(path, bytes);
        expect(parts.join('')).to.equal(readFileSync(path, 'utf8'));
        for (const p of parts.slice(0, -1)) expect(p.endsWith('\n')).to.equal(true);
      }
    }
    expect(new LineRanges(write('empty.jsonl', ''), 100).all()).to.deep.equal([]);
    // cut as asked for, the same as all at once
    const path = write('b.jsonl', lines.join('\n') + '\n');
    const lazy = new LineRanges(path, 500);
    const first = [0, 1, 2].map((i) => lazy.at(i));
    expect([...first, ...lazy.all().slice(3)]).to.deep.equal(new LineRanges(path, 500).all());
  });

  it('ends a chunk where a run of events ends, when it can see it', () => {
    const lines = Array.from({ length: 60 }, (_, i) => line(`E${Math.floor(i / 20)}`, '2025-03-01', i));
    const path = write('runs.jsonl', lines.join('\n') + '\n');
    const parts = texts(path, 100);
    expect(parts.map((p) => p.trimEnd().split('\n').length)).to.deep.equal([20, 20, 20]);
  });

  it('keys a line by the envelope fields that make a run, as written', () => {
    const a = line('E1', '2025-03-01', 1);
    expect(runKeyOfText(a)).to.equal(runKeyOfText(line('E1', '2025-12-31', 2)));
    expect(runKeyOfText(a)).to.not.equal(runKeyOfText(line('E2', '2025-03-01', 1)));
    expect(runKeyOfText(a)).to.not.equal(runKeyOfText(line('E1', '2026-03-01', 1)));
    expect(runKeyOfText(a)).to.not.equal(runKeyOfText(a.replace('"planDesignId":"pd"', '"planDesignId":"pd2"')));
  });
});
