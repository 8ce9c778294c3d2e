/**
 * Participant-year segments as a worker ships them: already in the log's record format
 * (storage/segment.ts `encodeSegment`), so the main thread, the log's single writer, neither
 * decodes nor re-encodes events: it only puts the records in employee-id order. Decoding the
 * events back into objects on the main thread cost more than simulating them on a second
 * thread, which is why they do not travel as objects (or as generic msgpack).
 */
import { pack, unpack } from 'msgpackr';
import { CURRENT_SCHEMA_VERSION } from '../../actors/events/index.js';
import type { DerivedEvent } from '../../actors/events/index.js';
import { decodeSegment, encodeSegment } from '../../storage/segment.js';
import type { RowEvent } from '../../storage/segment.js';
import type { Database } from 'lmdb';
import type { DatedSnapshot, EventLog, RunMetadata } from '../../storage/log.js';
import type { YearSegment } from '../year-loop.js';
import { packRecords } from './codec.js';

/** One derived segment (a participant-year, or the plan's year) encoded for the log. */
export interface EncodedSegment {
  readonly employeeId: string | null;
  readonly year: number;
  readonly count: number;
  readonly firstDate: string;
  readonly lastDate: string;
  /** The segment record, byte for byte what `EventLog.appendSegments` would store. */
  readonly record: Uint8Array;
}

export function encodeYearSegment(planDesignId: string, s: YearSegment): EncodedSegment {
  let firstDate = '\uffff';
  let lastDate = '';
  const rows: RowEvent[] = s.events.map((e: DerivedEvent) => {
    if ((e.employeeId ?? null) !== s.employeeId) throw new RangeError(`segment ${s.employeeId ?? '(plan)'}/${s.year}: event of ${String(e.employeeId)}`);
    if (e.effectiveDate < firstDate) firstDate = e.effectiveDate;
    if (e.effectiveDate > lastDate) lastDate = e.effectiveDate;
    return { effectiveDate: e.effectiveDate, payload: e.payload } as RowEvent;
  });
  if (firstDate.slice(0, 4) !== String(s.year) || lastDate.slice(0, 4) !== String(s.year)) {
    throw new RangeError(`segment ${s.employeeId ?? '(plan)'}/${s.year}: events dated ${firstDate}..${lastDate}, outside ${s.year}`);
  }
  const record = encodeSegment({
    kind: 'derived', schemaVersion: CURRENT_SCHEMA_VERSION, planDesignId, employeeId: s.employeeId, year: s.year,
    count: rows.length, ids: null, rows, inputs: s.inputs,
  });
  return { employeeId: s.employeeId, year: s.year, count: rows.length, firstDate, lastDate, record };
}

/** The events of an encoded segment, as the in-process path would have had them. */
export function decodeYearSegment(s: EncodedSegment): YearSegment {
  const seg = decodeSegment(s.record);
  const events = (seg.rows as RowEvent[]).map((r) => ({ ...(s.employeeId === null ? {} : { employeeId: s.employeeId }), effectiveDate: r.effectiveDate, payload: r.payload }) as DerivedEvent);
  return { employeeId: s.employeeId, year: s.year, events, inputs: seg.inputs ?? [] };
}

/** Many segments in one buffer: columns, not objects, so the receiving side builds little. */
export function packSegments(segments: readonly EncodedSegment[]): Uint8Array {
  return pack([
    segments.map((s) => s.employeeId),
    segments.map((s) => s.year),
    segments.map((s) => s.count),
    segments.map((s) => s.firstDate),
    segments.map((s) => s.lastDate),
    segments.map((s) => s.record),
  ]);
}

export function unpackSegments(buf: Uint8Array): EncodedSegment[] {
  const [ids, years, counts, firsts, lasts, records] = unpack(buf) as [(string | null)[], number[], number[], string[], string[], Uint8Array[]];
  return ids.map((employeeId, i) => ({ employeeId, year: years[i]!, count: counts[i]!, firstDate: firsts[i]!, lastDate: lasts[i]!, record: records[i]! }));
}

const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const raws = new WeakMap<EventLog, Database<Buffer, [string, string, string]>>();
/** The log's snapshot database, taking values already msgpack-encoded (it reads them back as objects). */
function rawSnapshots(log: EventLog): Database<Buffer, [string, string, string]> {
  let db = raws.get(log);
  if (db === undefined) {
    db = log.dbs.env.openDB<Buffer, [string, string, string]>('snapshots', { encoding: 'binary' });
    raws.set(log, db);
  }
  return db;
}

/**
 * Appends a year's encoded segments, in the given order, with the run metadata in the same
 * transaction: what `EventLog.appendSegments` does for derived segments (a participant-year
 * already stored is skipped whole; sequences continue the scenario's head), minus the encoding.
 * With `snapshots`, the year's participant snapshots (already encoded, codec.ts) land in the
 * same transaction, and so do `objects` (snapshots as values, e.g. those taken at the year's hires). It writes the log's databases directly; it belongs in storage/log.ts
 * (`appendEncodedSegments`) once the storage owner takes it.
 */
export async function appendEncodedSegments(
  log: EventLog,
  scenarioId: string,
  segments: readonly EncodedSegment[],
  metadata: RunMetadata,
  snapshots?: { readonly date: string; readonly ids: readonly string[]; readonly records: readonly Uint8Array[] },
  objects: readonly DatedSnapshot[] = [],
): Promise<void> {
  const { env, segments: segs, participants, plan, derived, heads, runs } = log.dbs;
  env.transactionSync(() => {
    const raw = rawSnapshots(log);
    // Self-contained records like the others. First: a hire on Dec 31 shares its key with the
    // year-end snapshot, which must win (it is what resume reads).
    for (const o of objects) raw.put([scenarioId, o.employeeId, o.date], asBuffer(packRecords(o.value)));
    if (snapshots !== undefined) {
      snapshots.ids.forEach((id, i) => raw.put([scenarioId, id, snapshots.date], asBuffer(snapshots.records[i]!)));
    }
    const stored = heads.get(scenarioId) as [number, number] | undefined;
    const head: [number, number] = stored === undefined ? [0, 0] : [stored[0], stored[1]];
    let touched = false;
    for (const s of segments) {
      if (s.count === 0) continue;
      const emp = s.employeeId ?? '';
      if (derived.get([scenarioId, emp, s.year]) !== undefined) continue;
      const first = head[0];
      segs.put([scenarioId, first], asBuffer(s.record));
      const span: [number, string, string] = [s.count, s.firstDate, s.lastDate];
      if (s.employeeId === null) plan.put([scenarioId, first], span);
      else participants.put([scenarioId, s.employeeId, first], span);
      derived.put([scenarioId, emp, s.year], [first, s.count]);
      head[0] += s.count;
      head[1] += 1;
      touched = true;
    }
    if (touched) heads.put(scenarioId, head);
    runs.put(metadata.scenarioId, metadata);
  });
  await env.flushed;
}
