import { expect } from 'chai';
import { GRADED_PLAN, writeSyntheticScenario } from '../fixtures/synthetic-scenario.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dayOfWeek } from '../../rules/calendar.js';
import type { IsoDate } from '../../rules/calendar.js';
import { RefusedEventError } from '../../actors/participant/participant.js';
import { loadScenarioSync } from '../../engine/scenario.js';
import { runToLog } from '../../engine/run.js';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { participantIds } from '../../storage/logged-years.js';
import { decodeSegment, encodeSegment } from '../../storage/segment.js';
import type { RowEvent } from '../../storage/segment.js';
import { replayableRun, stateAsOf } from '../../storage/state-as-of.js';
import type { ParticipantState } from '../../storage/state-as-of.js';
import { statesAsOf } from '../../storage/states-as-of.js';
import { closeStatesThreads, statesAsOfThreaded } from '../../storage/states-as-of-threads.js';
import { statePath } from '../../actors/participant/machine.js';

const SCENARIO = 'states-spec';

/** The reference: stateAsOf for each participant, in id order, those not hired yet left out. */
function oneByOne(log: EventLog, date: IsoDate): ParticipantState[] {
  const run = replayableRun(log, SCENARIO);
  return participantIds(log, SCENARIO).flatMap((id) => stateAsOf(log, SCENARIO, id, date, run) ?? []);
}

/** The states, taken one at a time; `slow`: with a millisecond's pause after each (workers finish while the caller is away). */
async function collect(states: AsyncIterable<ParticipantState>, slow = false): Promise<ParticipantState[]> {
  const out: ParticipantState[] = [];
  for await (const s of states) {
    out.push(s);
    if (slow) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return out;
}

async function runInto(dir: string, out: string): Promise<void> {
  const file = join(dir, 'scenario.json');
  const s = loadScenarioSync(file);
  if (s._tag === 'Left') throw new Error(s.left.join('\n'));
  await runToLog(s.right, { out: join(dir, out), threads: 0 });
}

describe('storage/states-as-of: every participant on a date', function () {
  this.timeout(120_000);
  let tmp: string;
  let log: EventLog;
  /** A participant hired by the run in 2027, and one terminated in 2026. */
  let hired: { id: string; on: IsoDate };
  let left: { id: string; on: IsoDate };
  let dates: IsoDate[];

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-states-'));
    writeSyntheticScenario(tmp, { scenarioId: SCENARIO, seed: 5, employees: 150, censusSeed: 11, years: 3, overrides: { plan: GRADED_PLAN } });
    await runInto(tmp, 'log');
    await runInto(tmp, 'log-tampered');
    log = openLog(join(tmp, 'log'));
    const all = oneByOne(log, '2028-12-31' as IsoDate);
    const h = all.find((s) => s.context.hireDate > '2027-03-01' && s.context.hireDate.startsWith('2027'))!;
    const t = all.find((s) => s.context.termination !== null && s.context.termination.date.startsWith('2026'))!;
    hired = { id: h.employeeId, on: h.context.hireDate };
    left = { id: t.employeeId, on: t.context.termination!.date };
    let friday = '2027-06-15' as IsoDate;
    while (dayOfWeek(friday) !== 5) friday = addDays(friday, 1);
    dates = ['2026-01-01', friday, '2027-12-31', '2028-12-31', addDays(hired.on, -1), hired.on, addDays(left.on, 1), '2025-12-31'] as IsoDate[];
  });
  after(async () => {
    await closeStatesThreads();
    await log.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('gives, on Jan 1, a mid-year Friday, Dec 31, around a hire and after a termination, exactly the states stateAsOf gives one by one', () => {
    for (const date of dates) {
      const expected = oneByOne(log, date);
      expect([...statesAsOf(log, SCENARIO, date)], date).to.deep.equal(expected);
    }
  });

  it('leaves out who was not hired yet and keeps who has left', () => {
    const ids = (date: IsoDate): string[] => [...statesAsOf(log, SCENARIO, date)].map((s) => s.employeeId);
    expect(ids(addDays(hired.on, -1))).not.to.include(hired.id);
    expect(ids(hired.on)).to.include(hired.id);
    const after = [...statesAsOf(log, SCENARIO, addDays(left.on, 1))].find((s) => s.employeeId === left.id)!;
    expect(statePath(after.state)).to.match(/^terminated\./);
    expect(after.context.termination?.date).to.equal(left.on);
    expect([...statesAsOf(log, SCENARIO, '2025-12-31' as IsoDate)]).to.deep.equal([]);
    expect(ids('2026-01-01' as IsoDate).length).to.be.greaterThan(100);
  });

  it('slices of the id range add up to the whole, in order', () => {
    const date = dates[1]!;
    const ids = participantIds(log, SCENARIO);
    const cuts = [ids[17]!, ids[60]!, ids[61]!];
    const parts = [
      ...statesAsOf(log, SCENARIO, date, { toId: cuts[0]! }),
      ...statesAsOf(log, SCENARIO, date, { fromId: cuts[0]!, toId: cuts[1]! }),
      ...statesAsOf(log, SCENARIO, date, { fromId: cuts[1]!, toId: cuts[2]! }),
      ...statesAsOf(log, SCENARIO, date, { fromId: cuts[2]! }),
    ];
    expect(parts).to.deep.equal([...statesAsOf(log, SCENARIO, date)]);
  });

  it('gives the same states, in the same order, on worker threads as in process', async () => {
    for (const date of [dates[1]!, '2027-12-31' as IsoDate, addDays(left.on, 1)]) {
      const expected = [...statesAsOf(log, SCENARIO, date)];
      expect(await collect(statesAsOfThreaded(log, SCENARIO, date, { threads: 2, slice: 7, minWorkerParticipants: 0 })), `${date}, 2 workers and the caller`).to.deep.equal(expected);
      expect(await collect(statesAsOfThreaded(log, SCENARIO, date, { threads: 2, slice: 7, minWorkerParticipants: 0, callerComputes: false })), `${date}, workers only`).to.deep.equal(expected);
      expect(await collect(statesAsOfThreaded(log, SCENARIO, date, { threads: 0 })), `${date}, in process`).to.deep.equal(expected);
    }
    const expected = [...statesAsOf(log, SCENARIO, dates[1]!)];
    expect(await collect(statesAsOfThreaded(log, SCENARIO, dates[1]!, { threads: 2, slice: 7, minWorkerParticipants: 0, callerComputes: false }), true), 'a slow caller').to.deep.equal(expected);
  });

  it('refuses an illegal logged input as stateAsOf does, whatever thread meets it', async () => {
    const other = openLog(join(tmp, 'log-tampered'));
    try {
      // Turn a 2028 merit into an event type no participant accepts as input.
      const { derivedByYear, segments, env } = other.dbs;
      let victim: string | undefined;
      for (const { key, value: [first] } of derivedByYear.getRange({ start: [SCENARIO, 2028, '\u0001'], end: [SCENARIO, 2029, ''] })) {
        const seg = decodeSegment(segments.get([SCENARIO, first])!);
        const k = (seg.inputs ?? []).find((i) => (seg.rows[i] as RowEvent).payload.eventType === 'merit');
        if (k === undefined) continue;
        const rows = (seg.rows as RowEvent[]).map((r, i) => (i === k ? { ...r, payload: { ...r.payload, eventType: 'vesting' } } : r));
        env.transactionSync(() => segments.put([SCENARIO, first], encodeSegment({ ...seg, rows })));
        victim = key[2];
        break;
      }
      await env.flushed; // lmdb-js: closing with a synchronous commit not yet flushed never returns
      expect(victim).to.be.a('string');
      const date = '2028-06-30' as IsoDate; // after the merit, before the year-end snapshot
      expect(() => stateAsOf(other, SCENARIO, victim!, date)).to.throw(RefusedEventError, `${victim}: vesting`);
      expect(() => [...statesAsOf(other, SCENARIO, date)]).to.throw(RefusedEventError, `${victim}: vesting`);
      let thrown: unknown;
      await collect(statesAsOfThreaded(other, SCENARIO, date, { threads: 2, slice: 5, minWorkerParticipants: 0, callerComputes: false })).catch((e: unknown) => (thrown = e));
      expect(thrown).to.be.instanceOf(RefusedEventError);
    } finally {
      await other.close();
    }
  });
});
