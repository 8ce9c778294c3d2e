/**
 * The `snapshots` database, keyed [scenarioId, year, employeeId, date] (year: the date's).
 *
 * Year first because a run stores about one snapshot per participant each year: keyed by
 * participant, each year's puts landed all over a tree that grows every year, rewriting most of
 * its leaves (~400 MB a year at 100,000 participants) and holding them all dirty until commit.
 * Keyed by year, a year's snapshots sort after every earlier year's and its puts, made in key
 * order, append pages at the end of the tree. A participant's latest snapshot at or before a
 * date costs one seek per year looked back (usually one or two).
 */
import type { Database, Transaction } from 'lmdb';
import { yearOf } from '../rules/calendar.js';
import { appendsInOrder, putMaybeAppended } from './append-order.js';
import type { IsoDate } from '../rules/calendar.js';

export type SnapshotKey = [scenarioId: string, year: number, employeeId: string, date: string];
/** The snapshots database, with values decoded (msgpack) or raw. */
export type SnapshotDb<V = unknown> = Database<V, SnapshotKey>;

/** A stored snapshot's key, date and value. */
export interface StoredSnapshotEntry<V = unknown> {
  readonly employeeId: string;
  readonly date: string;
  readonly value: V;
}

const LAST_YEAR = Number.MAX_SAFE_INTEGER;

export const snapshotKey = (scenarioId: string, employeeId: string, date: string): SnapshotKey => [scenarioId, yearOf(date as IsoDate), employeeId, date];

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order of two keys of one scenario: year, employee id, date. For ASCII ids it is LMDB's
 * order; for others (UTF-16 vs UTF-8 order) only the locality of the puts suffers.
 */
const keyOrder = (a: SnapshotKey, b: SnapshotKey): number => a[1] - b[1] || compare(a[2], b[2]) || compare(a[3], b[3]);

/**
 * Puts snapshots of one scenario in key order (in the caller's write transaction, or queued in
 * this event turn's), so a year's snapshots append to the tree; of two with the same key the
 * later given one wins. `append`: the caller queues nothing else to `db` in this transaction,
 * so snapshots that sort after everything stored are appended (append-order.ts).
 */
export function putSnapshots<V>(db: SnapshotDb<V>, scenarioId: string, entries: readonly StoredSnapshotEntry<V>[], opts: { readonly append?: boolean } = {}): void {
  const keyed = entries.map((e) => ({ key: snapshotKey(scenarioId, e.employeeId, e.date), value: e.value }));
  keyed.sort((a, b) => keyOrder(a.key, b.key)); // stable: equal keys keep their order
  // Of equal keys only the last is put: an appended key must sort after the one before.
  const last = keyed.filter((k, i) => i + 1 === keyed.length || keyOrder(k.key, keyed[i + 1]!.key) !== 0);
  const appending = opts.append === true && appendsInOrder(db as SnapshotDb, last.map((k) => k.key));
  for (const { key, value } of last) void putMaybeAppended(db, key, value, appending);
}

/** The first and last year with snapshots of a scenario, or undefined when it has none. */
export function snapshotYearSpan(db: SnapshotDb, scenarioId: string, txn?: Transaction): { first: number; last: number } | undefined {
  const at = txn === undefined ? {} : { transaction: txn };
  let first: number | undefined;
  let last: number | undefined;
  for (const key of db.getKeys({ start: [scenarioId, 0], end: [scenarioId, LAST_YEAR], limit: 1, ...at })) first = (key as SnapshotKey)[1];
  for (const key of db.getKeys({ start: [scenarioId, LAST_YEAR], end: [scenarioId, 0], reverse: true, limit: 1, ...at })) last = (key as SnapshotKey)[1];
  return first === undefined || last === undefined ? undefined : { first, last };
}

/** The latest snapshot of a participant dated on or before `date`. */
export function snapshotAtOrBefore<V>(
  db: SnapshotDb<V>,
  scenarioId: string,
  employeeId: string,
  date: string,
  txn?: Transaction,
  span = snapshotYearSpan(db as SnapshotDb, scenarioId, txn),
): { date: string; value: V } | undefined {
  if (span === undefined) return undefined;
  const at = txn === undefined ? {} : { transaction: txn };
  for (let year = Math.min(yearOf(date as IsoDate), span.last); year >= span.first; year--) {
    for (const { key, value } of db.getRange({ start: [scenarioId, year, employeeId, date], end: [scenarioId, year, employeeId, ''], reverse: true, limit: 1, ...at })) {
      return { date: key[3], value };
    }
  }
  return undefined;
}

/** A participant's earliest snapshot (for a run's participant, the one taken at its hire). */
export function firstSnapshotOf<V>(db: SnapshotDb<V>, scenarioId: string, employeeId: string, txn?: Transaction): { date: string; value: V } | undefined {
  const span = snapshotYearSpan(db as SnapshotDb, scenarioId, txn);
  if (span === undefined) return undefined;
  const at = txn === undefined ? {} : { transaction: txn };
  for (let year = span.first; year <= span.last; year++) {
    for (const { key, value } of db.getRange({ start: [scenarioId, year, employeeId, ''], end: [scenarioId, year, employeeId, '\uffff'], limit: 1, ...at })) {
      return { date: key[3], value };
    }
  }
  return undefined;
}

/** Every snapshot of a scenario dated in the years `from … to`, in key order (year, employee, date). */
export function* snapshotsInYears<V>(db: SnapshotDb<V>, scenarioId: string, from: number, to: number, txn?: Transaction): Generator<StoredSnapshotEntry<V>> {
  const at = txn === undefined ? {} : { transaction: txn };
  for (const { key, value } of db.getRange({ start: [scenarioId, from], end: [scenarioId, to + 1], ...at })) {
    yield { employeeId: key[2], date: key[3], value };
  }
}

/** LMDB's order of two ids (their UTF-8 bytes); JavaScript's `<` agrees while both are ASCII. */
function idBefore(a: string, b: string): boolean {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x >= 0x80 || y >= 0x80) return Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
    if (x !== y) return x < y;
  }
  return a.length < b.length;
}

/**
 * The latest snapshot at or before `date` of participants asked in ascending id order (within
 * [fromId, toId)), for a pass over a whole scenario: each year's keys are walked once, in step
 * with the caller, so a participant costs a few key steps and one value read, not a seek per
 * year looked back.
 */
export function snapshotWalk(db: SnapshotDb, txn: Transaction, scenarioId: string, date: string, fromId = '', toId?: string) {
  const span = snapshotYearSpan(db, scenarioId, txn);
  const walks: { iter: Iterator<SnapshotKey>; key: IteratorResult<SnapshotKey> }[] = [];
  if (span !== undefined) {
    for (let year = Math.min(yearOf(date as IsoDate), span.last); year >= span.first; year--) {
      const end = toId === undefined ? [scenarioId, year + 1] : [scenarioId, year, toId];
      const iter = (db.getKeys({ start: [scenarioId, year, fromId], end, transaction: txn }) as Iterable<SnapshotKey>)[Symbol.iterator]();
      walks.push({ iter, key: iter.next() });
    }
  }
  return {
    latest(employeeId: string): unknown {
      // Latest year first: the first year holding one of the participant's snapshots on or before the date has the latest.
      for (const w of walks) {
        while (!w.key.done && w.key.value[2] !== employeeId && idBefore(w.key.value[2], employeeId)) w.key = w.iter.next();
        let best: SnapshotKey | undefined;
        for (; !w.key.done && w.key.value[2] === employeeId; w.key = w.iter.next()) if (w.key.value[3] <= date) best = w.key.value;
        if (best !== undefined) return db.get(best, { transaction: txn });
      }
      return undefined;
    },
    close(): void {
      for (const w of walks) w.iter.return?.();
    },
  };
}
