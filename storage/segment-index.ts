/**
 * Where an employee's segments are (log format 5). Two indexes name them:
 *
 *   `derivedByYear`  [scenarioId, year, employeeId or '']  → [first, count, firstDate, lastDate]
 *                    every derived segment (a run's participant-year, or the plan's year);
 *   `participants`   [scenarioId, employeeId, first]       → [count, firstDate, lastDate]
 *                    the employee's other segments (ingested external or legacy events).
 *
 * A run writes only the first, and year first: a year's entries sort after every earlier
 * year's, so they are appended like the segments themselves. Keyed employee first (format 4 and
 * before, both indexes), each year's 100,000 entries landed among the million already there:
 * a year's commit copied nearly every page of both indexes: about 600 MB of dirty and mapped
 * pages at 100,000 × 10 (a fifth of the run's peak RSS), and half of each commit's time.
 *
 * Readers get an employee's segments from both: the derived ones one lookup per stored year.
 */
import { compareKeys } from 'lmdb';
import type { Database, Transaction } from 'lmdb';
import { appendsInOrder, putMaybeAppended } from './append-order.js';
import type { SegmentKind } from './segment.js';

/** A segment as the indexes name it: where it starts, how many events, and their date span. */
export interface SegmentSpan {
  readonly first: number;
  readonly count: number;
  readonly firstDate: string;
  readonly lastDate: string;
}

export type DerivedByYearDb = Database<[number, number, string, string], [string, number, string]>;
export type ParticipantsDb = Database<[number, string, string], [string, string, number]>;

export interface SegmentIndexDbs {
  readonly derivedByYear: DerivedByYearDb;
  readonly participants: ParticipantsDb;
}

/** The span of a segment starting at `first` whose index entry (`participants`, or the log's `plan`) is [count, firstDate, lastDate]. */
export const spanAt = (first: number, [count, firstDate, lastDate]: readonly [number, string, string]): SegmentSpan => ({ first, count, firstDate, lastDate });
/** The span of a derived segment from its `derivedByYear` entry. */
const derivedSpan = ([first, count, firstDate, lastDate]: readonly [number, number, string, string]): SegmentSpan => ({ first, count, firstDate, lastDate });
const bySequence = (a: SegmentSpan, b: SegmentSpan): number => a.first - b.first;

/** Beyond any plan year (years are four digits). */
const AFTER_LAST_YEAR = 10_000;
const read = (txn?: Transaction): { transaction?: Transaction } => (txn === undefined ? {} : { transaction: txn });

/** The derived segment of (scenario, employee or '' for the plan, year): [first, count], if stored. */
export function storedDerivedSegment(dbs: SegmentIndexDbs, scenarioId: string, employeeId: string, year: number, txn?: Transaction): readonly [number, number] | undefined {
  const v = dbs.derivedByYear.get([scenarioId, year, employeeId], read(txn));
  return v === undefined ? undefined : [v[0], v[1]];
}

/**
 * The years from a scenario's first to its last with derived segments, ascending (two cursor
 * reads; a run's years are consecutive, and a year in between without any is only a miss).
 */
export function derivedYears(dbs: SegmentIndexDbs, scenarioId: string, txn?: Transaction): number[] {
  let first: number | undefined;
  let last: number | undefined;
  for (const key of dbs.derivedByYear.getKeys({ start: [scenarioId, 0, ''], end: [scenarioId, AFTER_LAST_YEAR, ''], limit: 1, ...read(txn) })) first = key[1];
  if (first === undefined) return [];
  for (const key of dbs.derivedByYear.getKeys({ start: [scenarioId, AFTER_LAST_YEAR, ''], end: [scenarioId, 0, ''], reverse: true, limit: 1, ...read(txn) })) last = key[1];
  return Array.from({ length: last! - first + 1 }, (_, i) => first! + i);
}

/** One employee's segments, in sequence order. */
export function employeeSegments(dbs: SegmentIndexDbs, scenarioId: string, employeeId: string, txn?: Transaction): SegmentSpan[] {
  const out: SegmentSpan[] = [];
  for (const { key, value } of dbs.participants.getRange({ start: [scenarioId, employeeId, 0], end: [scenarioId, employeeId, Number.MAX_SAFE_INTEGER], ...read(txn) })) {
    out.push(spanAt(key[2], value));
  }
  for (const year of derivedYears(dbs, scenarioId, txn)) {
    const v = dbs.derivedByYear.get([scenarioId, year, employeeId], read(txn));
    if (v !== undefined) out.push(derivedSpan(v));
  }
  return out.sort(bySequence);
}

/** A sorted source of (employee, span) entries, one at a time. */
interface Cursor {
  readonly it: Iterator<{ key: readonly unknown[]; value: readonly unknown[] }>;
  head: { employeeId: string; span: SegmentSpan } | undefined;
  /** The entry as an employee's span, or null for one to pass over. */
  readonly entry: (key: readonly unknown[], value: readonly unknown[]) => { employeeId: string; span: SegmentSpan } | null;
}

function advance(c: Cursor): void {
  for (;;) {
    const r = c.it.next();
    if (r.done === true) {
      c.head = undefined;
      return;
    }
    const e = c.entry(r.value.key, r.value.value);
    if (e !== null) {
      c.head = e;
      return;
    }
  }
}

/**
 * Every employee with segments in [fromId, toId) (ascending ids), each with its segments in
 * sequence order: the participants index and each year's derived entries, merged.
 */
export function* employeesInRange(
  dbs: SegmentIndexDbs,
  scenarioId: string,
  txn: Transaction,
  fromId = '',
  toId = '\uffff',
): Generator<readonly [string, SegmentSpan[]]> {
  const cursors: Cursor[] = [
    {
      it: dbs.participants.getRange({ start: [scenarioId, fromId, 0], end: [scenarioId, toId, 0], transaction: txn })[Symbol.iterator]() as Cursor['it'],
      head: undefined,
      entry: (key, value) => ({ employeeId: key[1] as string, span: spanAt(key[2] as number, value as [number, string, string]) }),
    },
    ...derivedYears(dbs, scenarioId, txn).map((year): Cursor => ({
      it: dbs.derivedByYear.getRange({ start: [scenarioId, year, fromId], end: [scenarioId, year, toId], transaction: txn })[Symbol.iterator]() as Cursor['it'],
      head: undefined,
      // '' is the plan's segment of the year, not an employee's.
      entry: (key, value) =>
        key[2] === '' ? null : { employeeId: key[2] as string, span: derivedSpan(value as [number, number, string, string]) },
    })),
  ];
  cursors.forEach(advance);
  for (;;) {
    let id: string | undefined;
    for (const c of cursors) if (c.head !== undefined && (id === undefined || c.head.employeeId < id)) id = c.head.employeeId;
    if (id === undefined) return;
    const spans: SegmentSpan[] = [];
    for (const c of cursors) {
      while (c.head !== undefined && c.head.employeeId === id) {
        spans.push(c.head.span);
        advance(c);
      }
    }
    yield [id, spans.sort(bySequence)];
  }
}

/** A segment to index: derived ones by year, the others by employee. */
export interface IndexedSegment {
  readonly scenarioId: string;
  readonly employeeId: string | null;
  readonly year: number | null;
  readonly kind: SegmentKind;
  readonly first: number;
  readonly count: number;
  readonly firstDate: string;
  readonly lastDate: string;
}

/**
 * Puts the index entries of segments inside the open write transaction. `append`: the caller
 * queues nothing else to these databases in this transaction, so derived entries that sort
 * after everything stored are appended (append-order.ts).
 */
export function putSegmentIndex(dbs: SegmentIndexDbs, segments: readonly IndexedSegment[], append: boolean): void {
  const byYear: { key: [string, number, string]; value: [number, number, string, string] }[] = [];
  for (const p of segments) {
    if (p.kind === 'derived') byYear.push({ key: [p.scenarioId, p.year!, p.employeeId ?? ''], value: [p.first, p.count, p.firstDate, p.lastDate] });
    else if (p.employeeId !== null) void dbs.participants.put([p.scenarioId, p.employeeId, p.first], [p.count, p.firstDate, p.lastDate]);
  }
  if (append) byYear.sort((a, b) => compareKeys(a.key, b.key));
  const appending = append && appendsInOrder(dbs.derivedByYear, byYear.map((e) => e.key));
  for (const { key, value } of byYear) void putMaybeAppended(dbs.derivedByYear, key, value, appending);
}
