import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { openLog } from '../../storage/log.js';
import type { EventLog } from '../../storage/log.js';
import { firstSnapshotOf, snapshotAtOrBefore, snapshotsInYears, snapshotWalk, snapshotYearSpan } from '../../storage/snapshots.js';
import { appendEncodedSegments } from '../../storage/encoded.js';
import { Packr, pack as packValue } from 'msgpackr';
import type { RunMetadata } from '../../storage/log.js';

const meta: RunMetadata = {
  scenarioId: 's', seed: 1, planDesignId: 'pd', planDesign: {}, engineVersion: 'test', schemaVersion: 2,
  inputHashes: {}, status: 'running', lastCompleteYear: 2027, startYear: 2026, years: 5,
};

describe('storage/snapshots: keyed by year, then participant and date', () => {
  let tmp: string;
  let log: EventLog;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-snapshots-'));
    log = openLog(join(tmp, 'log'));
  });
  afterEach(async () => {
    await log.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('finds the latest snapshot at or before a date across years, gaps and other participants', async () => {
    // A: hired 2026-03-01, year ends 2026 and 2028 (none in 2027, as with --snapshot-every); B: 2027 only.
    await log.putSnapshots('s', '2026-03-01', [{ employeeId: 'A', value: 'A hire' }]);
    await log.putSnapshots('s', '2026-12-31', [{ employeeId: 'A', value: 'A 2026' }]);
    await log.putSnapshots('s', '2027-12-31', [{ employeeId: 'B', value: 'B 2027' }]);
    await log.putSnapshots('s', '2028-12-31', [{ employeeId: 'A', value: 'A 2028' }]);
    await log.putSnapshots('other', '2027-06-30', [{ employeeId: 'A', value: 'other scenario' }]);
    const at = (id: string, date: string) => log.snapshotAtOrBefore('s', id, date);
    expect(at('A', '2026-02-28')).to.equal(undefined);
    expect(at('A', '2026-03-01')).to.deep.equal({ date: '2026-03-01', value: 'A hire' });
    expect(at('A', '2026-12-30')?.value).to.equal('A hire');
    expect(at('A', '2027-12-31')).to.deep.equal({ date: '2026-12-31', value: 'A 2026' }); // looks back over 2027
    expect(at('A', '2040-01-01')?.value).to.equal('A 2028');
    expect(at('B', '2027-12-30')).to.equal(undefined); // none of B's before, in any year
    expect(at('B', '2030-01-01')?.value).to.equal('B 2027');
    expect(log.snapshotAtOrBefore('nobody', 'A', '2030-01-01')).to.equal(undefined);
    expect(firstSnapshotOf(log.dbs.snapshots, 's', 'A')).to.deep.equal({ date: '2026-03-01', value: 'A hire' });
    expect(firstSnapshotOf(log.dbs.snapshots, 's', 'B')?.date).to.equal('2027-12-31');
    expect(snapshotYearSpan(log.dbs.snapshots, 's')).to.deep.equal({ first: 2026, last: 2028 });
    expect(snapshotAtOrBefore(log.dbs.snapshots, 'other', 'A', '2027-12-31')?.value).to.equal('other scenario');
    expect([...snapshotsInYears(log.dbs.snapshots, 's', 2027, 2028)].map((e) => `${e.employeeId} ${e.date}`)).to.deep.equal(['B 2027-12-31', 'A 2028-12-31']);
    // A pass over everyone (ids ascending, also ones with no snapshot) answers as the seeks do.
    for (const date of ['2026-02-28', '2026-03-01', '2026-12-31', '2027-12-30', '2027-12-31', '2028-06-30', '2040-01-01']) {
      const txn = log.dbs.env.useReadTransaction();
      const walk = snapshotWalk(log.dbs.snapshots, txn, 's', date);
      try {
        for (const id of ['0', 'A', 'AB', 'B', 'C']) expect(walk.latest(id), `${id} ${date}`).to.deep.equal(at(id, date)?.value);
      } finally {
        walk.close();
        txn.done();
      }
    }
  });

  for (const append of [false, true]) {
    it(`stores a year given in any order by year, employee and date, and of one key keeps the last given${append ? ' (appended)' : ''}`, async () => {
      const year = (employeeIds: string[], date: string) => employeeIds.map((employeeId) => ({ employeeId, date, record: packValue(`${employeeId} ${date}`) }));
      // Hires first, then year ends, as a run commits them; E2 was hired on Dec 31 (same key: the year end wins).
      const given = [
        ...year(['E3'], '2026-05-01'), { employeeId: 'E2', date: '2026-12-31', record: packValue('E2 hire') },
        ...year(['E3', 'E1', 'E2'], '2026-12-31'),
      ];
      await appendEncodedSegments(log, 's', [], meta, given, { append });
      await appendEncodedSegments(log, 's', [], meta, year(['E2', 'E1'], '2027-12-31'), { append });
      // Sorts before what is stored: put the ordinary way even when appending was asked for.
      await appendEncodedSegments(log, 's', [], meta, year(['E0'], '2026-12-31'), { append });
      const keys = [...log.dbs.snapshots.getKeys({})];
      expect(keys).to.deep.equal([
        ['s', 2026, 'E0', '2026-12-31'], ['s', 2026, 'E1', '2026-12-31'], ['s', 2026, 'E2', '2026-12-31'], ['s', 2026, 'E3', '2026-05-01'], ['s', 2026, 'E3', '2026-12-31'],
        ['s', 2027, 'E1', '2027-12-31'], ['s', 2027, 'E2', '2027-12-31'],
      ]);
      expect(log.snapshotAtOrBefore('s', 'E2', '2026-12-31')?.value).to.equal('E2 2026-12-31');
      expect(log.getMetadata('s')?.lastCompleteYear).to.equal(2027);
    });
  }

  it('refuses a log of the earlier format (snapshots keyed by participant), saying what to do', async () => {
    const dir = join(tmp, 'old');
    const env = open(dir, { maxDbs: 16 });
    await env.openDB('info', { encoding: 'msgpack' }).put('log', { format: 1, compression: false });
    await env.close();
    expect(() => openLog(dir)).to.throw(RangeError, /old: log format 1 is not supported \(this vested reads formats 2, 3, 4, 5 and 6\); export it .* or run its scenario again/);
  });

  it('reads a format 2 log (format 1 segments, msgpack snapshots) and marks it format 6 (it may now get records an older reader cannot read)', async () => {
    const dir = join(tmp, 'two');
    const env = open(dir, { maxDbs: 16 });
    await env.openDB('info', { encoding: 'msgpack' }).put('log', { format: 2, compression: false });
    // One contribution on 2026-01-09, as the previous version stored it: dates as a dictionary, keys inline.
    const payload = { eventType: 'contribution', planId: 'acme', source: 'employee_pre_tax', amount: 150_00, payPeriodEnd: '2026-01-09', ytdAmount: 150_00, irsLimitApplied: false };
    const rows = [[1, ['2026-01-09'], [0]], [0], [[Object.keys(payload), Object.values(payload).map((v) => [3, v])]]];
    await env.openDB('segments', { encoding: 'binary' }).put(['s', 0], new Packr({ useRecords: false }).pack([1, 0, 2, 'pd', 'E1', 2026, 1, [rows]]));
    await env.openDB('participants', { encoding: 'msgpack' }).put(['s', 'E1', 0], [1, '2026-01-09', '2026-01-09']);
    await env.openDB('heads', { encoding: 'msgpack' }).put('s', [1, 1]);
    await env.openDB('snapshots', { encoding: 'msgpack' }).put(['s', 2026, 'E1', '2026-12-31'], { machineVersion: 1, value: 'x', context: { employeeId: 'E1' } });
    await env.close();
    const two = openLog(dir);
    try {
      expect(two.history('s', 'E1').map((e) => [e.effectiveDate, e.payload])).to.deep.equal([['2026-01-09', payload]]);
      expect(two.snapshotAtOrBefore('s', 'E1', '2027-01-01')).to.deep.equal({ date: '2026-12-31', value: { machineVersion: 1, value: 'x', context: { employeeId: 'E1' } } });
      expect(two.dbs.env.openDB('info', { encoding: 'msgpack' }).get('log')).to.deep.equal({ format: 6, compression: false });
    } finally {
      await two.close();
    }
  });
});
