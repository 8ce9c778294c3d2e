/**
 * How a what-if variant lands in a shared log folder: the same year commit as `vested run`
 * (engine/run.ts: the year's record and participant snapshots first, then its events with the
 * run metadata in one transaction, the commit point), for several scenarios in one folder,
 * and the copy of a stored run's first years into a variant that forks from it.
 *
 * run.ts keeps its commit helpers private and refuses a folder that holds another scenario,
 * so this file repeats that protocol (same records, same metadata fields) rather than edit it.
 */
import { dec31 } from '../../rules/calendar.js';
import type { EventLog, SegmentInput } from '../../storage/log.js';
import { getYearRecord, putYearRecord } from '../../storage/run-state.js';
import type { YearDesign } from '../../storage/run-state.js';
import { storedYears } from '../../storage/stored-years.js';
import { RunRefusedError } from '../run.js';
import type { Scenario } from '../scenario.js';
import type { RunSnapshot } from '../simulate.js';
import type { HireSnapshot } from '../year-loop.js';
import { commitYear as commitRunYear, metadataOf, storedRunSnapshot } from '../run.js';
import type { YearMetrics } from '../metrics.js';
import type { EncodedSegment } from '../parallel/segments.js';

/** One simulated year as a what-if commits it (plain data: it may come from a worker thread). */
export interface VariantYear {
  readonly year: number;
  readonly segments: readonly SegmentInput[];
  /** The same segments already encoded for the log (a partitioned run's workers encode them); used instead of `segments`. */
  readonly encoded?: readonly EncodedSegment[];
  readonly metrics: YearMetrics;
  readonly snapshot: RunSnapshot;
  /** The snapshots taken right after the year's hires (replay starts there). */
  readonly hires: readonly HireSnapshot[];
}


/** Commits one simulated year of a variant, exactly as a run commits a year. */
export async function commitYear(log: EventLog, scenario: Scenario, inputHashes: Readonly<Record<string, string>>, y: VariantYear): Promise<void> {
  await commitRunYear(log, scenario, inputHashes, {
    year: y.year,
    metrics: y.metrics,
    liveIds: y.snapshot.participants.map((p) => p.context.employeeId),
    plan: y.snapshot.plan,
    snapshots: { values: y.snapshot.participants },
    hires: y.hires,
    segments: y.segments,
    ...(y.encoded === undefined ? {} : { encoded: y.encoded }),
  });
}

/** The run state a scenario stored after `year` (to resume, or to fork from). */
export const storedSnapshot = storedRunSnapshot;

/**
 * Copies the years `after + 1 … upTo` of a stored run into a variant, each year committed like
 * a simulated one (its year record, then in one transaction its events, snapshots and the run
 * metadata): the events of each participant-year, keeping the stored run's plan design id
 * (they were made under it) and which of them were inputs, and every snapshot dated in the
 * year, the ones taken at each hire as well as Dec 31's. Replay starts a participant at its
 * hire snapshot and feeds the inputs back, so without either the variant's log would not replay
 * for anyone hired in a copied year. Each copied year record also says the design the year was
 * made under (`YearRecord.design`), so replay rebuilds the copied years under it rather than
 * under the variant's. The variant can then resume after `upTo` under its design.
 */
export async function copyStoredYears(
  src: EventLog,
  srcScenarioId: string,
  dst: EventLog,
  variant: Scenario,
  inputHashes: Readonly<Record<string, string>>,
  after: number,
  upTo: number,
): Promise<void> {
  const srcMeta = src.getMetadata(srcScenarioId)!;
  const srcDesign: YearDesign = { planDesignId: srcMeta.planDesignId, planDesign: srcMeta.planDesign };
  for (const y of storedYears(src, srcScenarioId, Math.max(after + 1, variant.startYear), upTo)) {
    const record = getYearRecord(src, srcScenarioId, y.year);
    if (record === undefined) throw new RunRefusedError(`${src.dir}: the run state of ${srcScenarioId} after ${y.year} is missing; run vested check ${src.dir}`);
    const end = dec31(y.year);
    const atEnd = new Set(y.snapshots.filter((s) => s.date === end).map((s) => s.employeeId));
    // A year record may say its Dec 31 snapshots were not taken (a snapshot cadence); otherwise every live participant has one.
    const snapshotted = !('snapshotted' in record) || record.snapshotted !== false;
    for (const id of snapshotted ? record.liveIds : []) {
      if (!atEnd.has(id)) throw new RunRefusedError(`${src.dir}: the snapshot of ${id} at ${end} is missing; run vested check ${src.dir}`);
    }
    // The year was made under the stored run's design, or under the one it copied the year from in turn.
    const design = record.design ?? srcDesign;
    putYearRecord(dst, variant.scenarioId, { ...record, design });
    await dst.appendSegments(variant.scenarioId, design.planDesignId, y.segments, { metadata: metadataOf(variant, inputHashes, 'running', y.year), snapshots: y.snapshots });
  }
}
