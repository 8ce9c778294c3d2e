/**
 * `vested run`: a scenario simulated year by year into the LMDB log of an output folder.
 *
 * Each plan year is committed whole: its year record first, then its events, its snapshots and
 * the run metadata (status, last complete year) in one transaction, which is the year's
 * commit point. A folder holding an interrupted run of the same inputs resumes
 * after its last complete year and ends with exactly the log an uninterrupted run writes; a
 * complete run is left as it is; a run of other inputs is refused. A run that throws leaves
 * nothing in a folder it started empty (a killed process leaves its complete years, to resume).
 *
 * `threads` ≥ 1 simulates the workforce's partitions on that many worker threads
 * (engine/parallel/run.ts); the years, their commits and the log are the same as in process.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dec31 } from '../rules/calendar.js';
import { encodePlanDesign } from '../rules/plan-design.js';
import { CURRENT_SCHEMA_VERSION } from '../actors/events/index.js';
import type { ParticipantSnapshot } from '../actors/participant/participant.js';
import { PARTICIPANT_MACHINE_VERSION } from '../actors/participant/machine.js';
import type { PlanContext } from '../actors/plan/machine.js';
import { openLog } from '../storage/log.js';
import type { DatedSnapshot, EventLog, RunMetadata, SegmentInput } from '../storage/log.js';
import { getYearRecord, putYearRecord, yearRecords } from '../storage/run-state.js';
import { storedHire } from './year-loop.js';
import type { HireSnapshot } from './year-loop.js';
import type { Scenario } from './scenario.js';
import type { RunSnapshot, SimulatedYear } from './simulate.js';
import { simulateParallel } from './parallel/run.js';
import type { ParallelYear } from './parallel/run.js';
import { appendEncodedSegments } from '../storage/encoded.js';
import type { AppendOptions, EncodedSegment, EncodedSnapshot } from '../storage/encoded.js';
import { snapshotKey } from '../storage/snapshots.js';
import { encodeSnapshotRecord } from '../storage/snapshot-record.js';
import { yearMetrics } from './metrics.js';
import type { YearMetrics } from './metrics.js';
import { collectGarbage } from './collect-garbage.js';

export const ENGINE_VERSION = '0.1.0';

/** Thrown when a folder cannot take this run; the message says why and what to do. */
export class RunRefusedError extends Error {
  override readonly name = 'RunRefusedError';
}

export interface RunOptions {
  readonly out: string;
  /** Called as each year is committed. */
  readonly onYear?: (year: SimulatedYear, metrics: YearMetrics) => void;
  readonly progress?: (year: number, done: number, total: number) => void;
  /** Stop after committing this many years (for tests of resume; the run stays "running"). */
  readonly stopAfterYears?: number;
  /**
   * Worker threads simulating the workforce's partitions (engine/parallel). 0 or absent: one
   * partition host on this thread, through the same steps. The log is the same byte for byte either way.
   */
  readonly threads?: number;
  /**
   * Store the live participants' Dec 31 snapshots every this many years (default 1: every
   * year), and always after the last year. Hire snapshots are always stored. Fewer snapshots
   * make a run faster and its log smaller; state as of a date then replays more events, and a
   * run resumes (or a what-if forks) from the latest year that has them, re-simulating the
   * years after it without writing their events again.
   */
  readonly snapshotEvery?: number;
}

export interface RunOutcome {
  readonly status: 'complete' | 'already-complete' | 'stopped';
  /** The first year simulated by this call (later than the start when it resumed). */
  readonly firstYear: number | null;
  readonly metrics: readonly YearMetrics[];
}

/** A digest of everything that determines a run's output: same digest, same log. */
export function scenarioDigest(scenario: Scenario): string {
  const canonical = JSON.stringify({ ...scenario, plan: encodePlanDesign(scenario.plan), engine: ENGINE_VERSION, machine: PARTICIPANT_MACHINE_VERSION });
  return createHash('sha256').update(canonical).digest('hex');
}

/** The run metadata written with each committed year (the resume point). */
export function metadataOf(
  scenario: Scenario,
  inputHashes: Readonly<Record<string, string>>,
  status: RunMetadata['status'],
  lastCompleteYear: number | null,
): RunMetadata {
  return {
    scenarioId: scenario.scenarioId,
    seed: scenario.seed,
    planDesignId: scenario.plan.planDesignId,
    planDesign: encodePlanDesign(scenario.plan),
    engineVersion: ENGINE_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    inputHashes,
    status,
    lastCompleteYear,
    startYear: scenario.startYear,
    years: scenario.years,
  };
}

/** The years after which a scenario stored its participants' snapshots (where a run can resume or fork). */
export function snapshotYears(log: EventLog, scenarioId: string): number[] {
  return yearRecords(log, scenarioId)
    .filter((r) => r.snapshotted !== false)
    .map((r) => r.year);
}

/** Whether year-end snapshots are taken after `year` with this cadence (always after the last year). */
export function isSnapshotYear(scenario: Scenario, every: number, year: number): boolean {
  return (year - scenario.startYear + 1) % every === 0 || year === scenario.startYear + scenario.years - 1;
}

/** The run state a scenario stored after `year` (to resume, or for a what-if to fork from). */
export function storedRunSnapshot(log: EventLog, scenarioId: string, year: number): RunSnapshot {
  const record = getYearRecord(log, scenarioId, year);
  if (record === undefined) throw new RunRefusedError(`${log.dir}: the run state of ${scenarioId} after ${year} is missing; run vested check ${log.dir}`);
  if (record.snapshotted === false) {
    const years = snapshotYears(log, scenarioId);
    throw new RunRefusedError(
      `${log.dir}: ${scenarioId} stored no participant snapshots after ${year} (it ran with --snapshot-every); ` +
        `the years with snapshots are ${years.length === 0 ? 'none' : years.join(', ')}`,
    );
  }
  const participants = record.liveIds.map((id) => {
    const s = log.dbs.snapshots.get(snapshotKey(scenarioId, id, dec31(year)));
    if (s === undefined) throw new RunRefusedError(`${log.dir}: the snapshot of ${id} in ${scenarioId} at ${dec31(year)} is missing; run vested check ${log.dir}`);
    return s as ParticipantSnapshot;
  });
  return { year, participants, plan: record.plan as PlanContext };
}

/** The snapshots taken right after the year's hires, as the log stores them (replay starts there). */
export function hireSnapshots(year: number, hires: readonly HireSnapshot[]): DatedSnapshot[] {
  return hires.map((h) => storedHire(year, h));
}

/** Everything one plan year commits, whichever path simulated it. */
export interface YearCommit {
  readonly year: number;
  readonly metrics: YearMetrics;
  readonly liveIds: readonly string[];
  readonly plan: PlanContext;
  /** The live participants' Dec 31 snapshots, in `liveIds` order: values, or msgpack records from worker hosts. */
  readonly snapshots: { readonly values: readonly ParticipantSnapshot[] } | { readonly records: readonly Uint8Array[] };
  /** False: a year between snapshot years (run option `snapshotEvery`); its Dec 31 snapshots are not stored. Default true. */
  readonly snapshotted?: boolean;
  readonly hires: readonly HireSnapshot[];
  /** The same hire snapshots already packed as the log stores them (worker hosts pack them); used instead of `hires` with `encoded`. */
  readonly hireRecords?: readonly EncodedSnapshot[];
  readonly segments: readonly SegmentInput[];
  /** The segments already encoded for the log (worker hosts encode them); used instead of `segments`. */
  readonly encoded?: readonly EncodedSegment[];
}

/**
 * Commits a plan year: its year record, then its events, its snapshots (Dec 31 and at each
 * hire) and the run metadata in one transaction, the year's commit point. A run killed before
 * it redoes the year; one killed after resumes from it; no snapshot ever lands without its events.
 */
export async function commitYear(log: EventLog, scenario: Scenario, inputHashes: Readonly<Record<string, string>>, c: YearCommit, opts: AppendOptions = {}): Promise<void> {
  const last = c.year === scenario.startYear + scenario.years - 1;
  const metadata = metadataOf(scenario, inputHashes, last ? 'complete' : 'running', c.year);
  const date = dec31(c.year);
  const snapshotted = c.snapshotted !== false;
  putYearRecord(log, scenario.scenarioId, { year: c.year, metrics: c.metrics, liveIds: c.liveIds, plan: c.plan, snapshotted });
  // Hires first: one hired on Dec 31 shares its key with its year-end snapshot, which must win.
  const dated = c.encoded !== undefined && c.hireRecords !== undefined ? [] : hireSnapshots(c.year, c.hires);
  if (snapshotted && 'values' in c.snapshots) c.snapshots.values.forEach((value, i) => dated.push({ employeeId: c.liveIds[i]!, date, value }));
  if (c.encoded !== undefined) {
    // Encoded segments go with encoded snapshots (self-contained records): the log reads both kinds back as objects.
    const encoded = [...(c.hireRecords ?? []), ...dated.map((d) => ({ employeeId: d.employeeId, date: d.date, record: encodeSnapshotRecord(d.value) }))];
    if (snapshotted && 'records' in c.snapshots) c.snapshots.records.forEach((record, i) => encoded.push({ employeeId: c.liveIds[i]!, date, record }));
    await appendEncodedSegments(log, scenario.scenarioId, c.encoded, metadata, encoded, opts);
  } else {
    await log.appendSegments(scenario.scenarioId, scenario.plan.planDesignId, c.segments, { metadata, snapshots: dated });
  }
}

/** What a simulated year commits: from the partition hosts (encoded), or from `simulate` (objects). */
export function yearCommit(y: SimulatedYear | ParallelYear, metrics: YearMetrics): YearCommit {
  if ('encoded' in y) {
    return { year: y.year, metrics, liveIds: y.liveIds, plan: y.planContext, snapshots: { records: y.snapshots }, hires: [], hireRecords: y.hireRecords, segments: [], encoded: y.encoded };
  }
  const snap = y.snapshot();
  return {
    year: y.year,
    metrics,
    liveIds: snap.participants.map((p) => p.context.employeeId),
    plan: snap.plan,
    snapshots: { values: snap.participants },
    hires: y.hires,
    segments: y.segments,
  };
}

/**
 * The years of the run, on worker threads or (0) in process: the same partition hosts either
 * way, which encode each participant-year for the log as it closes.
 */
function yearsOf(scenario: Scenario, opts: RunOptions, every: number, from: RunSnapshot | undefined): AsyncIterable<ParallelYear> {
  return simulateParallel(scenario, {
    threads: opts.threads ?? 0,
    snapshotYear: (year) => isSnapshotYear(scenario, every, year),
    ...(from === undefined ? {} : { from }),
    ...(opts.progress === undefined ? {} : { progress: opts.progress }),
  });
}

/**
 * The log closed and opened again, to unmap it. LMDB maps the whole file, and pages of the
 * earlier years end up mapped into this process while later years are written (measured: the
 * mapped part of data.mdb grew by about a year of log per year, 3.3 GB of a 100,000 × 10 run's
 * peak RSS); they are clean page cache, but they count as this process's memory until unmapped.
 */
async function reopened(log: EventLog): Promise<EventLog> {
  await log.close();
  return openLog(log.dir);
}

const isEmptyDir = (dir: string): boolean => !existsSync(dir) || readdirSync(dir).length === 0;

export async function runToLog(scenario: Scenario, opts: RunOptions): Promise<RunOutcome> {
  const every = opts.snapshotEvery ?? 1;
  if (!Number.isSafeInteger(every) || every < 1) throw new RangeError(`snapshotEvery must be a whole number of years ≥ 1, got ${every}`);
  const fresh = isEmptyDir(opts.out);
  // Computed when first needed: for a log that holds no run yet, at the first commit, while the
  // hosts run the next year (hashing a 100,000-row census held their start back ~0.13 s).
  let digest: string | undefined;
  const digestOf = (): string => (digest ??= scenarioDigest(scenario));
  let log = openLog(opts.out);
  let committed = 0;
  /**
   * The year whose commit is in flight: the commit, then (chained) the log reopened and the
   * year reported. Only promises are kept here, so the year's output (a few hundred MB at
   * 100,000 employees) is released as soon as it is committed and reported, not held while
   * the next year is simulated.
   */
  let pending: { commit: Promise<void>; landed: Promise<void> } | undefined;
  try {
    const meta = log.getMetadata(scenario.scenarioId);
    let from: RunSnapshot | undefined;
    if (meta === undefined) {
      const others = log.scenarios();
      if (others.length > 0) {
        throw new RunRefusedError(`${opts.out} holds another scenario (${others.join(', ')}); choose an empty --out folder`);
      }
    } else {
      if (meta.inputHashes.scenario !== digestOf()) {
        throw new RunRefusedError(
          `${opts.out} holds a run of scenario ${meta.scenarioId} with different inputs (plan, census, seed, years or engine); choose another --out folder`,
        );
      }
      if (meta.status === 'complete') {
        const stored = yearRecords(log, scenario.scenarioId).map((r) => r.metrics as YearMetrics);
        await log.close();
        return { status: 'already-complete', firstYear: null, metrics: stored };
      }
      // The latest year with snapshots: the years after it are simulated again, their events already stored are not written twice.
      const last = meta.lastCompleteYear;
      const resumable = last === null ? [] : snapshotYears(log, scenario.scenarioId).filter((y) => y <= last);
      if (resumable.length > 0) from = storedRunSnapshot(log, scenario.scenarioId, resumable[resumable.length - 1]!);
    }
    const metrics: YearMetrics[] = [];
    const storedThrough = meta?.lastCompleteYear ?? null;
    // A year's commit runs on LMDB's write thread while the next year is simulated; the year
    // is reported as soon as it lands, and it is awaited before anything else is written.
    const settle = async (): Promise<void> => {
      if (pending === undefined) return;
      const { landed } = pending;
      pending = undefined;
      await landed;
    };
    let stopped = false;
    const lastYear = scenario.startYear + scenario.years - 1;
    for await (const y of yearsOf(scenario, opts, every, from)) {
      await settle();
      // On worker threads, this thread is idle while the next year is simulated: collect what
      // merging the year left behind (the hosts' replies, the summaries' pass through the plan)
      // before the commit allocates, so the commit reuses that room instead of growing the heap.
      if ((opts.threads ?? 0) > 0) collectGarbage();
      const m = yearMetrics(y.year, y.summaries, y.plan);
      // The folder holds this scenario only and one commit at a time: its records may be
      // appended; a year after the last complete one has nothing stored yet.
      const unstored = storedThrough === null || y.year > storedThrough;
      const commit = commitYear(log, scenario, { scenario: digestOf() }, { ...yearCommit(y, m), snapshotted: isSnapshotYear(scenario, every, y.year) }, { append: true, unstored });
      const landed = commit.then(async () => {
        log = await reopened(log);
        committed++;
        metrics.push(m);
        opts.onYear?.(y, m);
        // The year's output (hundreds of MB at 100,000 employees) is dead now: collect it
        // before the next year's arrives, instead of whenever V8 would (after the last year, none will).
        if (y.year < lastYear) collectGarbage();
      });
      landed.catch(() => undefined); // awaited by settle(); a failure must not go unhandled meanwhile
      pending = { commit, landed };
      if (opts.stopAfterYears !== undefined && committed + 1 >= opts.stopAfterYears) {
        stopped = true;
        break;
      }
    }
    await settle();
    if (stopped) {
      await log.close();
      return { status: 'stopped', firstYear: from === undefined ? scenario.startYear : from.year + 1, metrics };
    }
    await log.close();
    return { status: 'complete', firstYear: from === undefined ? scenario.startYear : from.year + 1, metrics };
  } catch (e) {
    // A year already handed to the writer is complete: let it land before closing.
    await pending?.landed.catch(() => undefined);
    await log.close().catch(() => undefined);
    // A failed run leaves nothing in a folder it created; a resumed run keeps its complete years.
    if (fresh) rmSync(opts.out, { recursive: true, force: true });
    throw e;
  }
}
