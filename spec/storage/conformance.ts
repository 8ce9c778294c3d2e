/**
 * The log's conformance suite (in the manner of Akka's persistence TCK and lmdb-js's
 * `basicTests(options)`): every guarantee of storage/log.ts, each with specs that try to
 * break it, run against one store configuration. `conformance.spec.ts` runs it over every
 * configuration in fixtures/configs.ts.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { envelope } from '../../actors/events/index.js';
import type { DerivedEvent, VestedEvent } from '../../actors/events/index.js';
import { openLog } from '../../storage/log.js';
import type { EventLog, RunMetadata } from '../../storage/log.js';
import { checkLog } from '../../storage/check.js';
import { deriveEventId } from '../../storage/ids.js';
import type { StoreConfig } from './fixtures/configs.js';
import { EVENTS_PER_PARTICIPANT_YEAR, employeeIdOf, eventsPerRunYear, participantYear, planYearEvents, runYear } from './fixtures/events.js';

const here = (p: string): string => new URL(p, import.meta.url).pathname;

/** The events a derived append must read back as, computed independently of the log. */
function expectedRun(scenarioId: string, segs: ReturnType<typeof runYear>[], planDesignId = 'pd'): VestedEvent[] {
  const out: VestedEvent[] = [];
  for (const year of segs) {
    for (const s of year) {
      s.events.forEach((e, k) => {
        out.push(envelope(e, { eventId: deriveEventId(scenarioId, s.employeeId ?? '', s.year, k), scenarioId, planDesignId, sequence: out.length }));
      });
    }
  }
  return out;
}

const all = (log: EventLog, s: string, from = 0): VestedEvent[] => [...log.readScenario(s, from)];

function externalBatch(n: number, employeeId: string, year = 2030): VestedEvent[] {
  return participantYear(employeeId, year).slice(0, n).map((e, i) =>
    envelope(e, { eventId: randomUUID(), scenarioId: 'ext', planDesignId: 'pd', sequence: i }),
  );
}

function expectClean(log: EventLog): void {
  const r = checkLog(log);
  expect(r.problems).to.deep.equal([]);
}

export function conformanceSuite(config: StoreConfig): (this: Mocha.Suite) => void {
  return function () {
    let dir: string;
    let log: EventLog;
    const reopen = async (): Promise<EventLog> => {
      await log.close();
      log = openLog(dir, config.options);
      return log;
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), `vested-log-${config.name}-`));
      log = openLog(dir, config.options);
    });
    afterEach(async () => {
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    });

    describe('round trip', () => {
      it('reads back a run in sequence order with deterministic ids, after reopening', async () => {
        const years = [runYear(30, 2025), runYear(30, 2026)];
        for (const y of years) await log.appendSegments('s', 'pd', y);
        await reopen();
        expect(all(log, 's')).to.deep.equal(expectedRun('s', years));
        expect(log.scenarios()).to.deep.equal(['s']);
        expectClean(log);
      });

      it('answers a participant history, a date window, the plan stream and a read from a sequence', async () => {
        const years = [runYear(20, 2025), runYear(20, 2026), runYear(20, 2027)];
        for (const y of years) await log.appendSegments('s', 'pd', y);
        const expected = expectedRun('s', years);
        const emp = employeeIdOf(7);
        expect(log.history('s', emp)).to.deep.equal(expected.filter((e) => e.employeeId === emp));
        expect(log.history('s', emp, { fromDate: '2026-03-01', toDate: '2026-12-31' })).to.deep.equal(
          expected.filter((e) => e.employeeId === emp && e.effectiveDate >= '2026-03-01' && e.effectiveDate <= '2026-12-31'),
        );
        expect(log.planEvents('s')).to.deep.equal(expected.filter((e) => e.employeeId === undefined));
        expect(all(log, 's', 1234)).to.deep.equal(expected.slice(1234));
        expect(log.history('s', 'nobody')).to.deep.equal([]);
      });

      it('keeps the scenarios of one folder apart', async () => {
        await log.appendSegments('a', 'pd', runYear(3, 2025));
        await log.appendSegments('b', 'pd', runYear(4, 2025, 1));
        expect(log.scenarios()).to.deep.equal(['a', 'b']);
        expect(all(log, 'a')).to.deep.equal(expectedRun('a', [runYear(3, 2025)]));
        expect(all(log, 'b')).to.deep.equal(expectedRun('b', [runYear(4, 2025, 1)]));
        expectClean(log);
      });
    });

    describe('a batch appends whole or not at all', () => {
      it('a run year that fails half-way (an unencodable amount in a late segment) leaves no trace', async () => {
        await log.appendSegments('s', 'pd', runYear(5, 2025));
        const before = all(log, 's');
        const bad = runYear(50, 2026);
        const victim = bad[40]!.events[10]!;
        (victim.payload as unknown as Record<string, unknown>)['amount'] = 2n ** 80n;
        let failed = false;
        try {
          await log.appendSegments('s', 'pd', bad);
        } catch {
          failed = true;
        }
        expect(failed).to.equal(true);
        expect(all(log, 's')).to.deep.equal(before);
        expect(log.history('s', employeeIdOf(3), { fromDate: '2026-01-01' })).to.deep.equal([]);
        expect(log.nextSequence('s')).to.equal(before.length);
        expectClean(log);
        const r = await log.appendSegments('s', 'pd', runYear(50, 2026));
        expect(r).to.deep.equal({ appended: eventsPerRunYear(50), skipped: 0, firstSequence: before.length });
      });

      it('metadata written with a year lands with it, or not at all', async () => {
        const meta: RunMetadata = {
          scenarioId: 's', seed: 42, planDesignId: 'pd', planDesign: { planId: 'p' }, engineVersion: '0.1.0', schemaVersion: 2,
          inputHashes: { census: 'abc' }, status: 'running', lastCompleteYear: 2025, startYear: 2025, years: 2,
        };
        await log.appendSegments('s', 'pd', runYear(3, 2025), { metadata: meta });
        const bad = runYear(3, 2026);
        (bad[1]!.events[3]!.payload as unknown as Record<string, unknown>)['amount'] = 2n ** 80n;
        try {
          await log.appendSegments('s', 'pd', bad, { metadata: { ...meta, lastCompleteYear: 2026, status: 'complete' } });
        } catch {
          /* expected */
        }
        expect(log.getMetadata('s')).to.deep.equal(meta);
        expectClean(log);
      });
    });

    describe('appending an id already in the log is a no-op', () => {
      it('skips a repeated batch, a repeated run year and repeats inside one batch', async () => {
        const batch = externalBatch(30, 'X1');
        expect(await log.appendBatch('ext', 'pd', batch)).to.deep.equal({ appended: 30, skipped: 0, firstSequence: 0 });
        expect(await log.appendBatch('ext', 'pd', [...batch.slice(10), ...batch.slice(0, 5)])).to.deep.equal({ appended: 0, skipped: 25, firstSequence: null });
        const more = externalBatch(4, 'X2');
        expect(await log.appendBatch('ext', 'pd', [more[0]!, more[0]!, more[1]!, batch[3]!])).to.deep.equal({ appended: 2, skipped: 2, firstSequence: 30 });
        await log.appendSegments('s', 'pd', runYear(4, 2025));
        expect((await log.appendSegments('s', 'pd', runYear(4, 2025))).appended).to.equal(0);
        expect(all(log, 'ext').map((e) => e.eventId)).to.deep.equal([...batch.map((e) => e.eventId), more[0]!.eventId, more[1]!.eventId]);
        expectClean(log);
      });

      it('re-appending the events a run derived (an export of the log) appends nothing', async () => {
        await log.appendSegments('s', 'pd', runYear(6, 2025));
        const exported = all(log, 's');
        expect(await log.appendBatch('s', 'pd', exported)).to.deep.equal({ appended: 0, skipped: exported.length, firstSequence: null });
        expect(all(log, 's')).to.deep.equal(exported);
      });

      it('stores re-appended derived ids compactly, and they stay no-ops in a fresh log', async () => {
        await log.appendSegments('s', 'pd', runYear(6, 2025));
        const exported = all(log, 's');
        const other = openLog(`${dir}-copy`, config.options);
        try {
          expect((await other.appendBatch('s', 'pd', exported)).appended).to.equal(exported.length);
          expect([...other.readScenario('s')]).to.deep.equal(exported);
          expect(other.dbs.ids.getKeysCount()).to.equal(0);
          expect((await other.appendBatch('s', 'pd', exported.slice(100, 300))).appended).to.equal(0);
          expect(checkLog(other).problems).to.deep.equal([]);
        } finally {
          await other.close();
          rmSync(`${dir}-copy`, { recursive: true, force: true });
        }
      });
      it('check names a derived id that an ingested event already carried elsewhere (the one collision append cannot see)', async () => {
        const stolen = deriveEventId('s', employeeIdOf(0), 2025, 3);
        const [e] = externalBatch(1, employeeIdOf(0), 2024);
        await log.appendBatch('s', 'pd', [{ ...e!, scenarioId: 's', eventId: stolen }]);
        await log.appendSegments('s', 'pd', runYear(1, 2025));
        expect(checkLog(log).problems).to.deep.equal([`scenario s segment @1: derived event id ${stolen} is also stored as ["s",0]`]);
      });
    });

    describe('sequences have no gaps', () => {
      it('whatever mix of appends, repeats and failures, sequences are 0..n-1 and check passes', async () => {
        const op = fc.oneof(
          fc.record({ kind: fc.constant('year' as const), n: fc.integer({ min: 0, max: 4 }), year: fc.integer({ min: 2020, max: 2023 }) }),
          fc.record({ kind: fc.constant('batch' as const), emp: fc.integer({ min: 0, max: 3 }), from: fc.integer({ min: 0, max: 60 }), n: fc.integer({ min: 0, max: 30 }) }),
          fc.record({ kind: fc.constant('fail' as const), year: fc.integer({ min: 2020, max: 2023 }) }),
        );
        const pool = [0, 1, 2, 3].map((i) => externalBatch(81, `B${i}`));
        await fc.assert(
          fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
            const s = `p${randomUUID()}`;
            const ids = new Set<string>();
            for (const o of ops) {
              if (o.kind === 'year') await log.appendSegments(s, 'pd', runYear(o.n, o.year));
              else if (o.kind === 'batch') {
                await log.appendBatch(s, 'pd', pool[o.emp]!.slice(o.from, o.from + o.n).map((e) => ({ ...e, scenarioId: s })));
              } else {
                const bad = runYear(2, o.year);
                (bad[0]!.events[5]!.payload as unknown as Record<string, unknown>)['ytdAmount'] = 2n ** 90n;
                await log.appendSegments(s, 'pd', bad).catch(() => undefined);
              }
            }
            const events = all(log, s);
            events.forEach((e, i) => {
              expect(e.sequence).to.equal(i);
              expect(ids.has(e.eventId), `duplicate id ${e.eventId}`).to.equal(false);
              ids.add(e.eventId);
            });
            expect(log.nextSequence(s)).to.equal(events.length);
          }),
          { numRuns: 25 },
        );
        expectClean(log);
      });
    });

    describe('readers see a consistent snapshot while a writer appends', () => {
      it('an open scenario read does not see batches committed after it started', async () => {
        await log.appendSegments('s', 'pd', runYear(20, 2025));
        const before = all(log, 's');
        const it = log.readScenario('s');
        const seen: VestedEvent[] = [];
        for (let i = 0; i < 100; i++) seen.push(it.next().value as VestedEvent);
        await log.appendSegments('s', 'pd', runYear(20, 2026));
        await log.appendBatch('s', 'pd', externalBatch(10, 'late').map((e) => ({ ...e, scenarioId: 's' })));
        for (let r = it.next(); r.done !== true; r = it.next()) seen.push(r.value);
        expect(seen).to.deep.equal(before);
        expect(all(log, 's').length).to.equal(before.length + eventsPerRunYear(20) + 10);
      });

      it('a reader in another process sees whole batches only', async function () {
        this.timeout(60_000);
        await log.appendSegments('s', 'pd', runYear(10, 2025));
        const perYear = eventsPerRunYear(10);
        const reader = spawn(process.execPath, ['--import', 'tsx', here('./fixtures/reader.ts'), dir, config.name, 's'], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        let lines = 0;
        let wake: () => void = () => undefined;
        reader.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          lines = out.split('\n').length - 1;
          wake();
        });
        const readerLines = (n: number): Promise<void> => new Promise((res) => {
          wake = () => { if (lines >= n) res(); };
          wake();
        });
        await readerLines(1);
        for (let y = 2026; y < 2046; y++) {
          await log.appendSegments('s', 'pd', runYear(10, y));
          await new Promise((res) => setTimeout(res, 5));
        }
        await readerLines(lines + 2);
        reader.kill('SIGTERM');
        await new Promise((res) => reader.on('close', res));
        const counts = out.trim().split('\n').filter((l) => l !== '').map(Number);
        expect(new Set(counts).size, 'the reader saw several states').to.be.greaterThan(1);
        for (const c of counts) expect(c % perYear, `reader saw ${c} events`).to.equal(0);
      });
    });

    describe('a process killed with SIGKILL during a large append', () => {
      for (const delayMs of [0, 97, 251]) {
        it(`leaves a log that check passes, holding a prefix of whole batches (kill ${delayMs} ms after a commit)`, async function () {
          this.timeout(120_000);
          const employees = 1500;
          const child = spawn(process.execPath, ['--import', 'tsx', here('./fixtures/crash-writer.ts'), dir, config.name, String(employees)], {
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          await log.close();
          let committed = 0;
          let buffered = '';
          await new Promise<void>((resolve, reject) => {
            child.on('error', reject);
            child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}`))));
            child.stdout.on('data', (d: Buffer) => {
              buffered += d.toString();
              committed = buffered.split('\n').filter((l) => l.startsWith('committed')).length;
              if (committed >= 2) setTimeout(() => child.kill('SIGKILL'), delayMs);
            });
          });
          log = openLog(dir, config.options);
          expectClean(log);
          const events = all(log, 'crash');
          const perYear = eventsPerRunYear(employees);
          expect(events.length % perYear).to.equal(0);
          const years = events.length / perYear;
          expect(years).to.be.at.least(committed);
          const expected = expectedRun('crash', Array.from({ length: years }, (_, i) => runYear(employees, 2001 + i)));
          expect(events.length).to.equal(expected.length);
          for (let i = 0; i < events.length; i += 997) expect(events[i]).to.deep.equal(expected[i]);
          expect(events[events.length - 1]).to.deep.equal(expected[expected.length - 1]);
        });
      }
    });

    describe('snapshots and run metadata', () => {
      it('finds the latest snapshot on or before a date', async () => {
        await log.appendSegments('s', 'pd', runYear(3, 2025));
        const a = employeeIdOf(1);
        await log.putSnapshots('s', '2025-06-30', [{ employeeId: a, value: { state: 'enrolled', balance: 100 } }]);
        await log.putSnapshots('s', '2025-12-31', [{ employeeId: a, value: { state: 'enrolled', balance: 250 } }, { employeeId: employeeIdOf(2), value: 1 }]);
        expect(log.snapshotAtOrBefore('s', a, '2025-06-29')).to.equal(undefined);
        expect(log.snapshotAtOrBefore('s', a, '2025-06-30')).to.deep.equal({ date: '2025-06-30', value: { state: 'enrolled', balance: 100 } });
        expect(log.snapshotAtOrBefore('s', a, '2025-12-30')?.date).to.equal('2025-06-30');
        expect(log.snapshotAtOrBefore('s', a, '2030-01-01')?.value).to.deep.equal({ state: 'enrolled', balance: 250 });
        expect(log.snapshotAtOrBefore('s', employeeIdOf(0), '2030-01-01')).to.equal(undefined);
        expectClean(log);
      });

      it('check names a snapshot of a participant without events', async () => {
        await log.appendSegments('s', 'pd', runYear(1, 2025));
        await log.putSnapshots('s', '2025-12-31', [{ employeeId: 'ghost', value: 1 }]);
        expect(checkLog(log).problems).to.deep.equal(['snapshot s/ghost/2025-12-31: no events for this participant']);
      });

      it('check names a hire snapshot reflecting more events than its participant-year holds', async () => {
        await log.appendSegments('s', 'pd', runYear(1, 2025));
        const a = employeeIdOf(0);
        const n = EVENTS_PER_PARTICIPANT_YEAR;
        await log.putSnapshots('s', '2025-03-01', [{ employeeId: a, value: { participant: {}, year: 2025, through: n } }]);
        expectClean(log);
        await log.putSnapshots('s', '2025-03-02', [{ employeeId: a, value: { participant: {}, year: 2025, through: n + 1 } }]);
        await log.putSnapshots('s', '2025-03-03', [{ employeeId: a, value: { participant: {}, year: 2024, through: 0 } }]);
        await log.putSnapshots('s', '2025-03-04', [{ employeeId: a, value: { participant: {}, year: 2025, through: -1 } }]);
        expect(checkLog(log).problems).to.deep.equal([
          `snapshot s/${a}/2025-03-02: hire snapshot reflects ${n + 1} events of 2025, but the participant has ${n} events derived in 2025`,
          `snapshot s/${a}/2025-03-03: hire snapshot of year 2024, dated in 2025`,
          `snapshot s/${a}/2025-03-04: hire snapshot reflects -1 events; expected a count`,
        ]);
      });
    });

    describe('the plan-level stream', () => {
      it('holds only plan-level events, from every year', async () => {
        for (const y of [2025, 2026]) await log.appendSegments('s', 'pd', [{ employeeId: null, year: y, events: planYearEvents(y) as DerivedEvent[] }]);
        expect(log.planEvents('s').map((e) => e.effectiveDate)).to.deep.equal(['2025-12-31', '2025-12-31', '2026-12-31', '2026-12-31']);
      });
    });
  };
}
