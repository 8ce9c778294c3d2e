import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsoDate } from '../../rules/calendar.js';
import { runToLog } from '../../engine/run.js';
import { runWhatIf } from '../../engine/whatif/run.js';
import { checkLog } from '../../storage/check.js';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { loggedYears, participantIds } from '../../storage/logged-years.js';
import { replayParticipant, storedSnapshot } from '../../storage/replay.js';
import { getYearRecord } from '../../storage/run-state.js';
import { balancesAsOf, replayScenario, replayableRun, stateAsOf } from '../../storage/state-as-of.js';
import type { ParticipantState } from '../../storage/state-as-of.js';
import { statesAsOf } from '../../storage/states-as-of.js';
import { closeStatesThreads, statesAsOfThreaded } from '../../storage/states-as-of-threads.js';
import { decoded, whatifJson, lives, storeAndFork } from './whatif-fixtures.js';

/**
 * A variant forked at N whose design differs from the stored run's before N + 1 (a richer
 * match with auto-enrollment; a safe-harbor core with immediate vesting): its years up to N are
 * the stored run's, made under the stored design, and must replay under it; its own years
 * replay under its design. The Dec 31 snapshots of N are the boundary.
 */
describe('a what-if forked under another design replays each year under the design that made it', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => (tmp = mkdtempSync(join(tmpdir(), 'vested-fork-design-'))));
  after(async () => {
    await closeStatesThreads();
    rmSync(tmp, { recursive: true, force: true });
  });

  const FORK_YEAR = 2027;
  const LAST_YEAR = 2029;
  const atOrBeforeFork = (d: string): boolean => d <= `${FORK_YEAR}-12-31`;

  /** Hire and termination dates of a scenario's participants. */
  const byId = (states: Iterable<ParticipantState>): Map<string, ParticipantState> => new Map([...states].map((s) => [s.employeeId, s]));
  async function collect(g: AsyncGenerator<ParticipantState>): Promise<ParticipantState[]> {
    const out: ParticipantState[] = [];
    for await (const s of g) out.push(s);
    return out;
  }

  it('replay finds no difference; state as of a date ≤ N is the stored run\'s, after N the variant\'s own', async () => {
    const json = whatifJson(tmp, 120, { years: LAST_YEAR - 2026 + 1 });
    const variants = (json.variants as { name: string }[]).filter((v) => v.name === 'rich' || v.name === 'core');
    const out = await storeAndFork(tmp, json, variants, FORK_YEAR);
    expect(out.variants.map((v) => v.firstSimulatedYear)).to.deep.equal([FORK_YEAR + 1, FORK_YEAR + 1]);

    const stored = openLog(join(tmp, 'stored'));
    const fork = openLog(join(tmp, 'fork'));
    try {
      const people = lives(stored, 'stored-run');
      const early = [...people].filter(([, l]) => atOrBeforeFork(l.hired));
      expect(early.filter(([, l]) => l.hired > '2026-01-01').length, 'hired during the copied years').to.be.greaterThan(5);
      expect(early.filter(([, l]) => l.terminated !== undefined && atOrBeforeFork(l.terminated)).length, 'gone in the copied years').to.be.greaterThan(5);

      for (const v of out.variants) {
        const sid = v.scenarioId;
        // The copied years say which design made them; the variant's own years do not.
        for (let y = 2026; y <= FORK_YEAR; y++) expect(getYearRecord(fork, sid, y)!.design?.planDesignId, `${v.name} ${y}`).to.equal('base');
        for (let y = FORK_YEAR + 1; y <= LAST_YEAR; y++) expect(getYearRecord(fork, sid, y)!.design, `${v.name} ${y}`).to.equal(undefined);

        // vested replay: every participant from its hire snapshot, every year-end compared, across the fork.
        const r = replayScenario(fork, sid);
        expect(r.differences.map((d) => `${d.employeeId} ${d.date}: ${d.what}`), v.name).to.deep.equal([]);
        expect(r.participants, v.name).to.equal(participantIds(fork, sid).length);
        // The variant's own Dec 31 snapshots are reached by replay from before the fork, and match.
        const crossing = [...people].filter(([id, l]) => atOrBeforeFork(l.hired) && fork.snapshotAtOrBefore(sid, id, `${FORK_YEAR + 1}-12-31`)?.date === `${FORK_YEAR + 1}-12-31`);
        expect(crossing.length, `${v.name}: live across the fork`).to.be.greaterThan(20);
        expect(r.snapshotsCompared, v.name).to.be.greaterThan(crossing.length * (LAST_YEAR - FORK_YEAR));
        for (const until of [`${FORK_YEAR}-12-31`, `${FORK_YEAR + 1}-07-01`]) {
          expect(replayScenario(fork, sid, until as IsoDate).differences.length, `${v.name} through ${until}`).to.equal(0);
        }

        // history --as-of on dates ≤ N: the stored run's state.
        for (const [id, l] of early) {
          const dates = new Set<IsoDate>([l.hired, `${l.hired.slice(0, 4)}-07-01` as IsoDate, `${l.hired.slice(0, 4)}-12-31` as IsoDate, `${FORK_YEAR}-12-31` as IsoDate]);
          if (l.terminated !== undefined && atOrBeforeFork(l.terminated)) dates.add(l.terminated);
          for (const d of dates) {
            if (d < l.hired) continue;
            const want = stateAsOf(stored, 'stored-run', id, d);
            expect(want, `${id} on ${d} in the stored run`).to.not.equal(undefined);
            expect(stateAsOf(fork, sid, id, d), `${v.name}: ${id} on ${d}`).to.deep.equal(want);
            expect(balancesAsOf(fork, sid, id, d), `${v.name}: balances of ${id} on ${d}`).to.deep.equal(balancesAsOf(stored, 'stored-run', id, d));
          }
        }

        // After N: the variant's own years. Each participant's state on Dec 31, rebuilt as
        // stateAsOf rebuilds it from the latest snapshot before that day (for the first, Dec 31
        // of N, the stored run's), is the snapshot the variant's simulation stored that day.
        const run = replayableRun(fork, sid);
        for (let y = FORK_YEAR + 1; y <= LAST_YEAR; y++) {
          const end = `${y}-12-31` as IsoDate;
          let checked = 0;
          for (const id of participantIds(fork, sid)) {
            const snap = fork.snapshotAtOrBefore(sid, id, end);
            const previous = fork.snapshotAtOrBefore(sid, id, `${y}-12-30`);
            if (snap?.date !== end || previous === undefined) continue;
            const from = storedSnapshot(previous.value);
            const p = replayParticipant(run.envOf, from, loggedYears(fork, sid, id, from.year, end), { until: end, lastYear: run.lastYear });
            expect(p.snapshot(), `${v.name}: ${id} on ${end}, from ${previous.date}`).to.deep.equal(storedSnapshot(snap.value).participant);
            if (previous.date <= `${y}-07-01`) expect(stateAsOf(fork, sid, id, `${y}-07-01` as IsoDate), `${v.name}: ${id} on ${y}-07-01`).to.not.equal(undefined);
            checked++;
          }
          expect(checked, `${v.name} ${y}`).to.be.greaterThan(20);
        }

        // statesAsOf (in process and on a worker) agree with stateAsOf on both sides of the fork.
        for (const d of [`${FORK_YEAR}-06-26`, `${FORK_YEAR}-12-31`, `${FORK_YEAR + 1}-06-30`, `${LAST_YEAR}-12-31`] as IsoDate[]) {
          const one = new Map<string, ParticipantState>();
          for (const id of participantIds(fork, sid)) {
            const s = stateAsOf(fork, sid, id, d);
            if (s !== undefined) one.set(id, s);
          }
          expect(byId(statesAsOf(fork, sid, d)), `${v.name} statesAsOf ${d}`).to.deep.equal(one);
          const threaded = await collect(statesAsOfThreaded(fork, sid, d, { threads: 1, slice: 16, minWorkerParticipants: 0, callerComputes: false }));
          expect(byId(threaded), `${v.name} statesAsOfThreaded ${d}`).to.deep.equal(one);
          if (atOrBeforeFork(d)) expect(byId(statesAsOf(fork, sid, d)), `${v.name} statesAsOf ${d} vs the stored run`).to.deep.equal(byId(statesAsOf(stored, 'stored-run', d)));
        }
      }
      expect(checkLog(fork).problems).to.deep.equal([]);
    } finally {
      await stored.close();
      await fork.close();
    }
  });
  it('a fork into a design without auto-enrollment cancels the auto-enrollments still pending, and replays', async () => {
    const json = whatifJson(tmp, 120, { years: 4 });
    const pick = (name: string): unknown[] => (json.variants as { name: string }[]).filter((v) => v.name === name);
    // A stored run under rich (auto-enrollment), then core (none) forked from it after 2027.
    await runWhatIf(decoded({ ...json, variants: pick('rich') }, tmp), { out: join(tmp, 'ae-stored'), threads: 1 });
    const out = await runWhatIf(decoded({ ...json, variants: pick('core'), fork: { from: 'ae-stored', scenarioId: 'spec/rich', year: 2027 } }, tmp), { out: join(tmp, 'ae-fork'), threads: 1 });
    const sid = out.variants[0]!.scenarioId;
    const stored = openLog(join(tmp, 'ae-stored'));
    const fork = openLog(join(tmp, 'ae-fork'));
    try {
      // Those whose auto-enrollment was still pending on Dec 31, 2027 in the stored run.
      const pending = participantIds(stored, 'spec/rich').filter((id) => {
        const c = stateAsOf(stored, 'spec/rich', id, '2027-12-31' as IsoDate)?.context;
        return c !== undefined && c.termination === null && c.enrollment === null && c.autoEnrollOn !== null && c.autoEnrollOn > '2027-12-31';
      });
      expect(pending.length, 'auto-enrollments pending at the fork').to.be.greaterThan(0);
      // Under core none of them is auto-enrolled (the amendment cancelled it); whoever enrolls does so by choice.
      for (const id of pending) {
        const auto = fork.history(sid, id).filter((e) => e.payload.eventType === 'enrollment' && e.effectiveDate > '2027-12-31' && (e.payload as { enrollmentSource?: string }).enrollmentSource === 'auto');
        expect(auto, id).to.deep.equal([]);
      }
      const r = replayScenario(fork, sid);
      expect(r.differences.map((d) => `${d.employeeId} ${d.date}: ${d.what}`)).to.deep.equal([]);
      expect(checkLog(fork).problems).to.deep.equal([]);
    } finally {
      await stored.close();
      await fork.close();
    }
  });

  it('a fork of a fork replays each copied year under its own design', async () => {
    const json = whatifJson(tmp, 80, { years: 4 });
    const pick = (name: string): unknown[] => (json.variants as { name: string }[]).filter((v) => v.name === name);
    const storedRun = decoded({ ...json, whatifId: 'stored', variants: [{ name: 'run' }] }, tmp);
    await runToLog({ ...storedRun.base, scenarioId: 'chain-stored' }, { out: join(tmp, 'chain-stored') });
    // core forks the base run after 2026; rich forks core after 2027: 2026 is base's, 2027 core's.
    await runWhatIf(decoded({ ...json, variants: pick('core'), fork: { from: 'chain-stored', scenarioId: 'chain-stored', year: 2026 } }, tmp), { out: join(tmp, 'chain-a'), threads: 1 });
    const out = await runWhatIf(decoded({ ...json, variants: pick('rich'), fork: { from: 'chain-a', scenarioId: 'spec/core', year: 2027 } }, tmp), { out: join(tmp, 'chain-b'), threads: 1 });
    const sid = out.variants[0]!.scenarioId;
    const a = openLog(join(tmp, 'chain-a'));
    const b = openLog(join(tmp, 'chain-b'));
    try {
      expect([2026, 2027, 2028, 2029].map((y) => getYearRecord(b, sid, y)!.design?.planDesignId)).to.deep.equal(['base', 'core', undefined, undefined]);
      // The events keep the id of the design that made them, year by year.
      const ids = new Map<string, Set<string>>();
      for (const e of b.readScenario(sid)) {
        const y = e.effectiveDate.slice(0, 4);
        if (!ids.has(y)) ids.set(y, new Set());
        ids.get(y)!.add(e.planDesignId);
      }
      expect([...ids].map(([y, d]) => `${y} ${[...d].join(',')}`)).to.deep.equal(['2026 base', '2027 core', '2028 rich', '2029 rich']);
      const r = replayScenario(b, sid);
      expect(r.differences.map((d) => `${d.employeeId} ${d.date}: ${d.what}`)).to.deep.equal([]);
      expect(r.participants).to.equal(participantIds(b, sid).length);
      for (const d of ['2026-06-26', '2027-06-25', '2027-12-31'] as IsoDate[]) {
        expect(byId(statesAsOf(b, sid, d)), `on ${d}`).to.deep.equal(byId(statesAsOf(a, 'spec/core', d)));
      }
      expect(checkLog(b).problems).to.deep.equal([]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
