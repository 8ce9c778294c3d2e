/**
 * Time travel: a participant's state on any date = the latest snapshot at or before it + the
 * events after it, through the participant machine (DESIGN.md "Replay"). Also the whole-log
 * replay that `vested replay` runs, and balances by source on any date (the seed system's
 * weekly balance table, answered from the log instead of stored).
 */
import { isDeepStrictEqual } from 'node:util';
import type { IsoDate } from '../rules/calendar.js';
import type { Cents } from '../rules/units.js';
import { decodePlanDesign } from '../rules/plan-design.js';
import type { ContributionSource } from '../actors/events/index.js';
import { participantEnvironment } from '../actors/participant/environment.js';
import type { ParticipantEnvironment } from '../actors/participant/environment.js';
import type { Participant } from '../actors/participant/participant.js';
import type { ParticipantContext } from '../actors/participant/context.js';
import type { EventLog, RunMetadata } from './log.js';
import { madeUnderOtherDesigns } from './run-state.js';
import { loggedYears, participantIds } from './logged-years.js';
import { firstSnapshotOf } from './snapshots.js';
import { replayParticipant, storedSnapshot } from './replay.js';
import type { ReplayDifference, StoredSnapshot } from './replay.js';

/** What `history` and `stateAsOf` show of a participant on a date. */
export interface ParticipantState {
  readonly employeeId: string;
  readonly asOf: IsoDate;
  /** The machine's state value, e.g. `'deferring'` (actors/participant/machine.ts `statePath`: `employed.enrolled.deferring`). */
  readonly state: unknown;
  readonly context: ParticipantContext;
  readonly balances: Readonly<Partial<Record<ContributionSource, Cents>>>;
  readonly vestedRates: ParticipantContext['vested'];
}

/** A log's run of one scenario, ready to replay: its metadata and the participants' environment by plan year. */
export interface ReplayableRun {
  readonly meta: RunMetadata;
  /** The environment of the run's own design (`meta.planDesign`). */
  readonly env: ParticipantEnvironment;
  /**
   * The environment plan year `year` was made under: `env`, except for the years a what-if
   * variant copied from the run it forks from, made under that run's design (run-state.ts
   * `YearRecord.design`). Replay hands a participant from one to the next at Dec 31.
   */
  readonly envOf: (year: number) => ParticipantEnvironment;
  readonly lastYear: number;
}

export function replayableRun(log: EventLog, scenarioId: string): ReplayableRun {
  const meta = log.getMetadata(scenarioId);
  if (meta === undefined) throw new RangeError(`${log.dir}: no run of scenario ${JSON.stringify(scenarioId)} (an ingested log has no snapshots to replay from)`);
  const environment = (encoded: unknown, what: string): ParticipantEnvironment => {
    const plan = decodePlanDesign(encoded);
    if (plan._tag === 'Left') throw new RangeError(`${log.dir}: the stored plan design of ${what} does not decode: ${plan.left.join('; ')}`);
    return participantEnvironment(plan.right, meta.startYear);
  };
  const env = environment(meta.planDesign, scenarioId);
  const envs = new Map<number, ParticipantEnvironment>();
  const byDesign = new Map<string, ParticipantEnvironment>();
  for (const [year, d] of madeUnderOtherDesigns(log, scenarioId)) {
    if (isDeepStrictEqual(d.planDesign, meta.planDesign)) continue;
    const key = JSON.stringify(d.planDesign);
    let e = byDesign.get(key);
    if (e === undefined) byDesign.set(key, (e = environment(d.planDesign, `${scenarioId} in ${year} (${d.planDesignId})`)));
    envs.set(year, e);
  }
  const lastYear = meta.lastCompleteYear ?? meta.startYear - 1;
  return { meta, env, envOf: envs.size === 0 ? () => env : (year) => envs.get(year) ?? env, lastYear };
}

function snapshotAt(log: EventLog, scenarioId: string, employeeId: string, date: string): StoredSnapshot | undefined {
  const s = log.snapshotAtOrBefore(scenarioId, employeeId, date);
  return s === undefined ? undefined : storedSnapshot(s.value);
}

/** What a replayed participant shows on `asOf`. */
export function stateOf(p: Participant, asOf: IsoDate): ParticipantState {
  const c = p.context;
  return { employeeId: c.employeeId, asOf, state: p.state, context: c, balances: c.balances, vestedRates: c.vested };
}

/** The participant's state at the end of `date`, or undefined when it was not hired by then. */
export function stateAsOf(log: EventLog, scenarioId: string, employeeId: string, date: IsoDate, run = replayableRun(log, scenarioId)): ParticipantState | undefined {
  const from = snapshotAt(log, scenarioId, employeeId, date);
  if (from === undefined) return undefined;
  const p = replayParticipant(run.envOf, from, loggedYears(log, scenarioId, employeeId, from.year, date), { until: date, lastYear: run.lastYear });
  try {
    return stateOf(p, date);
  } finally {
    p.stop();
  }
}

/** A participant's balance by source at the end of `date` (e.g. every Friday, as the seed system's weekly table). */
export function balancesAsOf(log: EventLog, scenarioId: string, employeeId: string, date: IsoDate): Partial<Record<ContributionSource, Cents>> {
  const s = stateAsOf(log, scenarioId, employeeId, date);
  if (s === undefined) return {};
  const out: Partial<Record<ContributionSource, Cents>> = {};
  for (const [k, v] of Object.entries(s.balances)) if (v !== undefined && v !== 0) out[k as ContributionSource] = v;
  return out;
}

export interface ReplayReport {
  readonly participants: number;
  readonly snapshotsCompared: number;
  readonly differences: readonly ReplayDifference[];
}

/**
 * Replays every participant of a scenario from its first snapshot (taken at its hire) through
 * fresh actors, comparing every derived event with the log and every year-end state with the
 * stored snapshot, through the end of `until`.
 */
export function replayScenario(log: EventLog, scenarioId: string, until?: IsoDate, run: ReplayableRun = replayableRun(log, scenarioId)): ReplayReport {
  const differences: ReplayDifference[] = [];
  let participants = 0;
  let snapshotsCompared = 0;
  for (const employeeId of participantIds(log, scenarioId)) {
    const first = firstSnapshotOf(log.dbs.snapshots, scenarioId, employeeId);
    if (first === undefined) {
      differences.push({ employeeId, date: '', what: 'no snapshot at hire to replay from' });
      continue;
    }
    const from = storedSnapshot(first.value);
    participants++;
    const p = replayParticipant(run.envOf, from, loggedYears(log, scenarioId, employeeId, from.year), {
      ...(until === undefined ? {} : { until }),
      lastYear: run.lastYear,
      differences,
      expectSnapshot: (date) => {
        const s = snapshotAt(log, scenarioId, employeeId, date);
        if (s === undefined || log.snapshotAtOrBefore(scenarioId, employeeId, date)?.date !== date) return undefined;
        snapshotsCompared++;
        return s;
      },
    });
    p.stop();
  }
  return { participants, snapshotsCompared, differences };
}

