/**
 * `vested run`: a scenario simulated year by year into the LMDB log of an output folder.
 *
 * Each plan year is committed whole: its participant snapshots and year record first, then
 * its events with the run metadata (status, last complete year) in one transaction, which is
 * the year's commit point. A folder holding an interrupted run of the same inputs resumes
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
import type { EventLog, RunMetadata } from '../storage/log.js';
import { getYearRecord, putHireSnapshots, putYearState, yearRecords } from '../storage/run-state.js';
import type { HireRecord } from '../storage/run-state.js';
import type { HireSnapshot } from './year-loop.js';
import type { Scenario } from './scenario.js';
import { simulate } from './simulate.js';
import type { RunSnapshot, SimulatedYear } from './simulate.js';
import { simulateParallel } from './parallel/run.js';
import type { ParallelYear } from './parallel/run.js';
import { appendEncodedSegments } from './parallel/segments.js';
import { yearMetrics } from './metrics.js';
import type { YearMetrics } from './metrics.js';

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
   * Worker threads simulating the workforce's partitions (engine/parallel). 0 or absent: in
   * process, on this thread (`simulate`). The log is the same byte for byte either way.
   */
  readonly threads?: number;
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

/** The run state a scenario stored after `year` (to resume, or for a what-if to fork from). */
export function storedRunSnapshot(log: EventLog, scenarioId: string, year: number): RunSnapshot {
  const record = getYearRecord(log, scenarioId, year);
  if (record === undefined) throw new RunRefusedError(`${log.dir}: the run state of ${scenarioId} after ${year} is missing; run vested check ${log.dir}`);
  const participants = record.liveIds.map((id) => {
    const s = log.snapshotAtOrBefore(scenarioId, id, dec31(year));
    if (s === undefined || s.date !== dec31(year)) {
      throw new RunRefusedError(`${log.dir}: the snapshot of ${id} in ${scenarioId} at ${dec31(year)} is missing; run vested check ${log.dir}`);
    }
    return s.value as ParticipantSnapshot;
  });
  return { year, participants, plan: record.plan as PlanContext };
}

/** The snapshots taken right after the year's hires, as the log stores them (replay starts there). */
export function hireRecords(year: number, hires: readonly HireSnapshot[]): HireRecord[] {
  return hires.map((h) => ({ employeeId: h.employeeId, date: h.snapshot.context.cursor.date, value: { participant: h.snapshot, year, through: h.through } }));
}

async function commitYear(log: EventLog, scenario: Scenario, digest: string, y: SimulatedYear | ParallelYear, metrics: YearMetrics): Promise<void> {
  const last = y.year === scenario.startYear + scenario.years - 1;
  putHireSnapshots(log, scenario.scenarioId, hireRecords(y.year, y.hires));
  const metadata = metadataOf(scenario, { scenario: digest }, last ? 'complete' : 'running', y.year);
  if ('encoded' in y) {
    // Parallel: the snapshots and segments come encoded; they land with the metadata, in one transaction.
    putYearState(log, scenario.scenarioId, dec31(y.year), { year: y.year, metrics, liveIds: y.liveIds, plan: y.planContext }, []);
    await appendEncodedSegments(log, scenario.scenarioId, y.encoded, metadata, { date: dec31(y.year), ids: y.liveIds, records: y.snapshots });
    return;
  }
  const snap = y.snapshot();
  putYearState(
    log,
    scenario.scenarioId,
    dec31(y.year),
    { year: y.year, metrics, liveIds: snap.participants.map((p) => p.context.employeeId), plan: snap.plan },
    snap.participants.map((p) => ({ employeeId: p.context.employeeId, value: p })),
  );
  await log.appendSegments(scenario.scenarioId, scenario.plan.planDesignId, y.segments, { metadata });
}

/** The years of the run, in process or on worker threads. */
function yearsOf(scenario: Scenario, opts: RunOptions, from: RunSnapshot | undefined): Iterable<SimulatedYear> | AsyncIterable<ParallelYear> {
  const threads = opts.threads ?? 0;
  if (threads === 0) return simulate(scenario, from, opts.progress);
  return simulateParallel(scenario, {
    threads,
    ...(from === undefined ? {} : { from }),
    ...(opts.progress === undefined ? {} : { progress: opts.progress }),
  });
}

const isEmptyDir = (dir: string): boolean => !existsSync(dir) || readdirSync(dir).length === 0;

export async function runToLog(scenario: Scenario, opts: RunOptions): Promise<RunOutcome> {
  const fresh = isEmptyDir(opts.out);
  const digest = scenarioDigest(scenario);
  const log = openLog(opts.out);
  let committed = 0;
  try {
    const meta = log.getMetadata(scenario.scenarioId);
    let from: RunSnapshot | undefined;
    if (meta === undefined) {
      const others = log.scenarios();
      if (others.length > 0) {
        throw new RunRefusedError(`${opts.out} holds another scenario (${others.join(', ')}); choose an empty --out folder`);
      }
    } else {
      if (meta.inputHashes.scenario !== digest) {
        throw new RunRefusedError(
          `${opts.out} holds a run of scenario ${meta.scenarioId} with different inputs (plan, census, seed, years or engine); choose another --out folder`,
        );
      }
      if (meta.status === 'complete') {
        const stored = yearRecords(log, scenario.scenarioId).map((r) => r.metrics as YearMetrics);
        await log.close();
        return { status: 'already-complete', firstYear: null, metrics: stored };
      }
      if (meta.lastCompleteYear !== null) from = storedRunSnapshot(log, scenario.scenarioId, meta.lastCompleteYear);
    }
    const metrics: YearMetrics[] = [];
    let stopped = false;
    for await (const y of yearsOf(scenario, opts, from)) {
      const m = yearMetrics(y.year, y.summaries, y.plan);
      await commitYear(log, scenario, digest, y, m);
      committed++;
      metrics.push(m);
      opts.onYear?.(y, m);
      if (opts.stopAfterYears !== undefined && committed >= opts.stopAfterYears) {
        stopped = true;
        break;
      }
    }
    if (stopped) {
      await log.close();
      return { status: 'stopped', firstYear: from === undefined ? scenario.startYear : from.year + 1, metrics };
    }
    await log.close();
    return { status: 'complete', firstYear: from === undefined ? scenario.startYear : from.year + 1, metrics };
  } catch (e) {
    await log.close().catch(() => undefined);
    // A failed run leaves nothing in a folder it created; a resumed run keeps its complete years.
    if (fresh) rmSync(opts.out, { recursive: true, force: true });
    throw e;
  }
}
