/**
 * What a run keeps besides its events, per plan year: the summary metrics a report prints and
 * the state the run needs to resume after that year (which participants are live, the plan
 * actor's context). Participant snapshots themselves live in the log's `snapshots` database.
 *
 * Database `years`: key [scenarioId, year] → { metrics, liveIds, snapshotted?, plan, design? }.
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
  /**
   * The plan design the year was made under, when it is not the run's own (`RunMetadata.planDesign`):
   * set on the years a what-if variant copied from the stored run it forks from (engine/whatif/store.ts),
   * so that replay and state-as-of rebuild those years under the stored run's design and the
   * variant's own years under the variant's. The copied years are always the first years of a
   * run, so {@link madeUnderOtherDesigns} reads records only until the first one without it.
   * Absent (logs written before it existed, and every year a run simulated itself): the run's own design.
   */
  readonly design?: YearDesign;
}

/** A plan design as run metadata holds it: its id and its encoded form (rules/plan-design.ts). */
export interface YearDesign {
  readonly planDesignId: string;
  readonly planDesign: unknown;
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


/**
 * The designs of the years a run copied from another run (see {@link YearRecord.design}), by
 * year: empty for a run that simulated all its years. Reads the year records from the first
 * until the first one without a design, so a run that copied nothing costs one record.
 */
export function madeUnderOtherDesigns(log: EventLog, scenarioId: string): Map<number, YearDesign> {
  const out = new Map<number, YearDesign>();
  for (const { value } of yearsDb(log).getRange({ start: [scenarioId, 0], end: [scenarioId, Number.MAX_SAFE_INTEGER] })) {
    if (value.design === undefined) break;
    out.set(value.year, value.design);
  }
  return out;
}
