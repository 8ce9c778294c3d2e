/**
 * What a run keeps besides its events, per plan year: the summary metrics a report prints and
 * the state the run needs to resume after that year (which participants are live, the plan
 * actor's context). Participant snapshots themselves live in the log's `snapshots` database.
 *
 * Database `years`: key [scenarioId, year] → { metrics, liveIds, plan }.
 */
import type { Database } from 'lmdb';
import type { EventLog } from './log.js';

export interface YearRecord {
  readonly year: number;
  readonly metrics: unknown;
  /** Employee ids of the participants still live after the year (their snapshots are at Dec 31, when `snapshotted`). */
  readonly liveIds: readonly string[];
  /**
   * Whether the live participants' Dec 31 snapshots of this year are stored (a run may take
   * them every few years); absent in logs written before the cadence existed, which took them every year.
   */
  readonly snapshotted?: boolean;
  /** The plan actor's context after the year. */
  readonly plan: unknown;
}

const years = new WeakMap<EventLog, Database<YearRecord, [string, number]>>();

function yearsDb(log: EventLog): Database<YearRecord, [string, number]> {
  let db = years.get(log);
  if (db === undefined) {
    db = log.dbs.env.openDB<YearRecord, [string, number]>('years', { encoding: 'msgpack' });
    years.set(log, db);
  }
  return db;
}

/**
 * Stores a year's record. Written before the year's events: the commit point of a year is its
 * events, snapshots and metadata (one transaction), so a run killed in between redoes the year
 * and rewrites this same record.
 */
export function putYearRecord(log: EventLog, scenarioId: string, record: YearRecord): void {
  const db = yearsDb(log);
  log.dbs.env.transactionSync(() => db.put([scenarioId, record.year], record));
}

export function getYearRecord(log: EventLog, scenarioId: string, year: number): YearRecord | undefined {
  return yearsDb(log).get([scenarioId, year]);
}

/** Every stored year record of a scenario, in year order. */
export function yearRecords(log: EventLog, scenarioId: string): YearRecord[] {
  return [...yearsDb(log).getRange({ start: [scenarioId, 0], end: [scenarioId, Number.MAX_SAFE_INTEGER] })].map((e) => e.value);
}

