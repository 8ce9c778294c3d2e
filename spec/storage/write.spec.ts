/**
 * The write planner (storage/write.ts): an ingest feeds it a chunk at a time inside one open
 * transaction, and skips the duplicate check of a run's export until something else comes. Either
 * way the log must hold exactly what appending the same events as plain records stores.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envelope, eventToJsonLine } from '../../actors/events/index.js';
import { decodeChunk, runRecords } from '../../storage/ingest-chunk.js';
import type { EncodedRun } from '../../storage/ingest-chunk.js';
import { openLog } from '../../storage/log.js';
import type { AppendRecord, EventLog } from '../../storage/log.js';
import { planWrite, putHeads, putSegments, writePlanner } from '../../storage/write.js';
import type { WriteItem } from '../../storage/write.js';
import { participantYear, runYear } from './fixtures/events.js';
import { EVENT_DATABASES, dumpLog, uuid } from './fixtures/dump.js';

describe('storage/write', function () {
  this.timeout(30_000);
  let tmp: string;
  let n = 0;
  /** A run's export: 4 participant-years and the plan's, as JSONL lines. */
  let exported: string[];
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vested-write-'));
    const source = openLog(join(tmp, 'source'));
    await source.appendSegments('s', 'pd', runYear(4, 2025));
    exported = [...source.readScenario('s')].map(eventToJsonLine);
    await source.close();
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  /** The lines decoded in chunks of `per` lines, as the runs an ingest hands the writer. */
  const runsOf = (lines: readonly string[], per: number): EncodedRun[] => {
    const runs: EncodedRun[] = [];
    for (let at = 0; at < lines.length; at += per) {
      const c = decodeChunk(lines.slice(at, at + per).join('\n') + '\n', 40);
      expect(c.invalid).to.deep.equal([]);
      runs.push(...c.runs);
    }
    return runs;
  };

  /** A fresh log, `prepare`d, then `write` in it; its dump. */
  async function logged(write: (log: EventLog) => void, prepare?: (log: EventLog) => void): Promise<string[]> {
    const dir = join(tmp, `log-${n++}`);
    const log = openLog(dir, { maxSegmentEvents: 40 });
    prepare?.(log);
    write(log);
    await log.close();
    return dumpLog(dir, EVENT_DATABASES);
  }

  /** Items fed to a planner one at a time, the closed segments put after each (as an ingest does); what it skipped. */
  const feed = (log: EventLog, items: readonly WriteItem[]): number =>
    log.dbs.env.transactionSync(() => {
      const planner = writePlanner(log.dbs, log.maxSegmentEvents);
      for (const item of items) {
        planner.add(item);
        putSegments(log.dbs, planner.take());
      }
      const plan = planner.finish();
      putSegments(log.dbs, plan.segments);
      putHeads(log.dbs, plan.heads);
      return plan.skipped;
    });
  const streamed = (runs: readonly EncodedRun[]) => (log: EventLog): void => void feed(log, runs.map((run) => ({ type: 'run', run })));
  const asRecords = (runs: readonly EncodedRun[]) => (log: EventLog): void => void log.appendRecordsSync(runs.flatMap(runRecords));
  const atOnce = (runs: readonly EncodedRun[]) => (log: EventLog): void => void log.appendDecodedSync(runs);

  /** Stores the same whether the runs are fed one at a time, all at once, or as their records. */
  async function expectSameEveryWay(runs: readonly EncodedRun[], prepare?: (log: EventLog) => void): Promise<string[]> {
    const expected = await logged(asRecords(runs), prepare);
    expect(await logged(atOnce(runs), prepare), 'all at once').to.deep.equal(expected);
    expect(await logged(streamed(runs), prepare), 'one at a time').to.deep.equal(expected);
    return expected;
  }

  it('plans the same fed one item at a time as all at once', async () => {
    const dir = join(tmp, `log-${n++}`);
    const log = openLog(dir, { maxSegmentEvents: 40 });
    const items: WriteItem[] = runsOf(exported, 50).map((run) => ({ type: 'run', run }));
    const whole = planWrite(log.dbs, items, 40);
    const planner = writePlanner(log.dbs, 40);
    const segments = items.flatMap((item) => {
      planner.add(item);
      return planner.take();
    });
    const end = planner.finish();
    expect([...segments, ...end.segments]).to.deep.equal(whole.segments);
    expect([end.heads, end.appended, end.skipped, end.firstSequence]).to.deep.equal([whole.heads, whole.appended, whole.skipped, whole.firstSequence]);
    await log.close();
  });

  it('stores a run export, cut anywhere, as its derived segments', async () => {
    for (const per of [exported.length, 81, 50, 7]) {
      const stored = await expectSameEveryWay(runsOf(exported, per));
      expect(stored.filter((l) => l.startsWith('derivedByYear ')), `chunks of ${per} lines`).to.have.length(5);
      expect(stored.filter((l) => l.startsWith('ids ')), `chunks of ${per} lines`).to.deep.equal([]);
    }
  });

  it('finds the ids of a run export repeated later in the batch, next to it or not', async () => {
    const year = exported.slice(0, 81);
    // repeated at once (the first still open), after another participant-year, and in part
    for (const lines of [[...year, ...year], [...exported, ...year], [...year, ...exported.slice(81, 162), ...year.slice(0, 30)]]) {
      await expectSameEveryWay(runsOf(lines, 1000));
      await expectSameEveryWay(runsOf(lines, 50));
    }
  });

  it('finds a run export id carried by a later external event of another participant', async () => {
    const year = exported.slice(0, 81);
    const stolen = (JSON.parse(year[5]!) as { eventId: string }).eventId;
    const external = participantYear('X1', 2025).slice(0, 3).map((e, i) =>
      eventToJsonLine(envelope(e, { eventId: i === 1 ? stolen : uuid(i), scenarioId: 's', planDesignId: 'pd', sequence: i })),
    );
    const stored = await expectSameEveryWay(runsOf([...year, ...external], 1000));
    expect(stored.filter((l) => l.startsWith('ids '))).to.have.length(2);
  });

  it('finds the ids of a run export after an event without an id joined its participant-year', async () => {
    const year = runsOf(exported.slice(0, 81), 1000);
    const [first] = runRecords(year[0]!);
    const { eventId: _, ...idless } = first!;
    const items: WriteItem[] = [
      ...year.map((run): WriteItem => ({ type: 'run', run })),
      { type: 'record', record: idless },
      ...runsOf([...exported.slice(81, 162), ...exported.slice(0, 81)], 1000).map((run): WriteItem => ({ type: 'run', run })),
    ];
    const records = items.flatMap((item) => (item.type === 'run' ? runRecords(item.run) : item.type === 'record' ? [item.record] : []));
    const expected = await logged((log) => void log.appendRecordsSync(records));
    expect(await logged((log) => expect(feed(log, items)).to.equal(81))).to.deep.equal(expected);
  });

  it('checks a run export against what the log already holds', async () => {
    const before = (log: EventLog): void => {
      const records = runsOf(exported.slice(100, 200), 1000).flatMap(runRecords);
      // one external id stored: the log's ids are looked up from then on
      const external: AppendRecord = { ...records[0]!, eventId: uuid(7), employeeId: 'X9' };
      log.appendRecordsSync([...records, external]);
    };
    await expectSameEveryWay(runsOf(exported, 60), before);
    await expectSameEveryWay(runsOf(exported, 60), (log) => log.appendRecordsSync(runsOf(exported.slice(0, 90), 1000).flatMap(runRecords)));
  });
});
