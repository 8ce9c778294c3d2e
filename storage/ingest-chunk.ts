/**
 * A chunk of a JSONL event file, decoded for the log's writer (`vested ingest`). Parsing and
 * validating is most of an ingest's work, so it runs where the chunk is read (a decoding
 * thread, ingest-threads.ts), and the writer gets back what it cannot do without: the events
 * grouped into *runs* (consecutive events that share scenario, plan design, employee, year and
 * schema version: the segments the writer would form), each already encoded as the segment
 * records `EventLog.appendRecords` would store for it, with its ids packed 16 bytes each. The
 * writer then only checks ids, assigns sequences and puts (write.ts); where its checks split or
 * join runs (a duplicate id, a run across chunks or transactions) it takes the events back out
 * with {@link runRecords} and groups them as it groups any records, so the log is the same.
 *
 * The same function decodes in process, so the result does not depend on where it ran; on the
 * way between threads a chunk is one msgpack buffer ({@link packChunk}).
 */
import { Packr } from 'msgpackr';
import { CURRENT_SCHEMA_VERSION } from '../actors/events/index.js';
import type { Payload } from '../actors/events/index.js';
import { areDerivedIds, packUuids, unpackUuid } from './ids.js';
import { decodeLine as decodeLineOf } from './ingest-line.js';
import type { AppendRecord } from './log.js';
import { decodeSegment, encodeSegment } from './segment.js';
import type { RowEvent, Segment } from './segment.js';

/**
 * The decoder of every line in a module constant: on the decoding threads this module is loaded
 * as CommonJS (piscina requires it through tsx), where every use of an imported binding is a
 * getter call.
 */
const decodeLine = decodeLineOf;

/** A segment record of a run, and what the indexes need of it. */
export interface EncodedPiece {
  readonly count: number;
  readonly firstDate: string;
  readonly lastDate: string;
  /** The segment record, byte for byte what `EventLog.appendRecords` stores for these events. */
  readonly record: Uint8Array;
}

/** Consecutive valid events of a chunk that share scenario, plan design, employee, year and schema version. */
export interface EncodedRun {
  readonly scenarioId: string;
  readonly planDesignId: string;
  readonly employeeId: string | null;
  readonly year: number;
  readonly schemaVersion: number;
  readonly count: number;
  /** The events' ids, 16 bytes each (ingested ids are canonical UUIDs: the envelope codec checks it). */
  readonly ids: Uint8Array;
  /**
   * True: the ids are exactly the derived ids 0..count-1 of (scenario, employee, year) and
   * `pieces` is that one derived segment. False: `pieces` are the external (or, for an older
   * schemaVersion, legacy) segments of at most `maxSegmentEvents` events each.
   */
  readonly derived: boolean;
  readonly pieces: readonly EncodedPiece[];
}

export interface DecodedChunk {
  /** Lines in the chunk (valid or not). */
  readonly lines: number;
  /** The invalid lines, numbered from 1 within the chunk. */
  readonly invalid: readonly { readonly line: number; readonly problems: readonly string[] }[];
  /** The valid lines as runs, in order; empty when a line is invalid (nothing will be written). */
  readonly runs: readonly EncodedRun[];
  /** Bytes the runs hold (what keeping the chunk for the append costs). */
  readonly bytes: number;
}

function dateSpan(records: readonly AppendRecord[], from: number, to: number): [string, string] {
  let lo = records[from]!.effectiveDate;
  let hi = lo;
  for (let i = from + 1; i < to; i++) {
    const d = records[i]!.effectiveDate;
    if (d < lo) lo = d;
    else if (d > hi) hi = d;
  }
  return [lo, hi];
}

/** Current-version records are rows as they are (an effective date and a payload): no copy per event. */
const asRows = (records: readonly AppendRecord[]): readonly RowEvent[] => records as readonly RowEvent[];

/** Encodes one run as write.ts would store it on an empty log: a derived segment when its ids say so, else segments of at most `max`. */
function encodeRun(records: readonly AppendRecord[], max: number): EncodedRun {
  const r0 = records[0]!;
  const { scenarioId, planDesignId, schemaVersion } = r0;
  const employeeId = r0.employeeId ?? null;
  const emp = employeeId ?? '';
  const year = Number(r0.effectiveDate.slice(0, 4));
  const count = records.length;
  const ids = records.map((r) => r.eventId!);
  const packed = packUuids(ids);
  const head = { schemaVersion, planDesignId, employeeId, count, ids: packed };
  const current = schemaVersion === CURRENT_SCHEMA_VERSION;
  if (current && areDerivedIds(packed, count, scenarioId, emp, year)) {
    const [firstDate, lastDate] = dateSpan(records, 0, count);
    const record = encodeSegment({ kind: 'derived', schemaVersion, planDesignId, employeeId, year, count, ids: null, rows: asRows(records) });
    return { scenarioId, year, ...head, derived: true, pieces: [{ count, firstDate, lastDate, record }] };
  }
  const pieces: EncodedPiece[] = [];
  for (let at = 0; at < count; at += max) {
    const end = Math.min(count, at + max);
    const part = records.slice(at, end);
    const partIds = ids.slice(at, end);
    const base = { schemaVersion, planDesignId, employeeId, year: null, count: part.length, ids: partIds };
    const seg: Segment = current
      ? { ...base, kind: 'external', rows: asRows(part) }
      : { ...base, kind: 'legacy', rows: part.map((r, i) => ({ ...r.legacy!, eventId: partIds[i] })) };
    const [firstDate, lastDate] = dateSpan(records, at, end);
    pieces.push({ count: part.length, firstDate, lastDate, record: encodeSegment(seg) });
  }
  return { scenarioId, year, ...head, derived: false, pieces };
}

/** Same year of two dates (decoded dates: 4-digit years), without cutting either. */
const sameYear = (a: string, b: string): boolean =>
  a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1) && a.charCodeAt(2) === b.charCodeAt(2) && a.charCodeAt(3) === b.charCodeAt(3);

/** The runs key: events of one run share all of it. */
const sameRun = (a: AppendRecord, b: AppendRecord): boolean =>
  a.scenarioId === b.scenarioId && a.planDesignId === b.planDesignId && a.employeeId === b.employeeId &&
  a.schemaVersion === b.schemaVersion && sameYear(a.effectiveDate, b.effectiveDate);

/**
 * Decodes the lines of `text` (whole lines: it ends after a newline or at the end of the file;
 * a final newline does not start a line) and encodes the valid ones as runs.
 */
export function decodeChunk(text: string, maxSegmentEvents: number): DecodedChunk {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const invalid: { line: number; problems: readonly string[] }[] = [];
  const runs: EncodedRun[] = [];
  let run: AppendRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const r = decodeLine(lines[i]!);
    if (!r.ok) invalid.push({ line: i + 1, problems: r.problems });
    else if (invalid.length === 0) {
      if (run.length > 0 && !sameRun(run[0]!, r.record)) {
        runs.push(encodeRun(run, maxSegmentEvents));
        run = [];
      }
      run.push(r.record);
    }
  }
  if (invalid.length > 0) return { lines: lines.length, invalid, runs: [], bytes: 0 };
  if (run.length > 0) runs.push(encodeRun(run, maxSegmentEvents));
  return { lines: lines.length, invalid, runs, bytes: runBytes(runs) };
}

function runBytes(runs: readonly EncodedRun[]): number {
  let bytes = 0;
  for (const r of runs) {
    bytes += 64 + r.ids.length;
    for (const p of r.pieces) bytes += 32 + p.record.length;
  }
  return bytes;
}

/** The events of a run as records again (what the writer groups when it must split or join runs). */
export function runRecords(run: EncodedRun): AppendRecord[] {
  const { scenarioId, planDesignId, schemaVersion, employeeId } = run;
  const out: AppendRecord[] = [];
  for (const piece of run.pieces) {
    const seg = decodeSegment(piece.record);
    for (const row of seg.rows) {
      const eventId = unpackUuid(run.ids, out.length);
      const envelope = employeeId === null ? { scenarioId, planDesignId, schemaVersion, eventId } : { scenarioId, planDesignId, schemaVersion, eventId, employeeId };
      out.push(
        seg.kind === 'legacy'
          ? { ...envelope, effectiveDate: String((row as Record<string, unknown>)['effectiveDate']), legacy: row as Record<string, unknown> }
          : { ...envelope, effectiveDate: (row as RowEvent).effectiveDate, payload: (row as RowEvent).payload as unknown as Payload },
      );
    }
  }
  return out;
}

// Between threads: one msgpack buffer per chunk, runs as flat arrays, records and ids as binary.
const wire = new Packr({ useRecords: false, mapsAsObjects: true, variableMapSize: true });

/** A decoded chunk as one buffer of its own (so cloning it to another thread copies no more than the chunk). */
export function packChunk(c: DecodedChunk): Uint8Array {
  const runs = c.runs.map((r) => [
    r.scenarioId, r.planDesignId, r.employeeId, r.year, r.schemaVersion, r.count, r.ids, r.derived,
    r.pieces.map((p) => [p.count, p.firstDate, p.lastDate, p.record]),
  ]);
  // msgpackr packs into a shared buffer: copy the chunk out of it.
  return Uint8Array.prototype.slice.call(wire.pack([c.lines, c.invalid.map((i) => [i.line, i.problems]), runs, c.bytes]));
}

type WireRun = [string, string, string | null, number, number, number, Uint8Array, boolean, [number, string, string, Uint8Array][]];

export function unpackChunk(buf: Uint8Array): DecodedChunk {
  const [lines, invalid, runs, bytes] = wire.unpack(buf) as [number, [number, string[]][], WireRun[], number];
  return {
    lines,
    invalid: invalid.map(([line, problems]) => ({ line, problems })),
    runs: runs.map(([scenarioId, planDesignId, employeeId, year, schemaVersion, count, ids, derived, pieces]) => ({
      scenarioId, planDesignId, employeeId, year, schemaVersion, count, ids, derived,
      pieces: pieces.map(([n, firstDate, lastDate, record]) => ({ count: n, firstDate, lastDate, record })),
    })),
    bytes,
  };
}
