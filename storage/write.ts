/**
 * Planning one append inside its write transaction: dedup, grouping into segments, and
 * sequence assignment. Pure over the transaction's reads; log.ts does the puts.
 * Reads here see the open write transaction, so a duplicate check and the write it guards
 * are atomic.
 */
import { CURRENT_SCHEMA_VERSION } from '../actors/events/index.js';
import { deriveEventId } from './ids.js';
import type { RowEvent, Segment } from './segment.js';
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
  | { readonly type: 'record'; readonly record: AppendRecord };

export interface PlannedSegment {
  readonly scenarioId: string;
  readonly first: number;
  readonly segment: Segment;
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
  readonly records: AppendRecord[];
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

export function planWrite(dbs: LogDbs, items: readonly WriteItem[], maxSegmentEvents: number): WritePlan {
  const heads = new Map<string, [number, number]>();
  const out: PlannedSegment[] = [];
  let appended = 0;
  let skipped = 0;
  let firstSequence: number | null = null;
  /** Derived segments known to exist: stored, or planned earlier in this batch → count. */
  const derivedCount = new Map<string, number>();
  const derivedIdSets = new Map<string, Set<string>>();
  const seenIds = new Set<string>();

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
  const storedDerived = (s: string, e: string, y: number): number => {
    const k = dkey(s, e, y);
    let n = derivedCount.get(k);
    if (n === undefined) {
      n = dbs.derived.get([s, e, y])?.[1] ?? -1;
      derivedCount.set(k, n);
    }
    return n;
  };
  const emit = (scenarioId: string, segment: Segment, dates: Iterable<string>): void => {
    const h = head(scenarioId);
    const [firstDate, lastDate] = dateSpan(dates);
    out.push({ scenarioId, first: h[0], segment, firstDate, lastDate });
    if (firstSequence === null) firstSequence = h[0];
    h[0] += segment.count;
    h[1] += 1;
    appended += segment.count;
  };

  let lastKey: { s: string; e: string; y: number; set: Set<string> | null } | null = null;
  /** An empty id index (a log of run output, or a first ingest) needs no lookups. */
  let idsEmpty = true;
  for (const _ of dbs.ids.getKeys({ limit: 1 })) idsEmpty = false;
  const idPresent = (r: AppendRecord, id: string): boolean => {
    if (seenIds.has(id) || (!idsEmpty && dbs.ids.get(id) !== undefined)) return true;
    const emp = r.employeeId ?? '';
    const year = yearOfText(r.effectiveDate);
    if (lastKey === null || lastKey.s !== r.scenarioId || lastKey.e !== emp || lastKey.y !== year) {
      const n = storedDerived(r.scenarioId, emp, year);
      lastKey = { s: r.scenarioId, e: emp, y: year, set: null };
      if (n > 0) {
        const k = dkey(r.scenarioId, emp, year);
        let set = derivedIdSets.get(k);
        if (set === undefined) {
          set = new Set(Array.from({ length: n }, (_, i) => deriveEventId(r.scenarioId, emp, year, i)));
          derivedIdSets.set(k, set);
        }
        lastKey.set = set;
      }
    }
    return lastKey.set !== null && lastKey.set.has(id);
  };

  const flush = (g: Group): void => {
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
  for (const item of items) {
    if (item.type === 'derived') {
      if (group !== null) { flush(group); group = null; }
      const emp = item.employeeId ?? '';
      if (storedDerived(item.scenarioId, emp, item.year) >= 0) { skipped += item.rows.length; continue; }
      if (item.rows.length === 0) continue;
      derivedCount.set(dkey(item.scenarioId, emp, item.year), item.rows.length);
      const segment: Segment = {
        kind: 'derived', schemaVersion: CURRENT_SCHEMA_VERSION, planDesignId: item.planDesignId, employeeId: item.employeeId,
        year: item.year, count: item.rows.length, ids: null, rows: item.rows,
        ...(item.inputs === undefined ? {} : { inputs: item.inputs }),
      };
      emit(item.scenarioId, segment, item.rows.map((r) => r.effectiveDate));
      continue;
    }
    const r = item.record;
    if (r.eventId !== undefined) {
      if (idPresent(r, r.eventId)) { skipped++; continue; }
      seenIds.add(r.eventId);
    }
    const employeeId = r.employeeId ?? null;
    const year = yearOfText(r.effectiveDate);
    if (
      group === null || group.year !== year || group.employeeId !== employeeId || group.scenarioId !== r.scenarioId ||
      group.planDesignId !== r.planDesignId || group.schemaVersion !== r.schemaVersion
    ) {
      if (group !== null) flush(group);
      const key = dkey(r.scenarioId, employeeId ?? '', year);
      group = { key, scenarioId: r.scenarioId, planDesignId: r.planDesignId, employeeId, year, schemaVersion: r.schemaVersion, records: [] };
    }
    group.records.push(r);
  }
  if (group !== null) flush(group);
  return { segments: out, heads, appended, skipped, firstSequence };
}
