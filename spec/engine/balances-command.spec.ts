/**
 * `vested balances`: every row, on a mid-year Friday, is what the library's one-participant
 * path (stateAsOf / balancesAsOf, and `vested history`) says of that participant; csv and
 * jsonl say the same; the thread count changes no byte; and the refusals.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { addDays, dayOfWeek } from '../../rules/calendar.js';
import type { IsoDate } from '../../rules/calendar.js';
import { formatMoney } from '../../rules/units.js';
import { CONTRIBUTION_SOURCES } from '../../actors/events/enums.js';
import { runToLog } from '../../engine/run.js';
import { balancesCommand } from '../../engine/commands/balances.js';
import { encodeState } from '../../engine/commands/history.js';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { participantIds } from '../../storage/logged-years.js';
import { balancesAsOf, replayableRun, stateAsOf } from '../../storage/state-as-of.js';
import type { ParticipantState } from '../../storage/state-as-of.js';
import { closeStatesThreads } from '../../storage/states-as-of-threads.js';
import { GRADED_PLAN, loadScenarioFile, writeSyntheticScenario } from '../fixtures/synthetic-scenario.js';
import { runYear } from '../storage/fixtures/events.js';

const SCENARIO = 'balances-spec';
const root = new URL('../../', import.meta.url).pathname;

/** `vested ARGS…` through the real command line. */
const cli = (...args: string[]): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, ['--import', 'tsx', 'engine/cli.ts', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** A row as the spec expects it, built from one participant's state by the one-participant path. */
interface Expected {
  readonly employeeId: string;
  readonly status: string;
  readonly balances: Record<string, string>;
  readonly vestedBalances: Record<string, string>;
}

function expectedRow(log: EventLog, s: ParticipantState, date: IsoDate): Expected {
  const cents = balancesAsOf(log, SCENARIO, s.employeeId, date);
  const e = encodeState(s) as { status: string; vestedBalances: Record<string, string> };
  const balances: Record<string, string> = {};
  const vestedBalances: Record<string, string> = {};
  for (const source of CONTRIBUTION_SOURCES) {
    balances[source] = formatMoney(cents[source] ?? 0);
    vestedBalances[source] = e.vestedBalances[source] ?? '0.00';
  }
  return { employeeId: s.employeeId, status: e.status, balances, vestedBalances };
}

/** The CSV text read back into rows of the same shape. */
function fromCsv(text: string): Expected[] {
  const records = parse(text, { columns: true }) as Record<string, string>[];
  return records.map((r) => ({
    employeeId: r.employee_id!,
    status: r.status!,
    balances: Object.fromEntries(CONTRIBUTION_SOURCES.map((s) => [s, r[`balance_${s}`]!])),
    vestedBalances: Object.fromEntries(CONTRIBUTION_SOURCES.map((s) => [s, r[`vested_${s}`]!])),
  }));
}

const fromJsonl = (text: string): Expected[] => text.trimEnd().split('\n').map((l) => JSON.parse(l) as Expected);

describe('vested balances', function () {
  this.timeout(120_000);
  let tmp: string;
  let dir: string;
  let friday: IsoDate;
  let csv: SpawnSyncReturns<string>;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-balances-'));
    const file = writeSyntheticScenario(tmp, { scenarioId: SCENARIO, seed: 5, employees: 150, censusSeed: 11, years: 2, overrides: { plan: GRADED_PLAN } });
    dir = join(tmp, 'log');
    await runToLog(loadScenarioFile(file), { out: dir, threads: 0 });
    friday = '2027-06-15' as IsoDate;
    while (dayOfWeek(friday) !== 5) friday = addDays(friday, 1);
    csv = cli('balances', dir, '--as-of', friday, '--threads', '0');
  });
  after(async () => {
    await closeStatesThreads();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('prints, on a mid-year Friday, one row per participant hired by then, each what stateAsOf and balancesAsOf give for it', async () => {
    expect(csv.stderr).to.equal('');
    expect(csv.status).to.equal(0);
    const rows = fromCsv(csv.stdout);
    const log = openLog(dir);
    try {
      const run = replayableRun(log, SCENARIO);
      const ids = participantIds(log, SCENARIO);
      const states = ids.flatMap((id) => stateAsOf(log, SCENARIO, id, friday, run) ?? []);
      // The run hires after the Friday too: those are left out, the rest are in id order.
      expect(states.length).to.be.within(100, ids.length - 1);
      expect(rows.map((r) => r.employeeId)).to.deep.equal(states.map((s) => s.employeeId));
      expect(rows).to.deep.equal(states.map((s) => expectedRow(log, s, friday)));
      // The rows cover the cases that matter: enrolled, not enrolled, terminated, partly vested.
      const statuses = new Set(rows.map((r) => r.status.split('.')[0]));
      expect([...statuses].sort()).to.deep.equal(['employed', 'terminated']);
      expect(rows.some((r) => r.status.startsWith('employed.enrolled'))).to.equal(true);
      expect(rows.some((r) => r.vestedBalances.employer_match !== r.balances.employer_match)).to.equal(true);
      // Who has left keeps only vested money: the unvested part was forfeited on the termination date (RULES §8).
      const left = rows.filter((r) => r.status.startsWith('terminated'));
      expect(left.some((r) => r.balances.employer_match !== '0.00')).to.equal(true);
      for (const r of left) expect(r.vestedBalances, r.employeeId).to.deep.equal(r.balances);
    } finally {
      await log.close();
    }
  });

  it('says of a participant what `vested history --as-of --json` says of its state', () => {
    const rows = fromCsv(csv.stdout);
    const enrolled = rows.find((r) => r.status.startsWith('employed.enrolled') && r.balances.employer_match !== '0.00')!;
    const h = cli('history', dir, enrolled.employeeId, '--as-of', friday, '--json');
    expect(h.status).to.equal(0);
    const state = (JSON.parse(h.stdout) as { state: { status: string; balances: Record<string, string>; vestedBalances: Record<string, string> } }).state;
    expect(enrolled.status).to.equal(state.status);
    const nonZero = (m: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== '0.00'));
    expect(nonZero(enrolled.balances)).to.deep.equal(state.balances);
    expect(nonZero(enrolled.vestedBalances)).to.deep.equal(state.vestedBalances);
  });

  it('prints the same rows as JSON lines', () => {
    const jsonl = cli('balances', dir, '--as-of', friday, '--format', 'jsonl');
    expect(jsonl.status).to.equal(0);
    expect(fromJsonl(jsonl.stdout)).to.deep.equal(fromCsv(csv.stdout));
    expect(csv.stdout.split('\n')[0]).to.match(/^employee_id,status,balance_employee_pre_tax,.*,vested_forfeiture_allocation$/);
  });

  it('prints the same bytes on 0 and 2 threads, and when the participants really go to workers', async () => {
    const two = cli('balances', dir, '--as-of', friday, '--threads', '2');
    expect(two.status).to.equal(0);
    expect(two.stdout).to.equal(csv.stdout);
    // Under 2,000 participants statesAsOfThreaded stays in process: lower the bar to use the workers.
    const out = new Sink();
    const err = new Sink();
    expect(await balancesCommand(dir, { asOf: friday, threads: 2, minWorkerParticipants: 0 }, out, err)).to.equal(0);
    expect(err.text).to.equal('');
    expect(out.text).to.equal(csv.stdout);
  });

  it('stops quietly when its reader goes away (`| head`), exit 0, instead of dying of EPIPE', async () => {
    // More than a pipe holds (64 KB), so the command is still writing when head has gone.
    const all = new Sink();
    await balancesCommand(dir, { asOf: '2027-12-31', format: 'jsonl' }, all, new Sink());
    expect(all.text.length).to.be.greaterThan(1 << 16);
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" --import tsx engine/cli.ts balances "${dir}" --as-of 2027-12-31 --format jsonl | head -c 100 > /dev/null`], { cwd: root, encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).to.deep.equal({ status: 0, stderr: '' });
  });

  it('prints only the header on a date before anyone is hired', async () => {
    const out = new Sink();
    expect(await balancesCommand(dir, { asOf: '2025-12-31' }, out, new Sink())).to.equal(0);
    expect(out.text).to.equal(`${csv.stdout.split('\n')[0]}\n`);
  });

  describe('refusals', () => {
    const direct = async (d: string, opts: Parameters<typeof balancesCommand>[1]): Promise<{ code: number; out: string; err: string }> => {
      const out = new Sink();
      const err = new Sink();
      const code = await balancesCommand(d, opts, out, err);
      return { code, out: out.text, err: err.text };
    };

    it('refuses a date that is not one, naming --as-of (exit 1, as history)', async () => {
      const bad = cli('balances', dir, '--as-of', '2026-02-30');
      expect({ status: bad.status, stdout: bad.stdout, stderr: bad.stderr }).to.deep.equal({
        status: 1, stdout: '', stderr: 'vested balances: --as-of: "2026-02-30" is not a real date: 2026-02 has 28 days\n',
      });
      expect(await direct(dir, { asOf: 'friday' })).to.deep.equal({
        code: 1, out: '', err: 'vested balances: --as-of: "friday" is not a date in the form YYYY-MM-DD\n',
      });
      // The same words as history and replay, which share the parsing.
      expect(cli('history', dir, 'E000001', '--as-of', 'friday').stderr).to.equal('vested history: --as-of: "friday" is not a date in the form YYYY-MM-DD\n');
    });

    it('refuses a date after the end of the run, where the log has nothing more to say (exit 1, as history)', async () => {
      expect(await direct(dir, { asOf: '2027-12-31' })).to.deep.include({ code: 0, err: '' });
      expect(await direct(dir, { asOf: '2028-01-07' })).to.deep.equal({
        code: 1, out: '', err: `vested balances: --as-of: 2028-01-07 is after the end of the run of ${SCENARIO} in ${dir} (2027-12-31)\n`,
      });
      const history = cli('history', dir, 'E000001', '--as-of', '2028-01-07');
      expect({ status: history.status, stdout: history.stdout, stderr: history.stderr }).to.deep.equal({
        status: 1, stdout: '', stderr: `vested history: --as-of: 2028-01-07 is after the end of the run of ${SCENARIO} in ${dir} (2027-12-31)\n`,
      });
    });

    it('exits 2 without --as-of or with an unknown --format or --threads', () => {
      for (const args of [[dir], [dir, '--as-of', friday, '--format', 'xml'], [dir, '--as-of', friday, '--threads', 'two']]) {
        const r = cli('balances', ...args);
        expect(r.status, args.join(' ')).to.equal(2);
        expect(r.stdout).to.equal('');
      }
      expect(cli('balances', dir).stderr).to.match(/required option '--as-of <date>' not specified/);
    });

    it('refuses a folder that is not a log (exit 1, naming it, creating nothing)', async () => {
      const nowhere = join(tmp, 'nowhere');
      expect(await direct(nowhere, { asOf: friday })).to.deep.equal({ code: 1, out: '', err: `vested balances: ${nowhere} is not a vested log (no data.mdb)\n` });
      expect(existsSync(nowhere)).to.equal(false);
    });

    it('asks for --scenario when the log holds several (exit 2), and refuses an unknown one or one that is not a run (exit 1)', async () => {
      const ingested = join(tmp, 'ingested');
      const log = openLog(ingested);
      await log.appendSegments('s', 'pd', runYear(3, 2026));
      await log.appendSegments('t', 'pd', runYear(2, 2026));
      await log.close();
      const several = cli('balances', ingested, '--as-of', friday);
      expect({ status: several.status, stdout: several.stdout, stderr: several.stderr }).to.deep.equal({
        status: 2, stdout: '', stderr: `vested balances: name the scenario with --scenario (${ingested} has: s, t)\n`,
      });
      const history = cli('history', ingested, 'E000001');
      expect({ status: history.status, stdout: history.stdout, stderr: history.stderr }).to.deep.equal({
        status: 2, stdout: '', stderr: `vested history: name the scenario with --scenario (${ingested} has: s, t)\n`,
      });
      expect(await direct(ingested, { asOf: friday, scenario: 'u' })).to.deep.equal({
        code: 1, out: '', err: `vested balances: ${ingested} has no scenario "u" (it has: s, t)\n`,
      });
      const notRun = await direct(ingested, { asOf: friday, scenario: 's' });
      expect(notRun).to.deep.equal({
        code: 1, out: '', err: `vested balances: ${ingested}: no run of scenario "s" (an ingested log has no snapshots to replay from)\n`,
      });
      expect(await direct(dir, { asOf: friday, scenario: 's' })).to.deep.include({ code: 1, err: `vested balances: ${dir} has no scenario "s" (it has: ${SCENARIO})\n` });
    });
  });
});
