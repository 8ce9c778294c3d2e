import { expect } from 'chai';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { checkLog } from '../../storage/check.js';
import { participantIds } from '../../storage/logged-years.js';
import { derivedYears, employeeSegments, employeesInRange } from '../../storage/segment-index.js';
import { EVENTS_PER_PARTICIPANT_YEAR, participantYear, runYear } from './fixtures/events.js';
import { dumpLog, uuid } from './fixtures/dump.js';

/**
 * A log holding, in scenario s: two run years of two employees (E000000, E000001) and the plan
 * (each participant-year 81 events, the plan's year 2), and between them three external events
 * of X1 (ingested, with their own ids).
 */
async function mixedLog(dir: string): Promise<void> {
  const log = openLog(dir);
  try {
    await log.appendSegments('s', 'pd', runYear(2, 2025));
    const external = participantYear('X1', 2025).slice(0, 3).map((e, i) => ({ ...e, eventId: uuid(i + 1) }));
    await log.appendBatch('s', 'pd', external as never);
    await log.appendSegments('s', 'pd', runYear(2, 2026));
  } finally {
    await log.close();
  }
}

describe('storage/segment-index: derived segments by year, the others by employee', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-segment-index-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const withLog = async <T>(dir: string, f: (log: EventLog) => T): Promise<T> => {
    const log = openLog(dir);
    try {
      return f(log);
    } finally {
      await log.close();
    }
  };

  it('indexes a run year by year and an ingested segment by employee, and merges them per employee in sequence order', async () => {
    const dir = join(tmp, 'mixed');
    await mixedLog(dir);
    await withLog(dir, (log) => {
      // Sequences: 2025 is E000000 0..80, E000001 81..161, the plan 162..163; X1's three events
      // 164..166; 2026 is E000000 167..247, E000001 248..328, the plan 329..330.
      const n = EVENTS_PER_PARTICIPANT_YEAR;
      expect([...log.dbs.derivedByYear.getKeys({})]).to.deep.equal([
        ['s', 2025, ''], ['s', 2025, 'E000000'], ['s', 2025, 'E000001'],
        ['s', 2026, ''], ['s', 2026, 'E000000'], ['s', 2026, 'E000001'],
      ]);
      expect([...log.dbs.participants.getKeys({})]).to.deep.equal([['s', 'X1', 2 * n + 2]]);
      expect(derivedYears(log.dbs, 's')).to.deep.equal([2025, 2026]);
      expect(derivedYears(log.dbs, 'other')).to.deep.equal([]);
      expect(derivedYears(log.dbs, 'r')).to.deep.equal([]); // sorts before s: nothing of s counted
      expect(employeeSegments(log.dbs, 's', 'E000001').map((sp) => [sp.first, sp.count])).to.deep.equal([[n, n], [3 * n + 5, n]]);
      expect(employeeSegments(log.dbs, 's', 'X1').map((sp) => [sp.first, sp.count])).to.deep.equal([[2 * n + 2, 3]]);
      expect(participantIds(log, 's')).to.deep.equal(['E000000', 'E000001', 'X1']);
      const txn = log.dbs.env.useReadTransaction();
      try {
        const slice = [...employeesInRange(log.dbs, 's', txn, 'E000001', 'X1')].map(([id, spans]) => [id, spans.map((sp) => sp.first)]);
        expect(slice).to.deep.equal([['E000001', [n, 3 * n + 5]]]);
      } finally {
        txn.done();
      }
      // Histories come back whole and in sequence order, whichever index names their segments.
      expect(log.history('s', 'E000000').map((e) => e.sequence)).to.deep.equal([...Array.from({ length: n }, (_, i) => i), ...Array.from({ length: n }, (_, i) => 2 * n + 5 + i)]);
      expect(log.history('s', 'X1').map((e) => e.eventId)).to.deep.equal([uuid(1), uuid(2), uuid(3)]);
      expect(checkLog(log).problems).to.deep.equal([]);
    });
  });

  it('moves a format 4 folder to the year index once, when it is opened: the same records as a folder written by this version', async () => {
    const fresh = join(tmp, 'fresh');
    await mixedLog(fresh);
    const old = join(tmp, 'old');
    cpSync(fresh, old, { recursive: true });
    // Rewrite the copy as format 4 stored it: each derived segment in `derived` by employee,
    // and an employee's also in `participants` with its date span (the plan's is in `plan`).
    const env = open(old, { maxDbs: 16 });
    const byYear = env.openDB('derivedByYear', { encoding: 'msgpack' });
    const derived = env.openDB('derived', { encoding: 'msgpack' });
    const participants = env.openDB('participants', { encoding: 'msgpack' });
    env.transactionSync(() => {
      for (const { key, value } of byYear.getRange({})) {
        const [s, year, employeeId] = key as [string, number, string];
        const [first, count, firstDate, lastDate] = value as [number, number, string, string];
        derived.putSync([s, employeeId, year], [first, count]);
        if (employeeId !== '') participants.putSync([s, employeeId, first], [count, firstDate, lastDate]);
        byYear.removeSync(key);
      }
      env.openDB('info', { encoding: 'msgpack' }).putSync('log', { format: 4, compression: false });
    });
    await env.close();
    expect(await withLog(old, (log) => log.history('s', 'E000001').length)).to.equal(2 * EVENTS_PER_PARTICIPANT_YEAR);
    expect(await dumpLog(old)).to.deep.equal(await dumpLog(fresh));
    expect(await withLog(old, (log) => checkLog(log).problems)).to.deep.equal([]);
  });

  it('refuses to move a derived segment that no index entry dates, and leaves the folder as it was', async () => {
    const dir = join(tmp, 'broken');
    const env = open(dir, { maxDbs: 16 });
    env.transactionSync(() => {
      env.openDB('info', { encoding: 'msgpack' }).putSync('log', { format: 4, compression: false });
      env.openDB('derived', { encoding: 'msgpack' }).putSync(['s', 'E1', 2025], [0, 81]);
    });
    await env.close();
    const before = await dumpLog(dir);
    expect(() => openLog(dir)).to.throw(Error, `${dir}: derived segment s/E1/2025 has no index entry; run vested check with the vested that wrote it`);
    expect(await dumpLog(dir)).to.deep.equal(before);
  });
});
