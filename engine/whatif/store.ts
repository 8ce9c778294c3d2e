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
import type { DerivedEvent } from '../../actors/events/index.js';
import type { EventLog, SegmentInput } from '../../storage/log.js';
import { getYearRecord, putYearRecord } from '../../storage/run-state.js';
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
 * Copies the years `after + 1 … upTo` of a stored run into a variant: its events (one
 * segment per participant-year, as the run wrote them, keeping the stored run's plan design
 * id: those events were made under it), its year records and its Dec 31 snapshots, each year
 * committed like a simulated one. The variant can then resume after `upTo` under its own design.
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
  const srcDesign = src.getMetadata(srcScenarioId)!.planDesignId;
  let year = -1;
  let segments: SegmentInput[] = [];
  let current: { employeeId: string | null; year: number; events: DerivedEvent[] } | null = null;
  const flushYear = async (): Promise<void> => {
    if (current !== null) segments.push(current);
    current = null;
    if (year > after && year <= upTo) {
      const record = getYearRecord(src, srcScenarioId, year);
      if (record === undefined) throw new RunRefusedError(`${src.dir}: the run state of ${srcScenarioId} after ${year} is missing; run vested check ${src.dir}`);
      const snaps = record.liveIds.map((id) => {
        const s = src.snapshotAtOrBefore(srcScenarioId, id, dec31(year));
        if (s === undefined || s.date !== dec31(year)) throw new RunRefusedError(`${src.dir}: the snapshot of ${id} at ${dec31(year)} is missing; run vested check ${src.dir}`);
        return { employeeId: id, date: dec31(year), value: s.value };
      });
      putYearRecord(dst, variant.scenarioId, record);
      await dst.appendSegments(variant.scenarioId, srcDesign, segments, { metadata: metadataOf(variant, inputHashes, 'running', year), snapshots: snaps });
    }
    segments = [];
  };
  let pastEnd = false;
  for (const e of src.readScenario(srcScenarioId)) {
    const y = Number(e.effectiveDate.slice(0, 4));
    if (y !== year) {
      await flushYear();
      if (y > upTo) {
        pastEnd = true;
        break;
      }
      year = y;
    }
    if (y <= after) continue;
    const employeeId = e.employeeId ?? null;
    if (current === null || current.employeeId !== employeeId) {
      if (current !== null) segments.push(current);
      current = { employeeId, year: y, events: [] };
    }
    current.events.push({ ...(e.employeeId === undefined ? {} : { employeeId: e.employeeId }), effectiveDate: e.effectiveDate, payload: e.payload });
  }
  if (!pastEnd) await flushYear();
}
