import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { censusToCsv, syntheticCensus, syntheticEmployee } from '../../engine/census/synthetic.js';
import { parseCensusCsv } from '../../engine/census/load.js';
import { completedYears, isoDate } from '../../rules/calendar.js';

const start = isoDate('2026-01-01');

describe('engine/census/synthetic', () => {
  const rows = syntheticCensus(5000, 2026, 2026);

  it('writes a census its own loader reads back unchanged', () => {
    const back = parseCensusCsv(censusToCsv(rows), 'synthetic.csv', start);
    expect(back._tag).to.equal('Right');
    if (back._tag === 'Right') expect(back.right).to.deep.equal(rows);
  });

  it('is deterministic per seed, and employee i does not depend on N', () => {
    expect(censusToCsv(syntheticCensus(50, 7, 2026))).to.equal(censusToCsv(syntheticCensus(50, 7, 2026)));
    expect(censusToCsv(syntheticCensus(50, 7, 2026))).to.not.equal(censusToCsv(syntheticCensus(50, 8, 2026)));
    expect(syntheticEmployee(2026, 2026, 17)).to.deep.equal(rows[16]);
  });

  it('has the documented shape: age ≈ 42 in [18, 70], short tenures, low levels, pay rising with level', () => {
    const ages = rows.map((r) => completedYears(r.birthDate, start));
    const mean = ages.reduce((a, b) => a + b, 0) / ages.length;
    expect(mean).to.be.closeTo(42, 1);
    expect(Math.min(...ages)).to.be.at.least(18);
    expect(Math.max(...ages)).to.be.at.most(70);
    const tenures = rows.map((r) => completedYears(r.hireDate, start)).sort((a, b) => a - b);
    expect(tenures[tenures.length / 2]).to.be.within(2, 5); // BLS median tenure ≈ 3.9 years
    for (const r of rows) expect(completedYears(r.birthDate, r.hireDate)).to.be.at.least(18);
    const share1to3 = rows.filter((r) => r.jobLevel <= 3).length / rows.length;
    expect(share1to3).to.be.within(0.7, 0.85);
    const medianPay = (level: number) => {
      const pay = rows.filter((r) => r.jobLevel === level).map((r) => r.annualCompensation).sort((a, b) => a - b);
      return pay[Math.floor(pay.length / 2)]!;
    };
    expect(medianPay(1)).to.be.within(3_800_000, 4_600_000);
    expect(medianPay(5)).to.be.above(medianPay(3));
    for (const r of rows) expect(r.annualCompensation % 100).to.equal(0); // whole dollars
    const participating = rows.filter((r) => r.deferralRate + r.rothRate > 0).length / rows.length;
    expect(participating).to.be.within(0.55, 0.75);
  });

  it('matches examples/census-10k.csv (seed 2026, start 2026)', () => {
    const file = readFileSync(new URL('../../examples/census-10k.csv', import.meta.url), 'utf8');
    expect(file.split('\n').slice(0, 200).join('\n')).to.equal(censusToCsv(syntheticCensus(199, 2026, 2026)).split('\n').slice(0, 200).join('\n'));
    const parsed = parseCensusCsv(file, 'census-10k.csv', start);
    expect(parsed._tag === 'Right' && parsed.right.length).to.equal(10_000);
  });
});
