import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToLog, RunRefusedError, snapshotYears, storedRunSnapshot } from '../../engine/run.js';
import { parseSnapshotEvery } from '../../engine/commands/run.js';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { getYearRecord } from '../../storage/run-state.js';
import { checkLog } from '../../storage/check.js';
import { participantIds } from '../../storage/logged-years.js';
import { replayScenario, stateAsOf } from '../../storage/state-as-of.js';
import type { IsoDate } from '../../rules/calendar.js';
import { exportedText, loadScenarioFile, writeSyntheticScenario } from '../fixtures/synthetic-scenario.js';

const ID = 'cadence-spec';

/** Which of a year's live participants have a Dec 31 snapshot in the log. */
function dec31Snapshots(log: EventLog, year: number): number {
  const record = getYearRecord(log, ID, year)!;
  return record.liveIds.filter((id) => log.snapshotAtOrBefore(ID, id, `${year}-12-31`)?.date === `${year}-12-31`).length;
}

describe('vested run --snapshot-every: year-end snapshots every few years', function () {
  this.timeout(120_000);
  let tmp: string;
  let file: string;
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-cadence-'));
    file = writeSyntheticScenario(tmp, { scenarioId: ID, seed: 23, employees: 120, years: 5 });
    await runToLog(loadScenarioFile(file), { out: join(tmp, 'every-year') });
    await runToLog(loadScenarioFile(file), { out: join(tmp, 'every-2'), snapshotEvery: 2 });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('stores Dec 31 snapshots in the 2nd and 4th years and after the last one only, and the same events', async () => {
    const log = openLog(join(tmp, 'every-2'));
    try {
      // 2026..2030 with a cadence of 2: years 2 (2027) and 4 (2029), and the last (2030).
      expect(snapshotYears(log, ID)).to.deep.equal([2027, 2029, 2030]);
      for (const year of [2026, 2028]) expect(dec31Snapshots(log, year), `${year}`).to.equal(0);
      for (const year of [2027, 2029, 2030]) expect(dec31Snapshots(log, year), `${year}`).to.equal(getYearRecord(log, ID, year)!.liveIds.length);
      expect(checkLog(log).problems).to.deep.equal([]);
    } finally {
      await log.close();
    }
    expect(await exportedText(join(tmp, 'every-2'))).to.equal(await exportedText(join(tmp, 'every-year')));
  });

  it('replays with no difference, and answers state as of any date as the every-year log does', async () => {
    const sparse = openLog(join(tmp, 'every-2'));
    const full = openLog(join(tmp, 'every-year'));
    try {
      expect(replayScenario(sparse, ID).differences).to.deep.equal([]);
      const ids = participantIds(full, ID);
      expect(ids.length).to.be.greaterThan(100);
      // Mid-2026: both from the hire snapshots. 2028-12-31 and early 2029: the every-year log
      // starts from 2028's Dec 31 snapshot, the sparse one replays 2028 (and more) from 2027's.
      for (const date of ['2026-06-26', '2028-12-31', '2029-03-13'] as IsoDate[]) {
        for (const id of ids.filter((_, i) => i % 7 === 0)) {
          expect(stateAsOf(sparse, ID, id, date), `${id} on ${date}`).to.deep.equal(stateAsOf(full, ID, id, date));
        }
      }
    } finally {
      await sparse.close();
      await full.close();
    }
  });

  it('resumes from the latest year with snapshots and ends with the uninterrupted log', async () => {
    const out = join(tmp, 'resumed');
    const scenario = loadScenarioFile(file);
    // Stops after 2026, 2027, 2028: the latest snapshots are 2027's, so 2028 is simulated again.
    expect((await runToLog(scenario, { out, snapshotEvery: 2, stopAfterYears: 3 })).status).to.equal('stopped');
    const outcome = await runToLog(scenario, { out, snapshotEvery: 2 });
    expect(outcome).to.include({ status: 'complete', firstYear: 2028 });
    expect(await exportedText(out)).to.equal(await exportedText(join(tmp, 'every-year')));
  });

  it('refuses to restore the run state after a year without snapshots, naming the years that have them', async () => {
    const log = openLog(join(tmp, 'every-2'));
    try {
      expect(() => storedRunSnapshot(log, ID, 2028)).to.throw(RunRefusedError, /no participant snapshots after 2028.*2027, 2029, 2030/);
      expect(storedRunSnapshot(log, ID, 2029).participants.length).to.equal(getYearRecord(log, ID, 2029)!.liveIds.length);
    } finally {
      await log.close();
    }
  });

  it('takes a whole number of years ≥ 1 on the command line', () => {
    expect(parseSnapshotEvery('5')).to.equal(5);
    for (const bad of ['0', '-1', '1.5', 'two']) expect(() => parseSnapshotEvery(bad), bad).to.throw(/--snapshot-every must be a whole number of years/);
  });
});
