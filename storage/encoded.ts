/**
 * Appending segments that arrive already encoded (storage/segment.ts `encodeSegment`), as the
 * worker threads of a parallel run ship them: the log's single writer only puts the records, in
 * the given order, with the year's snapshots and run metadata in the same transaction. What
 * `EventLog.appendSegments` does for derived segments (a participant-year already stored is
 * skipped whole; sequences continue the scenario's head), minus the encoding.
 */
import type { Database } from 'lmdb';
import type { EventLog, RunMetadata } from './log.js';

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

const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const raws = new WeakMap<EventLog, Database<Buffer, [string, string, string]>>();
/** The log's snapshot database, taking values already encoded. */
function rawSnapshots(log: EventLog): Database<Buffer, [string, string, string]> {
  let db = raws.get(log);
  if (db === undefined) {
    db = log.dbs.env.openDB<Buffer, [string, string, string]>('snapshots', { encoding: 'binary' });
    raws.set(log, db);
  }
  return db;
}

/**
 * Appends a year's encoded segments and snapshots with the run metadata, in one transaction,
 * durable when the promise resolves. Snapshots are put in the given order (a later one with the
 * same key wins).
 */
export async function appendEncodedSegments(
  log: EventLog,
  scenarioId: string,
  segments: readonly EncodedSegment[],
  metadata: RunMetadata,
  snapshots: readonly EncodedSnapshot[] = [],
): Promise<void> {
  const { env, segments: segs, participants, plan, derived, heads, runs } = log.dbs;
  env.transactionSync(() => {
    const raw = rawSnapshots(log);
    for (const sn of snapshots) raw.put([scenarioId, sn.employeeId, sn.date], asBuffer(sn.record));
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
