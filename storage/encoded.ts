/**
 * Appending segments that arrive already encoded (storage/segment.ts `encodeSegment`), as the
 * worker threads of a parallel run ship them: the log's single writer only puts the records, in
 * the given order, with the year's snapshots and run metadata in the same transaction. What
 * `EventLog.appendSegments` does for derived segments (a participant-year already stored is
 * skipped whole; sequences continue the scenario's head), minus the encoding.
 */
import type { EventLog, RunMetadata } from './log.js';
import { putSnapshots } from './snapshots.js';
import { asBuffer, putHeads, putSegments } from './write.js';
import { storedDerivedSegment } from './segment-index.js';
import type { PlannedSegment } from './write.js';
import type { SnapshotDb } from './snapshots.js';

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

/** A snapshot already msgpack-encoded as a self-contained record; the log reads it back as the object. */
export interface EncodedSnapshot {
  readonly employeeId: string;
  readonly date: string;
  readonly record: Uint8Array;
}

const raws = new WeakMap<EventLog, SnapshotDb<Buffer>>();
/** The log's snapshot database, taking values already encoded. */
function rawSnapshots(log: EventLog): SnapshotDb<Buffer> {
  let db = raws.get(log);
  if (db === undefined) {
    db = log.dbs.env.openDB('snapshots', { encoding: 'binary' }) as SnapshotDb<Buffer>;
    raws.set(log, db);
  }
  return db;
}

export interface AppendOptions {
  /**
   * The caller is the log's only writer and has no other write in flight (a run: it owns its
   * folder and awaits each commit before the next), so records that sort after everything
   * stored may be put with MDB_APPEND (append-order.ts). Not for what-if variants committing
   * side by side into one log.
   */
  readonly append?: boolean;
  /**
   * None of these participant-years is stored yet (a run's year after its last complete one:
   * years commit whole), so the per-segment lookup for one already stored is skipped.
   */
  readonly unstored?: boolean;
}

/**
 * Appends a year's encoded segments and snapshots with the run metadata, in one transaction,
 * durable when the promise resolves. Of two snapshots with the same key the later given one wins.
 *
 * The writes are queued (lmdb-js asynchronous puts, all made in this event turn, so one
 * transaction) and LMDB's own write thread carries them out: the B-tree work and the commit of
 * a year overlap whatever the caller does next, e.g. simulating the following year. The caller
 * must await the promise before reading what it wrote or appending again (the head and the
 * skipped participant-years are read from what is committed).
 */
export function appendEncodedSegments(
  log: EventLog,
  scenarioId: string,
  segments: readonly EncodedSegment[],
  metadata: RunMetadata,
  snapshots: readonly EncodedSnapshot[] = [],
  opts: AppendOptions = {},
): Promise<void> {
  const { heads, runs } = log.dbs;
  const stored = heads.get(scenarioId) as [number, number] | undefined;
  const head: [number, number] = stored === undefined ? [0, 0] : [stored[0], stored[1]];
  putSnapshots(rawSnapshots(log), scenarioId, snapshots.map((sn) => ({ employeeId: sn.employeeId, date: sn.date, value: asBuffer(sn.record) })), opts);
  const planned: PlannedSegment[] = [];
  for (const s of segments) {
    if (s.count === 0 || (opts.unstored !== true && storedDerivedSegment(log.dbs, scenarioId, s.employeeId ?? '', s.year) !== undefined)) continue;
    planned.push({ scenarioId, first: head[0], kind: 'derived', employeeId: s.employeeId, year: s.year, count: s.count, ids: null, record: s.record, firstDate: s.firstDate, lastDate: s.lastDate });
    head[0] += s.count;
    head[1] += 1;
  }
  putSegments(log.dbs, planned, opts);
  if (planned.length > 0) putHeads(log.dbs, new Map([[scenarioId, head]]));
  // One transaction: its puts all settle when it commits (or fails), the last one included.
  return runs.put(metadata.scenarioId, metadata).then(() => undefined);
}
