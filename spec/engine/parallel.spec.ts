import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToLog, snapshotYears } from '../../engine/run.js';
import { runCommand } from '../../engine/commands/run.js';
import { PARTITIONS, partitionOf, hostOf } from '../../engine/parallel/partition.js';
import { startHostPools, takeHostPools } from '../../engine/parallel/pool.js';
import type { HostPool } from '../../engine/parallel/pool.js';
import { hireId } from '../../engine/workforce/index.js';
import { RefusedEventError } from '../../actors/participant/participant.js';
import { openLog } from '../../storage/log.js';
import { checkLog } from '../../storage/check.js';
import { exportedText, killAfterFirstCommit, loadScenarioFile, runThroughObjects, writeSyntheticScenario } from '../fixtures/synthetic-scenario.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The shared synthetic scenario (spec/fixtures/synthetic-scenario.ts). */
function writeScenario(dir: string, employees: number, years: number, overrides: Record<string, unknown> = {}): string {
  return writeSyntheticScenario(dir, { scenarioId: 'parallel-spec', seed: 5, employees, years, overrides });
}

const load = loadScenarioFile;

const exported = exportedText;

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('parallel runs: partitions on worker threads', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-parallel-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('partitions employees by a stable hash of the id, whatever the thread count', () => {
    const ids = ['E000001', 'E000002', hireId(2027, 1), hireId(2027, 2), 'x'];
    const parts = ids.map(partitionOf);
    expect(parts).to.deep.equal(ids.map(partitionOf));
    for (const p of parts) expect(p).to.be.within(0, PARTITIONS - 1);
    for (const t of [1, 2, 4]) for (const id of ids) expect(hostOf(id, t)).to.equal(partitionOf(id) % t);
    // A workforce spreads over all the partitions.
    const seen = new Set(Array.from({ length: 2000 }, (_, i) => partitionOf(hireId(2030, i + 1))));
    expect(seen.size).to.equal(PARTITIONS);
  });

  it('writes the same export in process and on 1, 2 and 4 threads as the object path, and a log that check passes', async () => {
    const file = writeScenario(tmp, 150, 3, {
      events: [
        { employeeId: 'E000003', effectiveDate: '2026-01-15', payload: { eventType: 'merit', newCompensation: '91000.00', meritPercentage: '0.04' } },
        { employeeId: 'X000001', effectiveDate: '2027-03-01', payload: { eventType: 'hire', hireDate: '2027-03-01', birthDate: '1980-02-29', department: 'ops', jobLevel: 2, annualCompensation: '64000.00' } },
      ],
    });
    const scenario = load(file);
    await runThroughObjects(scenario, join(tmp, 'objects'));
    const reference = await exported(join(tmp, 'objects'));
    expect(reference.length).to.be.greaterThan(10_000);
    expect(reference).to.include('"source":"forfeiture_allocation"');
    expect(reference).to.include('"employeeId":"H2027-');
    expect(reference).to.include('"employeeId":"X000001"');
    for (const threads of [0, 1, 2, 4]) {
      const out = join(tmp, `t${threads}`);
      const outcome = await runToLog(scenario, { out, threads });
      expect(outcome.status).to.equal('complete');
      expect(await exported(out), `${threads} threads`).to.equal(reference);
      const log = openLog(out);
      expect(checkLog(log).problems).to.deep.equal([]);
      expect(log.getMetadata('parallel-spec')).to.include({ status: 'complete', lastCompleteYear: 2028 });
      await log.close();
    }
  });

  it('runs a plan that does not reallocate forfeitures, with snapshots every other year, to the same export and snapshots as in process, and resumes it', async () => {
    // Forfeitures reduce the employer's contributions: the plan's year end proposes nothing to the hosts.
    const plan = { planId: 'P', planDesignId: 'D', autoEnrollment: { enabled: true }, match: { tiers: [{ upTo: '0.04', rate: '1' }], vesting: { type: 'cliff', years: 3 } }, forfeitures: { use: 'reduce_employer' } };
    const scenario = load(writeScenario(tmp, 150, 4, { plan }));
    await runThroughObjects(scenario, join(tmp, 'objects'));
    const reference = await exported(join(tmp, 'objects'));
    expect(reference).to.include('"eventType":"forfeiture"');
    expect(reference).to.not.include('"source":"forfeiture_allocation"');
    // Snapshots every other year: the close is told whether to take them.
    const snapshotYearsIn = async (out: string): Promise<number[]> => {
      const log = openLog(out);
      const years = snapshotYears(log, 'parallel-spec');
      await log.close();
      return years;
    };
    await runToLog(scenario, { out: join(tmp, 't0'), threads: 0, snapshotEvery: 2 });
    const out = join(tmp, 't2');
    expect((await runToLog(scenario, { out, threads: 2, snapshotEvery: 2, stopAfterYears: 3 })).status).to.equal('stopped');
    expect(await runToLog(scenario, { out, threads: 2, snapshotEvery: 2 })).to.include({ status: 'complete', firstYear: 2028 });
    expect(await exported(out)).to.equal(reference);
    expect(await exported(join(tmp, 't0'))).to.equal(reference);
    // 2026..2029 every 2 years: the 2nd (2027) and the last (2029).
    expect(await snapshotYearsIn(out)).to.deep.equal([2027, 2029]);
    expect(await snapshotYearsIn(join(tmp, 't0'))).to.deep.equal([2027, 2029]);
  });

  it('lets its worker threads go before it hands over the last year, not after the caller has committed it', async function () {
    if (!existsSync('/proc/self/status')) this.skip(); // the thread count is read from Linux's /proc
    const threadCount = (): number => Number(/^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
    const scenario = load(writeScenario(tmp, 60, 2));
    const counts: number[] = [];
    await runToLog(scenario, { out: join(tmp, 'out'), threads: 2, onYear: () => counts.push(threadCount()) });
    // After the first year both workers are still running (they simulate the second); once the
    // last year is handed over they are gone: at least two threads fewer.
    expect(counts).to.have.length(2);
    expect(counts[1]).to.be.at.most(counts[0]! - 2);
  });

  it('fails the run naming the participant and event a worker refused, and keeps only the complete years', async () => {
    const file = writeScenario(tmp, 60, 3, {
      events: [{ employeeId: 'E000007', effectiveDate: '2027-05-01', payload: { eventType: 'hire', hireDate: '2027-05-01', birthDate: '1990-01-01', department: 'x', jobLevel: 1, annualCompensation: '50000.00' } }],
    });
    const out = join(tmp, 'out');
    // A fresh folder: the failed run leaves nothing behind.
    const fresh = await failure(runToLog(load(file), { out, threads: 2 }));
    expect(fresh).to.be.instanceOf(RefusedEventError);
    expect(fresh.message).to.match(/^E000007: hire on 2027-05-01 refused/);
    expect(existsSync(out)).to.equal(false);

    // A folder holding year 2026: the failure in 2027 leaves exactly that year.
    expect((await runToLog(load(file), { out, threads: 2, stopAfterYears: 1 })).status).to.equal('stopped');
    const before = await exported(out);
    const error = await failure(runToLog(load(file), { out, threads: 2 }));
    expect(error).to.be.instanceOf(RefusedEventError);
    expect(error.message).to.match(/^E000007: hire on 2027-05-01 refused/);
    expect(await exported(out)).to.equal(before);
    const log = openLog(out);
    expect(log.getMetadata('parallel-spec')).to.include({ status: 'running', lastCompleteYear: 2026 });
    expect(checkLog(log).problems).to.deep.equal([]);
    await log.close();
  });

  it('resumes a run stopped after a year on another thread count or in process, and ends with the uninterrupted log', async () => {
    const file = writeScenario(tmp, 120, 4);
    const out = join(tmp, 'resumed');
    expect((await runToLog(load(file), { out, threads: 2, stopAfterYears: 1 })).status).to.equal('stopped');
    expect(await runToLog(load(file), { out, threads: 1, stopAfterYears: 1 })).to.include({ status: 'stopped', firstYear: 2027 });
    // The snapshots a parallel run stored restore the in-process run too.
    expect(await runToLog(load(file), { out })).to.include({ status: 'complete', firstYear: 2028 });
    await runToLog(load(file), { out: join(tmp, 'whole') });
    expect(await exported(out)).to.equal(await exported(join(tmp, 'whole')));
  });

  it('a parallel run killed with SIGKILL mid-year resumes after its last complete year and ends with the uninterrupted log', async () => {
    const file = writeScenario(tmp, 400, 4);
    const killed = join(tmp, 'killed');
    await killAfterFirstCommit(here('./fixtures/parallel-run-child.ts'), [file, killed, '2']);
    const interrupted = openLog(killed);
    const meta = interrupted.getMetadata('parallel-spec')!;
    expect(meta.status).to.equal('running');
    expect(meta.lastCompleteYear).to.be.within(2026, 2028);
    expect(checkLog(interrupted).problems).to.deep.equal([]);
    await interrupted.close();

    const resumed = await runToLog(load(file), { out: killed, threads: 2 });
    expect(resumed).to.include({ status: 'complete', firstYear: meta.lastCompleteYear! + 1 });
    await runToLog(load(file), { out: join(tmp, 'whole') });
    expect(await exported(killed)).to.equal(await exported(join(tmp, 'whole')));
  });

  it('vested run --threads N runs on N threads', async () => {
    const file = writeScenario(tmp, 40, 2);
    const out = new PassThrough();
    const err = new PassThrough();
    const code = await runCommand(file, { out: join(tmp, 'cli'), threads: 2, progress: false }, out, err);
    expect(code).to.equal(0);
    await runToLog(load(file), { out: join(tmp, 'ref') });
    expect(await exported(join(tmp, 'cli'))).to.equal(await exported(join(tmp, 'ref')));
  });

  it('vested run starts its threads before the scenario loads, runs on them, and lets them go when the scenario does not load', async function () {
    if (!existsSync('/proc/self/status')) this.skip(); // the thread count is read from Linux's /proc
    const threadCount = (): number => Number(/^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
    // The threads started early are the ones the run takes; a run of another count starts its own.
    const early = startHostPools(2);
    expect(takeHostPools(2)).to.deep.equal([...early]).and.to.satisfy((taken: HostPool[]) => taken.every((p, i) => p === early[i]));
    await Promise.all(early.map((p) => p.destroy()));
    const other = startHostPools(2);
    const three = takeHostPools(3);
    expect(three).to.have.length(3).and.to.satisfy((taken: HostPool[]) => taken.every((p) => !other.includes(p)));
    await Promise.all(three.map((p) => p.destroy()));

    const before = threadCount();
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"scenarioId": 1}');
    const err = new PassThrough();
    const chunks: Buffer[] = [];
    err.on('data', (c: Buffer) => chunks.push(c));
    expect(await runCommand(bad, { out: join(tmp, 'none'), threads: 2, progress: false }, new PassThrough(), err)).to.equal(1);
    expect(Buffer.concat(chunks).toString()).to.include('bad.json');
    // The two threads started for it are gone (a thread exits shortly after it is terminated).
    for (let i = 0; i < 50 && threadCount() > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(threadCount()).to.be.at.most(before);
  });

  it('the installed vested command (bin/vested.js, tsx registered in code) starts its worker threads', async () => {
    const file = writeScenario(tmp, 40, 2);
    const bin = fileURLToPath(new URL('../../bin/vested.js', import.meta.url));
    // Without --import tsx on the command line: the workers must get tsx from the bin's registration.
    const r = spawnSync(process.execPath, [bin, 'run', file, '--out', join(tmp, 'bin'), '--threads', '2', '--no-progress'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.stderr).to.not.match(/ERR_UNKNOWN_FILE_EXTENSION/);
    expect(r.status, r.stderr).to.equal(0);
    await runToLog(load(file), { out: join(tmp, 'ref') });
    expect(await exported(join(tmp, 'bin'))).to.equal(await exported(join(tmp, 'ref')));
  });
});
