import { expect } from 'chai';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeScenario, loadScenario } from '../../engine/scenario.js';

const inlineCensus = [
  { employee_id: 'E1', birth_date: '1980-01-01', hire_date: '2015-06-01', annual_compensation: '65000', job_level: 3, deferral_rate: '0.05' },
  { employee_id: 'E2', birth_date: '1995-03-15', hire_date: '2024-01-08', annual_compensation: 48000, job_level: 1 },
];
const base = {
  scenarioId: 's1',
  seed: 42,
  startYear: 2026,
  years: 3,
  census: inlineCensus,
  plan: { planId: 'p', planDesignId: 'd' },
};

describe('engine/scenario', () => {
  it('decodes a scenario with an inline census, defaults for the workforce and scripted events', async () => {
    const r = await decodeScenario(
      {
        ...base,
        workforce: { growthRate: '0.05' },
        events: [{ employeeId: 'E1', effectiveDate: '2026-04-01', payload: { eventType: 'merit', newCompensation: '67000.00', meritPercentage: '0.0300' } }],
      },
      '/nowhere',
    );
    expect(r._tag).to.equal('Right');
    if (r._tag !== 'Right') return;
    const s = r.right;
    expect(s.census.map((c) => c.employeeId)).to.deep.equal(['E1', 'E2']);
    expect(s.census[0]!.deferralRate).to.equal(500);
    expect(s.plan.planId).to.equal('p');
    expect(s.workforce?.growthRate).to.equal(500);
    expect(s.workforce?.terminations.newHireRate).to.equal(2500); // the documented default
    expect(s.events).to.have.length(1);
    expect(s.events[0]!.payload).to.deep.include({ eventType: 'merit', newCompensation: 6_700_000, meritPercentage: 300 });
    expect(Object.isFrozen(s) && Object.isFrozen(s.census[0])).to.equal(true);
  });

  it('has no workforce model when `workforce` is absent', async () => {
    const r = await decodeScenario(base, '/nowhere');
    expect(r._tag === 'Right' && r.right.workforce).to.equal(null);
  });

  it('collects every problem, each with its path', async () => {
    const r = await decodeScenario(
      {
        ...base,
        years: 41,
        seed: -1,
        colour: 'blue',
        plan: { planId: 'p', planDesignId: 'd', match: { tiers: [{ upTo: '3', rate: '1' }] } },
        workforce: { terminations: { newHireRate: '25%' } },
        events: [{ employeeId: 'E1', effectiveDate: '2026-02-30', payload: { eventType: 'merit', newCompensation: '1.005', meritPercentage: '0.03' } }],
        census: [{ ...inlineCensus[0], deferral_rate: '6%' }],
      },
      '/nowhere',
      'scenario.json',
    );
    expect(r._tag === 'Left' && r.left).to.deep.equal([
      'scenario.json: colour: unknown field; a scenario has scenarioId, seed, startYear, years, census, plan, workforce, events',
      'scenario.json: seed: -1 is out of range; a seed is a non-negative integer',
      'scenario.json: years: 41 is out of range; years are 1 to 40',
      'scenario.json: plan.match.tiers.0.upTo: must be at most 1 (100 %), got "3"',
      'scenario.json: workforce.terminations.newHireRate: "25%" is not a decimal number',
      'scenario.json: events.0.effectiveDate: "2026-02-30" is not a real date: 2026-02 has 28 days',
      'scenario.json: events.0.payload.newCompensation: "1.005" has 3 decimals; money allows at most 2',
      'scenario.json: census[0].deferral_rate: "6%" looks like a percentage; rates are fractions (write 0.06)',
    ]);
  });

  it('resolves a census path against the scenario file and names the CSV in its errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vested-scenario-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(
      join(dir, 'data', 'census.csv'),
      'employee_id,birth_date,hire_date,annual_compensation,job_level,deferral_rate\nE1,1980-01-01,2015-06-01,65000,3,0.05\nE2,1990-01-01,2027-01-01,50000,2,6\n',
    );
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ ...base, census: 'data/census.csv' }));
    const bad = await loadScenario(join(dir, 'scenario.json'));
    expect(bad._tag === 'Left' && bad.left).to.deep.equal([
      'data/census.csv:3: hire_date: 2027-01-01 is after the scenario start 2026-01-01; a census is as of the start (script later hires as events)',
      'data/census.csv:3: deferral_rate: "6" looks like a percentage; rates are fractions (write 0.06)',
    ]);
    writeFileSync(join(dir, 'data', 'census.csv'), 'employee_id,birth_date,hire_date,annual_compensation,job_level\nE1,1980-01-01,2015-06-01,65000,3\n');
    const good = await loadScenario(join(dir, 'scenario.json'));
    expect(good._tag === 'Right' && good.right.census[0]!.annualCompensation).to.equal(6_500_000);
  });

  it('names the scenario file when it is missing or not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vested-scenario-'));
    writeFileSync(join(dir, 'broken.json'), '{ "scenarioId": ');
    const broken = await loadScenario(join(dir, 'broken.json'));
    expect(broken._tag === 'Left' && broken.left[0]).to.match(/broken\.json: not valid JSON/);
    const missing = await loadScenario(join(dir, 'missing.json'));
    expect(missing._tag === 'Left' && missing.left[0]).to.match(/missing\.json: cannot read the scenario file \(ENOENT\)/);
  });
});
