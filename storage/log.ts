/**
 * The event log: the system of record of a run. One LMDB environment per output folder.
 *
 * ## Layout (named databases; keys are lmdb-js ordered arrays, compared element by element)
 * | database       | key                                   | value |
 * |----------------|---------------------------------------|-------|
 * | `segments`     | [scenarioId, firstSequence]           | a segment record (segment.ts, format 1, 2 or 3), raw bytes, LZ4 when the log was created with `compression` |
 * | `participants` | [scenarioId, employeeId, firstSequence] | [count, firstDate, lastDate] of that employee's segment, unless derived |
 * | `plan`         | [scenarioId, firstSequence]           | [count, firstDate, lastDate] of a plan-level segment |
 * | `derivedByYear`| [scenarioId, year, employeeId or '']  | [firstSequence, count, firstDate, lastDate]: a derived segment (ids computed, see ids.ts); year first so a year's entries append (segment-index.ts) |
 * | `ids`          | eventId                               | [scenarioId, sequence] of an event stored with an explicit id |
 * | `heads`        | scenarioId                            | [nextSequence, segmentCount] |
 * | `snapshots`    | [scenarioId, year, employeeId, date]  | a participant snapshot (snapshot-record.ts: participant-record.ts's binary layout, or msgpack with objects of known shapes as their values); year first so a year's snapshots append (snapshots.ts) |
 * | `runs`         | scenarioId                            | RunMetadata |
 * | `info`         | 'log'                                 | { format, compression } fixed when the folder is created |
 *
 * A *segment* is a run of consecutive events of one scenario that share an employee (or are
 * all plan-level), a plan design and a schema version. A run appends one segment per
 * participant-year, so the log costs one put per participant-year (~80-90 events) plus one index put, and a
 * participant's 10-year history is ~10 index lookups and ~10 segment reads. A run puts its
 * segments, their index entries and snapshots with MDB_APPEND when their order is proven
 * (append-order.ts): full leaf pages instead of half-full ones, and none of the pages already
 * stored copied into the commit.
 *
 * ## Sequences and ids
 * Sequences start at 0 (an event's sequence is its position in its scenario's log) and are
 * contiguous: each append takes `heads.nextSequence` and advances it by what it wrote;
 * skipped duplicates take no sequence. Derived segments (`appendSegments`) store no ids:
 * event k of (scenario, employee, year) has id `deriveEventId(scenario, employee, year, k)`,
 * and a (scenario, employee, year) already in `derived` is skipped whole. Events appended
 * with `appendBatch`/`appendRecords`/`appendDecodedSync` keep their given ids (or, lacking one, get
 * `deriveEventId(scenario, employee, 0, sequence)`; year 0 is never a plan year) in `ids`.
 * An id counts as present if it is in `ids` or is one of the computed ids of a derived
 * segment, so ingesting an export of a run into its own folder appends nothing. An ingested
 * run of events whose ids are exactly a derived segment's ids (ordinals 0..n-1 of one
 * employee-year, in order) is stored as a derived segment again (compact, no id index).
 *
 * Known limit: an *external* event that carries the id a run will later derive for another
 * position (only a hand-made file can) is not refused by `appendSegments`, which does not
 * look derived ids up; `vested check` names it.
 *
 * ## Compression, schema versions
 * `compression` (LZ4 of segment records) is recorded in `info` when the folder is created and
 * used from then on, whatever later callers pass. Every segment records its schemaVersion;
 * older versions are stored as written and upcast on read (upcast.ts).
 *
 * ## Guarantees (spec/storage/conformance.ts)
 * Each append is one synchronous LMDB write transaction (`transactionSync`, which commits and
 * syncs before returning; the async methods also await `flushed` before resolving): a batch lands whole or not at all, survives SIGKILL, and readers
 * (each read API call takes one read transaction) see either none or all of it.
 */
import { open } from 'lmdb';
import type { Database, RootDatabase, Transaction } from 'lmdb';
import { CURRENT_SCHEMA_VERSION } from '../actors/events/index.js';
import type { DerivedEvent, Payload, VestedEvent } from '../actors/events/index.js';
import type { IsoDate } from '../rules/calendar.js';
import { decodeSegment } from './segment.js';
import { snapshotRecordEncoder } from './snapshot-record.js';
import type { RowEvent, Segment, SegmentKind } from './segment.js';
import { segmentEvents } from './read.js';
import { planWrite, putHeads, putSegments } from './write.js';
import { employeeSegments, spanAt } from './segment-index.js';
import type { DerivedByYearDb, ParticipantsDb, SegmentSpan } from './segment-index.js';
import { putSnapshots as putSnapshotRecords, snapshotAtOrBefore as latestSnapshot } from './snapshots.js';
import type { SnapshotDb } from './snapshots.js';
import type { WriteItem } from './write.js';
import type { EncodedRun } from './ingest-chunk.js';


/**
 * The format of the folders this version writes. 2: snapshots keyed year first (snapshots.ts).
 * 3: also segment records of format 2 (segment.ts) and snapshot records (snapshot-record.ts),
 * which a reader of format 2 cannot read. 4: also segment records of format 3 (number runs as
 * varints), which a reader of format 3 cannot read. 5: derived segments indexed by year in
 * `derivedByYear` (segment-index.ts) instead of by employee in `participants` and `derived`.
 * 6: also participant snapshot records in the binary layout (participant-record.ts), which a
 * reader of format 5 cannot read.
 * This one reads formats 2 to 4 by moving their derived segments' index entries to the format
 * 5 layout when it opens them (one transaction, once). Format 1 logs are refused, to be run again.
 */
const LOG_FORMAT = 6;
const READABLE_LOG_FORMATS: readonly number[] = [2, 3, 4, 5, 6];
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

export interface OpenLogOptions {
  /** LZ4-compress segment records (fixed when the folder is created; ignored afterwards). */
  readonly compression?: boolean;
  /** Longest segment of externally appended events (default 1024). */
  readonly maxSegmentEvents?: number;
}

export interface AppendResult {
  readonly appended: number;
  readonly skipped: number;
  /** Sequence of the first appended event, or null when nothing was appended. */
  readonly firstSequence: number | null;
}

/** One participant-year (employeeId null: the plan-level events of the year). */
export interface SegmentInput {
  readonly employeeId: string | null;
  readonly year: number;
  readonly events: readonly DerivedEvent[];
  /** Ordinals of the events that were inputs to the participant (hire, merit, …); the rest were derived. */
  readonly inputs?: readonly number[];
}

export interface RunMetadata {
  readonly scenarioId: string;
  readonly seed: number | string;
  readonly planDesignId: string;
  readonly planDesign: unknown;
  readonly engineVersion: string;
  readonly schemaVersion: number;
  readonly inputHashes: Readonly<Record<string, string>>;
  readonly status: 'running' | 'complete';
  readonly lastCompleteYear: number | null;
  readonly startYear: number;
  readonly years: number;
}

/** An event to append with its own envelope (what `vested ingest` appends). */
export interface AppendRecord {
  readonly scenarioId: string;
  readonly planDesignId: string;
  readonly schemaVersion: number;
  readonly eventId?: string;
  readonly employeeId?: string;
  readonly effectiveDate: string;
  /** Current-version payload (decoded), or for an older schemaVersion the event as written. */
  readonly payload?: Payload;
  readonly legacy?: Record<string, unknown>;
}

/** A participant snapshot and the date it is stored under. */
export interface DatedSnapshot {
  readonly employeeId: string;
  readonly date: string;
  readonly value: unknown;
}

export interface SnapshotEntry {
  readonly employeeId: string;
  readonly value: unknown;
}

export interface HistoryOptions {
  readonly fromDate?: string;
  readonly toDate?: string;
}

/** The databases of one log; shared with check.ts and the writers. */
export interface LogDbs {
  readonly env: RootDatabase;
  readonly segments: Database<Buffer, [string, number]>;
  readonly participants: ParticipantsDb;
  readonly plan: Database<[number, string, string], [string, number]>;
  readonly derivedByYear: DerivedByYearDb;
  readonly ids: Database<[string, number], string>;
  readonly heads: Database<[number, number], string>;
  readonly snapshots: SnapshotDb;
  readonly runs: Database<RunMetadata, string>;
}

/**
 * Moves a format 4 (or older) folder's derived segments to the format 5 index, inside the open
 * write transaction: each entry of the old `derived` database ([scenario, employee or '', year]
 * → [first, count]) becomes a `derivedByYear` entry with the date span its participant's (or
 * the plan's) index entry held, and the participant's entry goes.
 */
function indexDerivedByYear(
  dir: string,
  env: RootDatabase,
  participants: ParticipantsDb,
  plan: Database<[number, string, string], [string, number]>,
  derivedByYear: DerivedByYearDb,
): void {
  const old: Database<[number, number], [string, string, number]> = env.openDB('derived', { encoding: 'msgpack' });
  for (const { key: [s, employeeId, year], value: [first, count] } of old.getRange({})) {
    const span = employeeId === '' ? plan.get([s, first]) : participants.get([s, employeeId, first]);
    if (span === undefined) throw new Error(`${dir}: derived segment ${s}/${employeeId || '(plan)'}/${year} has no index entry; run vested check with the vested that wrote it`);
    derivedByYear.putSync([s, year, employeeId], [first, count, span[1], span[2]]);
    if (employeeId !== '') participants.removeSync([s, employeeId, first]);
  }
  old.clearSync();
}

function openDbs(dir: string, opts: OpenLogOptions): LogDbs {
  const env = open(dir, { maxDbs: 16, encoding: 'msgpack' });
  const infoDb = env.openDB<{ format: number; compression: boolean }, string>('info', { encoding: 'msgpack' });
  let info = infoDb.get('log');
  if (info === undefined) {
    info = { format: LOG_FORMAT, compression: opts.compression === true };
    const fresh = info;
    env.transactionSync(() => { if (infoDb.get('log') === undefined) infoDb.put('log', fresh); });
    info = infoDb.get('log')!;
  }
  if (!READABLE_LOG_FORMATS.includes(info.format)) throw new RangeError(
      `${dir}: log format ${info.format} is not supported (this vested reads formats ${READABLE_LOG_FORMATS.slice(0, -1).join(', ')} and ${READABLE_LOG_FORMATS.at(-1)}); ` +
        'export it with the vested that wrote it and ingest the export into a new folder, or run its scenario again',
    );
  const msg = { encoding: 'msgpack' as const };
  const participants: ParticipantsDb = env.openDB('participants', msg);
  const plan: Database<[number, string, string], [string, number]> = env.openDB('plan', msg);
  const derivedByYear: DerivedByYearDb = env.openDB('derivedByYear', msg);
  if (info.format < LOG_FORMAT) {
    // This version may add records an older reader could not read: the folder says so from now on.
    const upgraded = { ...info, format: LOG_FORMAT };
    env.transactionSync(() => {
      if (info!.format < 5) indexDerivedByYear(dir, env, participants, plan, derivedByYear);
      infoDb.put('log', upgraded);
    });
    info = upgraded;
  }
  return {
    env,
    segments: env.openDB('segments', { encoding: 'binary', compression: info.compression ? { threshold: 256 } : false } as never),
    participants,
    plan,
    derivedByYear,
    ids: env.openDB('ids', msg),
    heads: env.openDB('heads', msg),
    snapshots: env.openDB('snapshots', { encoder: snapshotRecordEncoder } as never),
    runs: env.openDB('runs', msg),
  };
}

export class EventLog {
  readonly dbs: LogDbs;
  readonly maxSegmentEvents: number;

  constructor(readonly dir: string, opts: OpenLogOptions = {}) {
    const max = opts.maxSegmentEvents ?? 1024;
    if (!Number.isInteger(max) || max < 1) throw new RangeError('options.maxSegmentEvents must be a positive integer');
    this.maxSegmentEvents = max;
    this.dbs = openDbs(dir, opts);
  }

  /**
   * Appends a run's segments (typically a whole plan year) in one transaction, durable when
   * the promise resolves. A (scenario, employee, year) already stored is skipped whole.
   * `metadata` and `snapshots`, when given, are written in the same transaction (the resume point).
   */
  async appendSegments(
    scenarioId: string,
    planDesignId: string,
    segments: readonly SegmentInput[],
    opts: { metadata?: RunMetadata; snapshots?: readonly DatedSnapshot[] } = {},
  ): Promise<AppendResult> {
    const items: WriteItem[] = segments.map((s) => {
      const emp = s.employeeId ?? '';
      const rows = s.events.map((e, k) => {
        if ((e.employeeId ?? null) !== s.employeeId) {
          throw new RangeError(`segment ${scenarioId}/${emp || '(plan)'}/${s.year}: event ${k} has employeeId ${JSON.stringify(e.employeeId)}`);
        }
        if (Number(e.effectiveDate.slice(0, 4)) !== s.year) {
          throw new RangeError(`segment ${scenarioId}/${emp || '(plan)'}/${s.year}: event ${k} is dated ${e.effectiveDate}, outside ${s.year}`);
        }
        return { effectiveDate: e.effectiveDate, payload: e.payload } as RowEvent;
      });
      return { type: 'derived', scenarioId, planDesignId, employeeId: s.employeeId, year: s.year, rows, ...(s.inputs === undefined ? {} : { inputs: s.inputs }) };
    });
    const r = this.write(items, opts.metadata, scenarioId, opts.snapshots);
    await this.dbs.env.flushed;
    return r;
  }

  /**
   * Appends events in one transaction, durable when the promise resolves. An event whose id
   * is already in the log (or earlier in the batch) is skipped; events without an id get one
   * derived from their sequence.
   */
  async appendBatch(
    scenarioId: string,
    planDesignId: string,
    events: readonly (DerivedEvent | VestedEvent)[],
  ): Promise<AppendResult> {
    return this.appendRecords(
      events.map((e) => {
        if ('scenarioId' in e && e.scenarioId !== scenarioId) {
          throw new TypeError(`appendBatch(${JSON.stringify(scenarioId)}): event ${e.eventId} belongs to scenario ${JSON.stringify(e.scenarioId)}`);
        }
        const rec: AppendRecord = {
          scenarioId,
          planDesignId: 'planDesignId' in e ? e.planDesignId : planDesignId,
          schemaVersion: CURRENT_SCHEMA_VERSION,
          effectiveDate: e.effectiveDate,
          payload: e.payload,
          ...('eventId' in e ? { eventId: e.eventId } : {}),
          ...(e.employeeId !== undefined ? { employeeId: e.employeeId } : {}),
        };
        return rec;
      }),
    );
  }

  /** Appends events that carry their own envelope (several scenarios allowed), in one transaction. */
  async appendRecords(records: readonly AppendRecord[]): Promise<AppendResult> {
    const r = this.appendRecordsSync(records);
    await this.dbs.env.flushed;
    return r;
  }

  /** {@link appendRecords}, committed (and fsynced) before it returns; for bulk loaders on the main thread. */
  appendRecordsSync(records: readonly AppendRecord[]): AppendResult {
    return this.write(records.map((r) => ({ type: 'record', record: r })));
  }

  /**
   * Appends ingested events in one transaction, committed (and fsynced) before it returns:
   * records, and runs of records already decoded and encoded by `vested ingest`'s decoding
   * threads (ingest-chunk.ts, with this log's `maxSegmentEvents`). Stores exactly what
   * {@link appendRecordsSync} of the same records, in the same order, would.
   */
  appendDecodedSync(batch: readonly (AppendRecord | EncodedRun)[]): AppendResult {
    return this.write(batch.map((b) => ('pieces' in b ? { type: 'run', run: b } : { type: 'record', record: b })));
  }

  private write(items: readonly WriteItem[], metadata?: RunMetadata, scenarioId?: string, snapshots?: readonly DatedSnapshot[]): AppendResult {
    const { env, runs } = this.dbs;
    return env.transactionSync(() => {
      // Snapshots land with the events they follow: a killed run never leaves one without its events.
      if (scenarioId !== undefined && snapshots !== undefined) {
        putSnapshotRecords(this.dbs.snapshots, scenarioId, snapshots);
      }
      const planned = planWrite(this.dbs, items, this.maxSegmentEvents);
      putSegments(this.dbs, planned.segments);
      putHeads(this.dbs, planned.heads);
      if (metadata !== undefined) runs.put(metadata.scenarioId, metadata);
      return { appended: planned.appended, skipped: planned.skipped, firstSequence: planned.firstSequence };
    });
  }

  /** The next sequence of a scenario (= its number of events). */
  nextSequence(scenarioId: string): number {
    return this.dbs.heads.get(scenarioId)?.[0] ?? 0;
  }

  /** Every scenario with events, in key order. */
  scenarios(): string[] {
    return [...this.dbs.heads.getKeys()] as string[];
  }

  /**
   * A scenario's events in sequence order from `fromSeq`, lazily, on one read snapshot (a
   * read transaction held until the iteration ends or is abandoned with `break`/`return`).
   */
  *readScenario(scenarioId: string, fromSeq = 0): Generator<VestedEvent> {
    const { env, segments } = this.dbs;
    const txn = env.useReadTransaction();
    try {
      const before = segments.getRange({ start: [scenarioId, fromSeq], end: [scenarioId, -1], reverse: true, limit: 1, transaction: txn });
      let start = fromSeq;
      for (const { key } of before) start = key[1];
      for (const { key, value } of segments.getRange({ start: [scenarioId, start], end: [scenarioId, MAX_SEQ], transaction: txn })) {
        for (const e of segmentEvents(scenarioId, key[1], decodeSegment(value))) if (e.sequence >= fromSeq) yield e;
      }
    } finally {
      txn.done();
    }
  }

  /** One participant's events in sequence order, optionally only those dated within [fromDate, toDate]. */
  history(scenarioId: string, employeeId: string, opts: HistoryOptions = {}): VestedEvent[] {
    return this.fromIndex(scenarioId, opts, (txn) => employeeSegments(this.dbs, scenarioId, employeeId, txn));
  }

  /** The plan-level events of a scenario, in sequence order. */
  planEvents(scenarioId: string, opts: HistoryOptions = {}): VestedEvent[] {
    const { plan } = this.dbs;
    return this.fromIndex(scenarioId, opts, (txn) =>
      plan.getRange({ start: [scenarioId, 0], end: [scenarioId, MAX_SEQ], transaction: txn }).map(({ key, value }) => spanAt(key[1], value)),
    );
  }

  private fromIndex(
    scenarioId: string,
    opts: HistoryOptions,
    spans: (txn: Transaction) => Iterable<SegmentSpan>,
  ): VestedEvent[] {
    const { env, segments } = this.dbs;
    const from = opts.fromDate ?? '';
    const to = opts.toDate ?? '\uffff';
    const txn = env.useReadTransaction();
    try {
      const out: VestedEvent[] = [];
      for (const { first, firstDate: lo, lastDate: hi } of spans(txn)) {
        if (hi < from || lo > to) continue;
        const buf = segments.get([scenarioId, first], { transaction: txn });
        if (buf === undefined) throw new Error(`${this.dir}: index names segment ${scenarioId}@${first}, which is missing; run vested check`);
        for (const e of segmentEvents(scenarioId, first, decodeSegment(buf))) {
          if (e.effectiveDate >= from && e.effectiveDate <= to) out.push(e);
        }
      }
      return out;
    } finally {
      txn.done();
    }
  }

  getMetadata(scenarioId: string): RunMetadata | undefined {
    return this.dbs.runs.get(scenarioId);
  }

  async putMetadata(meta: RunMetadata): Promise<void> {
    this.dbs.env.transactionSync(() => this.dbs.runs.put(meta.scenarioId, meta));
    await this.dbs.env.flushed;
  }

  /** Stores participant snapshots as of `date`, in one transaction. */
  async putSnapshots(scenarioId: string, date: IsoDate | string, entries: readonly SnapshotEntry[]): Promise<void> {
    const { env, snapshots } = this.dbs;
    env.transactionSync(() => putSnapshotRecords(snapshots, scenarioId, entries.map((e) => ({ ...e, date }))));
    await env.flushed;
  }

  /** The latest snapshot of a participant dated on or before `date`. */
  snapshotAtOrBefore(scenarioId: string, employeeId: string, date: IsoDate | string): { date: string; value: unknown } | undefined {
    return latestSnapshot(this.dbs.snapshots, scenarioId, employeeId, date);
  }

  async close(): Promise<void> {
    await this.dbs.env.close();
  }
}

/** Opens (creating if needed) the log in `dir`. */
export function openLog(dir: string, opts: OpenLogOptions = {}): EventLog {
  return new EventLog(dir, opts);
}

export type { Segment, SegmentKind };
