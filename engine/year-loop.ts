/**
 * One plan year of a run (DESIGN.md "The run"): every participant's inputs of the year through
 * its machine, the calendar to Dec 31, then the plan-level year end (forfeiture reallocation,
 * ADP/ACP). The output is one segment per participant-year, in employee-id order, then the
 * plan's segment: the log's sequence order (CONTRACTS.md reading 11), whatever produced the
 * inputs (scripted events, the census, the workforce model): one path for all of them.
 */
import { createActor } from 'xstate';
import type { Actor } from 'xstate';
import { dec31 } from '../rules/calendar.js';
import type { Cents } from '../rules/units.js';
import type { DerivedEvent } from '../actors/events/index.js';
import type { ParticipantEnvironment } from '../actors/participant/environment.js';
import type { CensusFacts } from '../actors/participant/inputs.js';
import { Participant, RefusedEventError } from '../actors/participant/participant.js';
import type { YearSummary } from '../actors/participant/participant.js';
import { planMachine } from '../actors/plan/machine.js';
import type { PlanMachine, PlanYear } from '../actors/plan/machine.js';

/** An input event for a participant; a census hire carries the census row's extra facts. */
export interface Input {
  readonly event: DerivedEvent;
  readonly census?: CensusFacts;
}

/** The live state of a run between years. */
export interface RunState {
  readonly env: ParticipantEnvironment;
  readonly participants: Map<string, Participant>;
  readonly plan: Actor<PlanMachine>;
}

export interface YearSegment {
  readonly employeeId: string | null;
  readonly year: number;
  readonly events: readonly DerivedEvent[];
}

export interface YearResult {
  readonly year: number;
  readonly segments: readonly YearSegment[];
  readonly summaries: readonly YearSummary[];
  readonly plan: PlanYear;
}

export function startRun(env: ParticipantEnvironment): RunState {
  const plan = createActor(planMachine(env.plan));
  plan.start();
  return { env, participants: new Map(), plan };
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Feeds one participant's inputs of the year, in order; a hire creates the participant. */
function feed(state: RunState, employeeId: string, inputs: readonly Input[], out: DerivedEvent[]): void {
  for (const { event, census } of inputs) {
    const p = state.participants.get(employeeId);
    if (p === undefined) {
      if (event.payload.eventType !== 'hire') {
        throw new RefusedEventError(
          `${employeeId}: ${event.payload.eventType} on ${event.effectiveDate} refused: unknown participant (no hire before it)`,
        );
      }
      const hired = Participant.hire(state.env, event, census);
      state.participants.set(employeeId, hired);
      out.push(...hired.drain());
    } else {
      out.push(...p.input(event));
    }
  }
}

/** Runs plan year `year`: `inputs` holds each employee's input events of that year, in date order. */
export function runYear(
  state: RunState,
  year: number,
  inputs: ReadonlyMap<string, readonly Input[]>,
  progress?: (done: number, total: number) => void,
): YearResult {
  const yearEnd = dec31(year);
  const blocks = new Map<string, DerivedEvent[]>();
  const ids = [...new Set<string>([...state.participants.keys(), ...inputs.keys()])].sort(byId);
  const summaries: YearSummary[] = [];
  let done = 0;
  for (const id of ids) {
    if (progress !== undefined && ++done % 1024 === 0) progress(done, ids.length);
    const out: DerivedEvent[] = [];
    feed(state, id, inputs.get(id) ?? [], out);
    const p = state.participants.get(id)!;
    out.push(...p.advance(yearEnd));
    summaries.push(p.yearSummary());
    blocks.set(id, out);
  }

  state.plan.send({ type: 'YEAR_END', year, summaries });
  const closing = state.plan.getSnapshot();
  const planEvents = closing.context.outbox;
  if (closing.matches('allocating')) {
    let total = 0;
    for (const { employeeId, amount } of closing.context.proposals) {
      const given = state.participants.get(employeeId)!.allocate(yearEnd, amount);
      for (const e of given) if (e.payload.eventType === 'contribution') total += e.payload.amount;
      blocks.get(employeeId)!.push(...given);
    }
    state.plan.send({ type: 'ALLOCATED', total: total as Cents });
  }
  const planYears = state.plan.getSnapshot().context.years;
  const planYear = planYears[planYears.length - 1]!;

  const segments: YearSegment[] = [];
  for (const [employeeId, events] of blocks) if (events.length > 0) segments.push({ employeeId, year, events });
  if (planEvents.length > 0) segments.push({ employeeId: null, year, events: planEvents });
  for (const [id, p] of state.participants) {
    if (p.settled) {
      p.stop();
      state.participants.delete(id);
    }
  }
  return { year, segments, summaries, plan: planYear };
}
