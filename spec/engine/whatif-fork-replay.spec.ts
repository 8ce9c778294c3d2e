import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsoDate } from '../../rules/calendar.js';
import { checkLog } from '../../storage/check.js';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { participantIds } from '../../storage/logged-years.js';
import { replayScenario, stateAsOf } from '../../storage/state-as-of.js';
import { whatifJson, lives, storeAndFork } from './whatif-fixtures.js';

/**
 * A forked variant's log must replay like a full run's (issue #7): replay of a participant
 * hired during the run starts from the snapshot taken right after its hire, so the fork has to
 * carry the stored run's hire snapshots of the years it copies, not only the year-end ones. The
 * participants that show it are those hired in a copied year, above all those also terminated
 * in it (they have no year-end snapshot at all).
 */
describe('a what-if forked from a stored run replays like a full run', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = mkdtempSync(join(tmpdir(), 'vested-fork-replay-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const FORK_YEAR = 2027;
  // Designs that agree with the stored one up to the fork year: the environment `replay` builds from the variant's design fits the copied years too.
  const variants = [
    { name: 'renamed', overrides: { planDesignId: 'renamed' } },
    { name: 'later-limit', overrides: { planDesignId: 'later-limit', limits: { overrides: { '2028': { electiveDeferral: '2000' } } } } },
  ];

  it('vested replay finds no difference, and stateAsOf in the forked years equals the stored run\'s', async () => {
    const json = { ...whatifJson(tmp, 120), years: 3 };
    const out = await storeAndFork(tmp, json, variants, FORK_YEAR);
    expect(out.variants.map((v) => v.firstSimulatedYear)).to.deep.equal([FORK_YEAR + 1, FORK_YEAR + 1]);

    const stored = openLog(join(tmp, 'stored'));
    const fork = openLog(join(tmp, 'fork'));
    try {
      const people = lives(stored, 'stored-run');
      const early = [...people].filter(([, l]) => l.hired <= `${FORK_YEAR}-12-31`);
      // The cases that matter are there: hired during the run (not from the census) in a forked year, some terminated in it.
      const hiredInRun = early.filter(([, l]) => l.hired > '2026-01-01');
      const goneSameYear = hiredInRun.filter(([, l]) => l.terminated !== undefined && l.terminated.slice(0, 4) === l.hired.slice(0, 4));
      expect(hiredInRun.length).to.be.greaterThan(5);
      expect(goneSameYear.length).to.be.greaterThan(0);
      expect(early.filter(([, l]) => l.terminated !== undefined && l.terminated <= `${FORK_YEAR}-12-31`).length).to.be.greaterThan(5);

      for (const v of out.variants) {
        // What `vested replay DIR` runs for each scenario.
        const r = replayScenario(fork, v.scenarioId);
        expect(r.differences.map((d) => `${d.employeeId} ${d.date}: ${d.what}`), v.name).to.deep.equal([]);
        expect(r.participants, v.name).to.equal(participantIds(fork, v.scenarioId).length);
        expect(r.snapshotsCompared, v.name).to.be.greaterThan(0);
        // Through the fork year alone as well (replay --as-of).
        expect(replayScenario(fork, v.scenarioId, `${FORK_YEAR}-12-31` as IsoDate).differences.length, v.name).to.equal(0);

        // history --as-of: the state of anyone hired by N, on dates up to N, is the stored run's.
        for (const [id, l] of early) {
          const dates = new Set<IsoDate>([l.hired, `${l.hired.slice(0, 4)}-07-01` as IsoDate, `${l.hired.slice(0, 4)}-12-31` as IsoDate, `${FORK_YEAR}-12-31` as IsoDate]);
          if (l.terminated !== undefined && l.terminated <= `${FORK_YEAR}-12-31`) dates.add(l.terminated);
          for (const d of dates) {
            if (d < l.hired) continue;
            const want = stateAsOf(stored, 'stored-run', id, d);
            expect(want, `${id} on ${d} in the stored run`).to.not.equal(undefined);
            expect(stateAsOf(fork, v.scenarioId, id, d), `${v.name}: ${id} on ${d}`).to.deep.equal(want);
          }
        }
      }
      expect(checkLog(fork).problems).to.deep.equal([]);
    } finally {
      await stored.close();
      await fork.close();
    }
  });
});
