/**
 * Planning one append inside its write transaction: dedup, grouping into segments, and
 * sequence assignment, down to the encoded segment records. Pure over the transaction's
 * reads; log.ts does the puts (an ingest, which plans as its chunks come in, puts each part
 * with {@link putSegments}). Reads here see the open write transaction, so a duplicate check
 * and the write it guards are atomic.
 *
 * An ingest hands over its events as runs already encoded by its decoding threads
 * (ingest-chunk.ts). A run is held as the open group, as its records would be; when it closes
 * untouched (no id skipped, nothing of the same group before or after it, the segments its ids
 * call for) its records are stored as they came. Otherwise its events are taken back out and
 * grouped like any records, so a run stores exactly what its records would.
 */
import { CURRENT_SCHEMA_VERSION } from '../actors/events/index.js';
import { IdSet } from './id-set.js';
import { deriveEventId, unpackUuid } from './ids.js';
import { runRecords } from './ingest-chunk.js';
import type { EncodedPiece, EncodedRun } from './ingest-chunk.js';
import { encodeSegment } from './segment.js';
import { appendsInOrder, putMaybeAppended } from './append-order.js';
import { putSegmentIndex, storedDerivedSegment } from './segment-index.js';
import type { RowEvent, Segment, SegmentKind } from './segment.js';
import type { AppendRecord, LogDbs } from './log.js';

export type WriteItem =
  | {
      readonly type: 'derived';
      readonly scenarioId: string;
      readonly planDesignId: string;
      readonly employeeId: string | null;
      readonly year: number;
      readonly rows: readonly RowEvent[];
      readonly inputs?: readonly number[];
    }
  | { readonly type: 'record'; readonly record: AppendRecord }
  /** Consecutive ingested records, decoded and encoded with the log's maxSegmentEvents. */
  | { readonly type: 'run'; readonly run: EncodedRun };

/** A segment to put, encoded, with what its index entries need. */
export interface PlannedSegment {
  readonly scenarioId: string;
  readonly first: number;
  readonly kind: SegmentKind;
  readonly employeeId: string | null;
  /** The plan year of a derived segment, else null. */
  readonly year: number | null;
  readonly count: number;
  /** External and legacy segments: the ids the id index maps to their sequences. */
  readonly ids: readonly string[] | null;
  readonly record: Uint8Array;
  readonly firstDate: string;
  readonly lastDate: string;
}

export interface WritePlan {
  readonly segments: PlannedSegment[];
  readonly heads: Map<string, [number, number]>;
  readonly appended: number;
  readonly skipped: number;
  readonly firstSequence: number | null;
}

interface Group {
  readonly key: string;
  readonly scenarioId: string;
  readonly planDesignId: string;
  readonly employeeId: string | null;
  readonly year: number;
  readonly schemaVersion: number;
  records: AppendRecord[];
  /** The group is exactly this run, still encoded (records is then empty). */
  run: EncodedRun | null;
}

const yearOfText = (d: string): number => Number(d.slice(0, 4));

function dateSpan(dates: Iterable<string>): [string, string] {
  let lo = '\uffff';
  let hi = '';
  for (const d of dates) {
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return [lo, hi];
}

/** Plans one append of `items` (all of it, in one go): what {@link EventLog} puts in its transaction. */
export function planWrite(dbs: LogDbs, items: readonly WriteItem[], maxSegmentEvents: number): WritePlan {
  let expected = 0;
  for (const item of items) expected += item.type === 'run' ? item.run.count : 1;
  const planner = writePlanner(dbs, maxSegmentEvents, expected);
  for (const item of items) planner.add(item);
  return planner.finish();
}

/**
 * One append planned as its items come in, inside the open write transaction it will be put
 * in: `take` hands over the segments closed so far (the last group stays open, as the next item
 * may join it), `finish` closes it and gives the heads. Feeding the items in any number of
 * calls plans exactly what {@link planWrite} of all of them does, so an ingest can put the
 * segments of a chunk while later chunks are still being decoded.
 */
export interface WritePlanner {
  add(item: WriteItem): void;
  /** The segments closed since the last call, in order. */
  take(): PlannedSegment[];
  /** Closes the open group: the segments not taken yet, the heads to put, and the counts. */
  finish(): WritePlan;
}

/** `expected`: about how many events will be added (sizes the duplicate check; it grows past that). */
export function writePlanner(dbs: LogDbs, maxSegmentEvents: number, expected = 0): WritePlanner {
  const heads = new Map<string, [number, number]>();
  let out: PlannedSegment[] = [];
  let appended = 0;
  let skipped = 0;
  let firstSequence: number | null = null;
  /** Derived segments known to exist: stored, or planned earlier in this batch → count. */
  const derivedCount = new Map<string, number>();
  const derivedIdSets = new Map<string, IdSet>();
  /**
   * The ids seen earlier in the batch, built on first use. Until then the ids of the runs added
   * are kept as the runs (`deferred`): while every item is a derived run of a (scenario,
   * employee, year) not seen before (a run's export into a log without ids), its ids are derived
   * ids of a key of its own and cannot repeat, so none is looked up, and adding a million of
   * them one by one (a cache miss each, on the writer's thread) is left for a batch that needs
   * the set: the first other item adds them all.
   */
  let seen: IdSet | null = null;
  let deferred: EncodedRun[] | null = [];
  const seenIds = (): IdSet => {
    if (seen === null) {
      seen = new IdSet(expected);
      for (const run of deferred!) for (let i = 0; i < run.count; i++) seen.addPacked(run.ids, i);
      deferred = null;
    }
    return seen;
  };

  const head = (s: string): [number, number] => {
    let h = heads.get(s);
    if (h === undefined) {
      const stored = dbs.heads.get(s);
      h = stored === undefined ? [0, 0] : [stored[0], stored[1]];
      heads.set(s, h);
    }
    return h;
  };
  const dkey = (s: string, e: string, y: number): string => `${s}\u0000${e}\u0000${y}`;
  /** No derived segment stored (a first ingest) needs no lookups. */
  let derivedEmpty = true;
  for (const _ of dbs.derivedByYear.getKeys({ limit: 1 })) derivedEmpty = false;
  const storedDerived = (s: string, e: string, y: number): number => {
    const k = dkey(s, e, y);
    let n = derivedCount.get(k);
    if (n === undefined) {
      n = derivedEmpty ? -1 : storedDerivedSegment(dbs, s, e, y)?.[1] ?? -1;
      derivedCount.set(k, n);
    }
    return n;
  };
  const emitEncoded = (p: Omit<PlannedSegment, 'first'>): void => {
    const h = head(p.scenarioId);
    out.push({ ...p, first: h[0] });
    if (firstSequence === null) firstSequence = h[0];
    h[0] += p.count;
    h[1] += 1;
    appended += p.count;
  };
  const emit = (scenarioId: string, segment: Segment, dates: Iterable<string>): void => {
    const [firstDate, lastDate] = dateSpan(dates);
    const { kind, employeeId, year, count } = segment;
    emitEncoded({ scenarioId, kind, employeeId, year, count, ids: kind === 'derived' ? null : segment.ids, record: encodeSegment(segment), firstDate, lastDate });
  };

  let lastKey: { s: string; e: string; y: number; set: IdSet | null } | null = null;
  /** The ids of the derived segment stored (or planned) for (scenario, employee, year), if any. */
  const derivedIds = (s: string, emp: string, year: number): IdSet | null => {
    if (lastKey === null || lastKey.s !== s || lastKey.e !== emp || lastKey.y !== year) {
      const n = storedDerived(s, emp, year);
      lastKey = { s, e: emp, y: year, set: null };
      if (n > 0) {
        const k = dkey(s, emp, year);
        let set = derivedIdSets.get(k);
        if (set === undefined) {
          set = new IdSet(n);
          for (let i = 0; i < n; i++) set.add(deriveEventId(s, emp, year, i));
          derivedIdSets.set(k, set);
        }
        lastKey.set = set;
      }
    }
    return lastKey.set;
  };
  /** An empty id index (a log of run output, or a first ingest) needs no lookups. */
  let idsEmpty = true;
  for (const _ of dbs.ids.getKeys({ limit: 1 })) idsEmpty = false;
  const idPresent = (r: AppendRecord, id: string): boolean =>
    seenIds().has(id) || (!idsEmpty && dbs.ids.get(id) !== undefined) || (derivedIds(r.scenarioId, r.employeeId ?? '', yearOfText(r.effectiveDate))?.has(id) ?? false);
  /**
   * A derived run whose ids need no check: nothing stored to look them up in, and no derived
   * segment of its key stored, planned or open (the open group's key is not planned yet).
   */
  const isFresh = (run: EncodedRun): boolean => {
    if (!run.derived || !idsEmpty) return false;
    const emp = run.employeeId ?? '';
    return storedDerived(run.scenarioId, emp, run.year) < 0 && (group === null || group.key !== dkey(run.scenarioId, emp, run.year));
  };
  const runIdPresent = (run: EncodedRun, derived: IdSet | null, i: number): boolean =>
    seenIds().hasPacked(run.ids, i) || (!idsEmpty && dbs.ids.get(unpackUuid(run.ids, i)) !== undefined) || (derived?.hasPacked(run.ids, i) ?? false);

  const flushRun = (g: Group, run: EncodedRun): boolean => {
    const emp = g.employeeId ?? '';
    if (run.derived) {
      if (storedDerived(g.scenarioId, emp, g.year) >= 0) return false;
      const piece = run.pieces[0]!;
      emitEncoded({ scenarioId: g.scenarioId, kind: 'derived', employeeId: g.employeeId, year: g.year, count: piece.count, ids: null, record: piece.record, firstDate: piece.firstDate, lastDate: piece.lastDate });
      derivedCount.set(g.key, piece.count);
      return true;
    }
    const kind: SegmentKind = g.schemaVersion === CURRENT_SCHEMA_VERSION ? 'external' : 'legacy';
    let at = 0;
    for (const piece of run.pieces as EncodedPiece[]) {
      const ids = Array.from({ length: piece.count }, (_, i) => unpackUuid(run.ids, at + i));
      emitEncoded({ scenarioId: g.scenarioId, kind, employeeId: g.employeeId, year: null, count: piece.count, ids, record: piece.record, firstDate: piece.firstDate, lastDate: piece.lastDate });
      at += piece.count;
    }
    return true;
  };

  const flush = (g: Group): void => {
    if (g.run !== null) {
      if (flushRun(g, g.run)) return;
      g.records = runRecords(g.run);
      g.run = null;
    }
    const recs = g.records;
    const emp = g.employeeId ?? '';
    const current = g.schemaVersion === CURRENT_SCHEMA_VERSION;
    const dates = recs.map((r) => r.effectiveDate);
    if (current && storedDerived(g.scenarioId, emp, g.year) < 0 && recs.every((r, k) => r.eventId === deriveEventId(g.scenarioId, emp, g.year, k))) {
      const rows = recs.map((r) => ({ effectiveDate: r.effectiveDate, payload: r.payload! }) as RowEvent);
      emit(g.scenarioId, { kind: 'derived', schemaVersion: g.schemaVersion, planDesignId: g.planDesignId, employeeId: g.employeeId, year: g.year, count: rows.length, ids: null, rows }, dates);
      derivedCount.set(g.key, rows.length);
      return;
    }
    for (let at = 0; at < recs.length; at += maxSegmentEvents) {
      const chunk = recs.slice(at, at + maxSegmentEvents);
      const first = head(g.scenarioId)[0];
      const ids = chunk.map((r, i) => r.eventId ?? deriveEventId(g.scenarioId, emp, 0, first + i));
      const base = { schemaVersion: g.schemaVersion, planDesignId: g.planDesignId, employeeId: g.employeeId, year: null, count: chunk.length, ids };
      const segment: Segment = current
        ? { ...base, kind: 'external', rows: chunk.map((r) => ({ effectiveDate: r.effectiveDate, payload: r.payload! }) as RowEvent) }
        : { ...base, kind: 'legacy', rows: chunk.map((r, i) => ({ ...r.legacy!, eventId: ids[i] })) };
      emit(g.scenarioId, segment, chunk.map((r) => r.effectiveDate));
    }
  };

  let group: Group | null = null;
  /** The open group if it is (scenario, plan design, employee, year, schema version), else null after closing it. */
  const openGroup = (scenarioId: string, planDesignId: string, employeeId: string | null, year: number, schemaVersion: number): Group | null => {
    if (
      group !== null && group.year === year && group.employeeId === employeeId && group.scenarioId === scenarioId &&
      group.planDesignId === planDesignId && group.schemaVersion === schemaVersion
    ) {
      if (group.run !== null) {
        group.records = runRecords(group.run);
        group.run = null;
      }
      return group;
    }
    if (group !== null) flush(group);
    group = null;
    return null;
  };
  const addRecord = (r: AppendRecord): void => {
    const employeeId = r.employeeId ?? null;
    const year = yearOfText(r.effectiveDate);
    const g = openGroup(r.scenarioId, r.planDesignId, employeeId, year, r.schemaVersion);
    if (g !== null) g.records.push(r);
    else group = { key: dkey(r.scenarioId, employeeId ?? '', year), scenarioId: r.scenarioId, planDesignId: r.planDesignId, employeeId, year, schemaVersion: r.schemaVersion, records: [r], run: null };
  };

  const add = (item: WriteItem): void => {
    if (deferred !== null && item.type === 'run' && isFresh(item.run)) {
      deferred.push(item.run);
      const { scenarioId, planDesignId, employeeId, year, schemaVersion } = item.run;
      if (group !== null) flush(group);
      group = { key: dkey(scenarioId, employeeId ?? '', year), scenarioId, planDesignId, employeeId, year, schemaVersion, records: [], run: item.run };
      return;
    }
    if (deferred !== null) seenIds();
    if (item.type === 'derived') {
      if (group !== null) { flush(group); group = null; }
      const emp = item.employeeId ?? '';
      if (storedDerived(item.scenarioId, emp, item.year) >= 0) { skipped += item.rows.length; return; }
      if (item.rows.length === 0) return;
      derivedCount.set(dkey(item.scenarioId, emp, item.year), item.rows.length);
      const segment: Segment = {
        kind: 'derived', schemaVersion: CURRENT_SCHEMA_VERSION, planDesignId: item.planDesignId, employeeId: item.employeeId,
        year: item.year, count: item.rows.length, ids: null, rows: item.rows,
        ...(item.inputs === undefined ? {} : { inputs: item.inputs }),
      };
      emit(item.scenarioId, segment, item.rows.map((r) => r.effectiveDate));
      return;
    }
    if (item.type === 'record') {
      const r = item.record;
      if (r.eventId !== undefined) {
        if (idPresent(r, r.eventId)) { skipped++; return; }
        seenIds().add(r.eventId);
      }
      addRecord(r);
      return;
    }
    // A run: its ids are checked in order as its records' would be (they share the derived key).
    const run = item.run;
    const { scenarioId, planDesignId, employeeId, year, schemaVersion } = run;
    const emp = employeeId ?? '';
    let kept: boolean[] | null = null;
    const skip = (i: number): void => {
      (kept ??= new Array<boolean>(run.count).fill(true))[i] = false;
      skipped++;
    };
    // The derived ids 0..n-1 of a derived segment already there are present by definition: no set to build
    // (ingesting a run's export again).
    const known = run.derived ? Math.min(run.count, Math.max(0, storedDerived(scenarioId, emp, year))) : 0;
    for (let i = 0; i < known; i++) skip(i);
    const derived = known < run.count ? derivedIds(scenarioId, emp, year) : null;
    if (idsEmpty && derived === null) {
      // nothing stored to look up: present means seen earlier in the batch
      const set = seenIds();
      for (let i = known; i < run.count; i++) if (!set.addPacked(run.ids, i)) skip(i);
    } else {
      for (let i = known; i < run.count; i++) {
        if (runIdPresent(run, derived, i)) skip(i);
        else seenIds().addPacked(run.ids, i);
      }
    }
    if (kept !== null) {
      // some ids were present: group the others as records (none left: nothing to take out)
      if ((kept as boolean[]).includes(true)) runRecords(run).forEach((r, i) => kept![i] && addRecord(r));
      return;
    }
    const g = openGroup(scenarioId, planDesignId, employeeId, year, schemaVersion);
    if (g !== null) g.records.push(...runRecords(run));
    else group = { key: dkey(scenarioId, emp, year), scenarioId, planDesignId, employeeId, year, schemaVersion, records: [], run };
  };
  const take = (): PlannedSegment[] => {
    const done = out;
    out = [];
    return done;
  };
  return {
    add,
    take,
    finish: () => {
      if (group !== null) flush(group);
      group = null;
      return { segments: take(), heads, appended, skipped, firstSequence };
    },
  };
}

/** A Buffer view of the bytes (lmdb-js binary values are Buffers), without copying. */
export const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/**
 * Puts planned segments and their index entries, inside the open write transaction: what
 * `EventLog`'s append does with a plan, for an ingest that puts a plan a chunk at a time.
 * `append`: the caller queues nothing else to the segment and plan databases in this
 * transaction, so segments that sort after everything stored are appended (append-order.ts).
 */
export function putSegments(dbs: LogDbs, planned: readonly PlannedSegment[], opts: { readonly append?: boolean } = {}): void {
  const { segments, plan, ids } = dbs;
  const appending = opts.append === true && appendsInOrder(segments, planned.map((p) => [p.scenarioId, p.first]));
  const planAppending = appending && appendsInOrder(plan, planned.filter((p) => p.employeeId === null).map((p) => [p.scenarioId, p.first]));
  for (const p of planned) {
    void putMaybeAppended(segments, [p.scenarioId, p.first], asBuffer(p.record), appending);
    if (p.employeeId === null) void putMaybeAppended(plan, [p.scenarioId, p.first], [p.count, p.firstDate, p.lastDate], planAppending);
    if (p.kind !== 'derived') p.ids!.forEach((id, i) => ids.put(id, [p.scenarioId, p.first + i]));
  }
  putSegmentIndex(dbs, planned, opts.append === true);
}

/** Puts the heads a plan advanced (the end of an append). */
export function putHeads(dbs: LogDbs, heads: ReadonlyMap<string, [number, number]>): void {
  for (const [scenarioId, head] of heads) dbs.heads.put(scenarioId, head);
}
