/**
 * The simulation of a scenario, year by year, in process: the census and scripted events, and
 * (when the scenario has one) the workforce model's events, all fed through the same actors.
 * A generator, so a caller can stop after any year, store it, and resume later from a
 * snapshot of the run state (participants and plan).
 */
import { createActor } from 'xstate';
import type { Actor } from 'xstate';
import { jan1 } from '../rules/calendar.js';
import type { BasisPoints } from '../rules/units.js';
import type { DerivedEvent } from '../actors/events/index.js';
import { participantEnvironment } from '../actors/participant/environment.js';
import type { ParticipantEnvironment } from '../actors/participant/environment.js';
import type { ParticipantContext } from '../actors/participant/context.js';
import { employedOn } from '../actors/participant/context.js';
import { compensationOn } from '../actors/participant/pay-date.js';
import { Participant } from '../actors/participant/participant.js';
import type { ParticipantSnapshot } from '../actors/participant/participant.js';
import { planMachine } from '../actors/plan/machine.js';
import type { PlanContext, PlanMachine } from '../actors/plan/machine.js';
import type { Scenario } from './scenario.js';
import { scriptedInputs } from './inputs.js';
import type { YearInputs } from './inputs.js';
import type { RunState, YearResult } from './year-loop.js';
import { runYear, startRun } from './year-loop.js';
import { fromCensusRow, workforceYear } from './workforce/index.js';
import type { WorkforceEmployee } from './workforce/index.js';

/** What a run needs to continue after a year end: every live participant and the plan. */
export interface RunSnapshot {
  readonly year: number;
  readonly participants: readonly ParticipantSnapshot[];
  readonly plan: PlanContext;
}

/** The workforce model's view of a live participant on Jan 1 of `year`. */
export function workforceEmployee(ctx: ParticipantContext, year: number, startDate: ReturnType<typeof jan1>): WorkforceEmployee {
  const e = ctx.enrollment;
  const census = ctx.censusElection;
  const base = {
    employeeId: ctx.employeeId,
    birthDate: ctx.birthDate,
    hireDate: ctx.hireDate,
    jobLevel: ctx.jobLevel,
    annualCompensation: compensationOn(ctx, jan1(year)),
    eligibilityDate: ctx.eligibility.plan,
    enrolled: e !== null || census !== null,
    enrollmentSource: e !== null ? e.source : census !== null ? ('voluntary' as const) : null,
    preTaxRate: e?.preTax ?? census?.preTax ?? (0 as BasisPoints),
    rothRate: e?.roth ?? census?.roth ?? (0 as BasisPoints),
    optedOut: ctx.optedOut,
  };
  if (e === null && census !== null) {
    const on = ctx.eligibility.plan > startDate ? ctx.eligibility.plan : startDate;
    return { ...base, enrollmentDate: on };
  }
  return base;
}

/**
 * Merges two per-employee input lists of one year, by date; on a tie the first list's event
 * comes first. The lists of employees without events are shared, not copied (no input list is
 * changed once built): in a first year they are the whole census.
 */
export function mergeByDate(a: YearInputs, events: readonly DerivedEvent[]): YearInputs {
  const out: YearInputs = new Map(a);
  const byEmployee = new Map<string, DerivedEvent[]>();
  // The model's events come employee by employee: a run of one employee's is looked up once.
  let lastId: string | undefined;
  let list: DerivedEvent[] = [];
  for (const e of events) {
    const id = e.employeeId!;
    if (id !== lastId) {
      lastId = id;
      const known = byEmployee.get(id);
      if (known === undefined) byEmployee.set(id, (list = []));
      else list = known;
    }
    list.push(e);
  }
  for (const [id, generated] of byEmployee) {
    const scripted = out.get(id) ?? [];
    const merged = [];
    let i = 0;
    for (const g of generated) {
      while (i < scripted.length && scripted[i]!.event.effectiveDate <= g.effectiveDate) merged.push(scripted[i++]!);
      merged.push({ event: g });
    }
    while (i < scripted.length) merged.push(scripted[i++]!);
    out.set(id, merged);
  }
  return out;
}

/** The inputs of `year`: scripted (with the census in the first year) and the workforce model's. */
function inputsOf(scenario: Scenario, state: RunState, scripted: Map<number, YearInputs>, year: number): YearInputs {
  const own = scripted.get(year) ?? new Map();
  if (scenario.workforce === null) return own;
  const start = jan1(scenario.startYear);
  const yearStart = jan1(year);
  const employees: WorkforceEmployee[] =
    year === scenario.startYear
      ? scenario.census.map((row) => fromCensusRow(row, scenario.plan, scenario.startYear))
      : [...state.participants.values()]
          .map((p) => p.context)
          .filter((c) => employedOn(c, yearStart) && c.termination === null)
          .map((c) => workforceEmployee(c, year, start));
  const ctx = { model: scenario.workforce, plan: scenario.plan, seed: scenario.seed, startYear: scenario.startYear };
  return mergeByDate(own, workforceYear(ctx, year, employees));
}

/** A simulated year, and a way to capture the run's state right after it (for snapshots and resume). */
export interface SimulatedYear extends YearResult {
  snapshot(): RunSnapshot;
}

/** Runs the scenario's years from its start, or after the year a snapshot was taken at. */
export function* simulate(
  scenario: Scenario,
  from?: RunSnapshot,
  progress?: (year: number, done: number, total: number) => void,
): Generator<SimulatedYear, void, undefined> {
  const env = participantEnvironment(scenario.plan, scenario.startYear);
  let state: RunState = startRun(env);
  let first = scenario.startYear;
  if (from !== undefined) {
    state = restoreRun(state, from);
    first = from.year + 1;
  }
  const scripted = scriptedInputs(scenario.census, scenario.events, scenario.startYear, scenario.years);
  for (let year = first; year < scenario.startYear + scenario.years; year++) {
    const result = runYear(state, year, inputsOf(scenario, state, scripted, year), progress && ((done, total) => progress(year, done, total)));
    const live = state;
    yield {
      ...result,
      snapshot: () => ({
        year,
        participants: [...live.participants.values()].map((p) => p.snapshot()),
        plan: live.plan.getSnapshot().context,
      }),
    };
  }
}

/** The plan actor as it was after a year end (its context from a snapshot), running again. */
export function restorePlan(env: ParticipantEnvironment, context: PlanContext): Actor<PlanMachine> {
  const plan = createActor(planMachine(env.plan), {
    snapshot: { status: 'active', value: 'open', context, children: {}, historyValue: {} } as never,
  });
  plan.start();
  return plan;
}

function restoreRun(fresh: RunState, snap: RunSnapshot): RunState {
  fresh.plan.stop();
  const plan = restorePlan(fresh.env, snap.plan);
  const participants = new Map<string, Participant>();
  for (const s of snap.participants) participants.set(s.context.employeeId, Participant.restore(fresh.env, s));
  return { env: fresh.env, participants, plan };
}
