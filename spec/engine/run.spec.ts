import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToLog, RunRefusedError } from '../../engine/run.js';
import { openLog } from '../../storage/log.js';
import { checkLog } from '../../storage/check.js';
import { exportedText, killAfterFirstCommit, loadScenarioFile, writeSyntheticScenario } from '../fixtures/synthetic-scenario.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The shared synthetic scenario (spec/fixtures/synthetic-scenario.ts). */
function writeScenario(dir: string, employees: number, years: number, overrides: Record<string, unknown> = {}): string {
  return writeSyntheticScenario(dir, { scenarioId: 'resume-spec', seed: 11, employees, years, overrides });
}

const load = loadScenarioFile;

const exported = exportedText;

describe('vested run: the log, resume and refusals', function () {
  this.timeout(120_000);
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-run-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes the same bytes for the same scenario and seed, and a log that check passes', async () => {
    const file = writeScenario(tmp, 150, 3);
    await runToLog(load(file), { out: join(tmp, 'a') });
    await runToLog(load(file), { out: join(tmp, 'b') });
    const a = await exported(join(tmp, 'a'));
    expect(a.length).to.be.greaterThan(10_000);
    expect(await exported(join(tmp, 'b'))).to.equal(a);
    const log = openLog(join(tmp, 'a'));
    expect(checkLog(log).problems).to.deep.equal([]);
    expect(log.getMetadata('resume-spec')).to.include({ status: 'complete', lastCompleteYear: 2028 });
    await log.close();
  });

  it('a run killed with SIGKILL mid-year resumes after its last complete year and ends with the uninterrupted log', async () => {
    const file = writeScenario(tmp, 1500, 4);
    const killed = join(tmp, 'killed');
    await killAfterFirstCommit(here('./fixtures/run-child.ts'), [file, killed]);
    const interrupted = openLog(killed);
    const meta = interrupted.getMetadata('resume-spec')!;
    expect(meta.status).to.equal('running');
    expect(meta.lastCompleteYear).to.be.within(2026, 2028);
    expect(checkLog(interrupted).problems).to.deep.equal([]);
    await interrupted.close();

    const resumed = await runToLog(load(file), { out: killed });
    expect(resumed.status).to.equal('complete');
    expect(resumed.firstYear).to.equal(meta.lastCompleteYear! + 1);
    await runToLog(load(file), { out: join(tmp, 'whole') });
    expect(await exported(killed)).to.equal(await exported(join(tmp, 'whole')));
  });

  it('changes nothing on a complete run, and refuses a folder holding other inputs', async () => {
    const file = writeScenario(tmp, 60, 2);
    const out = join(tmp, 'out');
    await runToLog(load(file), { out });
    const before = await exported(out);
    expect((await runToLog(load(file), { out })).status).to.equal('already-complete');
    expect(await exported(out)).to.equal(before);

    const other = writeScenario(tmp, 60, 2, { seed: 12 });
    let refused: unknown;
    try {
      await runToLog(load(other), { out });
    } catch (e) {
      refused = e;
    }
    expect(refused).to.be.instanceOf(RunRefusedError);
    expect((refused as Error).message).to.match(/with different inputs/);
    expect(await exported(out)).to.equal(before);
  });

  it('a run that fails leaves nothing in the folder it created', async () => {
    const file = writeScenario(tmp, 20, 2, {
      events: [{ employeeId: 'NOBODY', effectiveDate: '2027-03-01', payload: { eventType: 'merit', newCompensation: '50000.00', meritPercentage: '0.03' } }],
    });
    const out = join(tmp, 'failed');
    let error: unknown;
    try {
      await runToLog(load(file), { out });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).to.equal('NOBODY: merit on 2027-03-01 refused: unknown participant (no hire before it)');
    expect(existsSync(out)).to.equal(false);
  });
});
