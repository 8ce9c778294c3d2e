/**
 * Participant-year segments as a worker ships them: already in the log's record format
 * (storage/segment.ts `encodeSegment`), so the main thread, the log's single writer, neither
 * decodes nor re-encodes events: it only puts the records in employee-id order. Decoding the
 * events back into objects on the main thread cost more than simulating them on a second
 * thread, which is why they do not travel as objects (or as generic msgpack).
 */
import { unchunkBytes } from './codec.js';
import { dayNumberOfText } from '../../rules/calendar.js';
import { dateOfDay } from '../../storage/date-of-day.js';
import type { ByteArena, ChunkedBytes } from './codec.js';
import { CURRENT_SCHEMA_VERSION } from '../../actors/events/index.js';
import type { DerivedEvent } from '../../actors/events/index.js';
import { decodeSegment, encodeSegment } from '../../storage/segment.js';
import type { RowEvent } from '../../storage/segment.js';
import type { YearSegment } from '../year-loop.js';
import type { EncodedSegment } from '../../storage/encoded.js';

export type { EncodedSegment } from '../../storage/encoded.js';

/** Encodes a participant-year (or the plan's year) in the log's record format, on the thread that simulated it. */
export function encodeYearSegment(planDesignId: string, s: YearSegment): EncodedSegment {
  let firstDate = '\uffff';
  let lastDate = '';
  for (const e of s.events) {
    if ((e.employeeId ?? null) !== s.employeeId) throw new RangeError(`segment ${s.employeeId ?? '(plan)'}/${s.year}: event of ${String(e.employeeId)}`);
    if (e.effectiveDate < firstDate) firstDate = e.effectiveDate;
    if (e.effectiveDate > lastDate) lastDate = e.effectiveDate;
  }
  // An event is a row as it is: the columnar form reads only its date and payload.
  const rows = s.events as readonly RowEvent[];
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

/**
 * Many segments as columns and their records where a host's arena holds them, so the receiving
 * side builds little and copies nothing. Dates cross as day numbers: the main thread reads them
 * back as the few remembered date strings they are (date-of-day.ts), not as two fresh strings
 * per participant-year that live until the year is committed.
 */
export interface PackedSegments {
  readonly employeeIds: readonly (string | null)[];
  readonly years: readonly number[];
  readonly counts: readonly number[];
  readonly firstDays: Int32Array;
  readonly lastDays: Int32Array;
  readonly records: ChunkedBytes;
}

/** A segment's date as its day number; an invalid one is refused, not sent as day 0. */
function dayOf(date: string): number {
  const day = dayNumberOfText(date);
  if (Number.isNaN(day)) throw new RangeError(`segment date ${JSON.stringify(date)} is not a date`);
  return day;
}

/** Segments whose records are all in `arena` (host.ts keeps a year's there). */
export function packSegments(segments: readonly EncodedSegment[], arena: ByteArena): PackedSegments {
  return {
    employeeIds: segments.map((s) => s.employeeId),
    years: segments.map((s) => s.year),
    counts: segments.map((s) => s.count),
    firstDays: Int32Array.from(segments, (s) => dayOf(s.firstDate)),
    lastDays: Int32Array.from(segments, (s) => dayOf(s.lastDate)),
    records: arena.pack(segments.map((s) => s.record)),
  };
}

export function unpackSegments(p: PackedSegments): EncodedSegment[] {
  const records = unchunkBytes(p.records);
  return p.employeeIds.map((employeeId, i) => ({
    employeeId, year: p.years[i]!, count: p.counts[i]!, firstDate: dateOfDay(p.firstDays[i]!), lastDate: dateOfDay(p.lastDays[i]!), record: records[i]!,
  }));
}
