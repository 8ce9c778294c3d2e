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
import type { ParticipantSnapshot, YearSummary } from '../actors/participant/participant.js';
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
  /** Ordinals (within `events`) of the input events; the others were derived. */
  readonly inputs: readonly number[];
}

export interface YearResult {
  readonly year: number;
  /** Participants hired this year, each as it stood right after its hire (where replay starts). */
  readonly hires: readonly HireSnapshot[];
  readonly segments: readonly YearSegment[];
  readonly summaries: readonly YearSummary[];
  readonly plan: PlanYear;
}

export function startRun(env: ParticipantEnvironment): RunState {
  const plan = createActor(planMachine(env.plan));
  plan.start();
  return { env, participants: new Map(), plan };
}

export const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Where a year finds its participants and puts its hires: a Map of live ones, or a host's roster (parallel/roster.ts). */
export interface Participants {
  keys(): Iterable<string>;
  get(employeeId: string): Participant | undefined;
  set(employeeId: string, p: Participant): unknown;
}

/**
 * Feeds one participant's inputs of the year, in order; a hire creates the participant.
 * Records where each input event lands in `out`, so the log can tell inputs from derived
 * events (replay feeds the inputs again and expects the rest).
 */
function feed(
  participants: Participants,
  env: ParticipantEnvironment,
  employeeId: string,
  inputs: readonly Input[],
  out: DerivedEvent[],
  inputAt: number[],
  hired: (h: HireSnapshot) => void,
): void {
  for (const { event, census } of inputs) {
    const p = participants.get(employeeId);
    const from = out.length;
    if (p === undefined) {
      if (event.payload.eventType !== 'hire') {
        throw new RefusedEventError(
          `${employeeId}: ${event.payload.eventType} on ${event.effectiveDate} refused: unknown participant (no hire before it)`,
        );
      }
      const joined = Participant.hire(env, event, census);
      participants.set(employeeId, joined);
      out.push(...joined.drain());
      // The state right after the hire: replay starts here (it holds the census facts no event carries).
      hired({ employeeId, snapshot: joined.snapshot(), through: out.length });
    } else {
      out.push(...p.input(event));
    }
    const at = out.indexOf(event, from);
    if (at >= 0) inputAt.push(at);
  }
}

/** A participant's state right after its hire, and how many of its year's events that reflects. */
export interface HireSnapshot {
  readonly employeeId: string;
  readonly snapshot: ParticipantSnapshot;
  readonly through: number;
}

/** A hire snapshot as the log stores it (storage/replay.ts `storedSnapshot` reads it back): replay starts there. */
export function storedHire(year: number, h: HireSnapshot): { readonly employeeId: string; readonly date: string; readonly value: { participant: ParticipantSnapshot; year: number; through: number } } {
  return { employeeId: h.employeeId, date: h.snapshot.context.cursor.date, value: { participant: h.snapshot, year, through: h.through } };
}

/** What the participants of one year produced before the plan-level year end. */
export interface ParticipantsYear {
  /** The state of each participant hired this year, right after its hire (empty when a `hired` sink took them). */
  readonly hires: HireSnapshot[];
  /** Each participant's events of the year, by employee id, ascending (empty when a `close` sink took them). */
  readonly blocks: Map<string, DerivedEvent[]>;
  /** Positions of the input events within each block. */
  readonly inputs: Map<string, number[]>;
  readonly summaries: YearSummary[];
}

/**
 * Takes a participant's events of the year as soon as its calendar reached Dec 31, so a caller
 * that stores them (a partition host encodes them for the log) does not hold a whole year of
 * event objects: at 100,000 participants those were most of a run's memory.
 */
export type CloseParticipantYear = (employeeId: string, events: DerivedEvent[], inputs: number[]) => void;

/** Which employees {@link participantsYear} runs, and where it reports progress and hands over what it produces as it goes. */
export interface ParticipantsYearOptions {
  readonly progress?: (done: number, total: number) => void;
  /** Each participant's events of the year, in employee-id order, instead of `blocks`. */
  readonly close?: CloseParticipantYear;
  /**
   * Each hire's snapshot the moment it is taken, instead of `hires`: a host stores it as its
   * record at once rather than keep the first year's census of context objects alive all year
   * (each shares its nested objects with a state the participant has long moved past).
   */
  readonly hired?: (h: HireSnapshot) => void;
  /**
   * Run only the employees `inputs` has, not every participant: a partition host runs its
   * participants before the year's hires are known, and the hires (with what they hold back)
   * after.
   */
  readonly onlyInputs?: boolean;
}

/**
 * The participant part of plan year `year`, for any subset of the workforce (a partition):
 * each participant's inputs through its machine, then the calendar to Dec 31.
 */
export function participantsYear(
  participants: Participants,
  env: ParticipantEnvironment,
  year: number,
  inputs: ReadonlyMap<string, readonly Input[]>,
  opts: ParticipantsYearOptions = {},
): ParticipantsYear {
  const { progress, close } = opts;
  const yearEnd = dec31(year);
  const blocks = new Map<string, DerivedEvent[]>();
  const inputAt = new Map<string, number[]>();
  const ids = (opts.onlyInputs === true ? [...inputs.keys()] : [...new Set<string>([...participants.keys(), ...inputs.keys()])]).sort(byId);
  const summaries: YearSummary[] = [];
  const hires: HireSnapshot[] = [];
  const hired = opts.hired ?? ((h: HireSnapshot) => hires.push(h));
  let done = 0;
  for (const id of ids) {
    if (progress !== undefined && ++done % 1024 === 0) progress(done, ids.length);
    let out: DerivedEvent[] = [];
    const at: number[] = [];
    const mine = inputs.get(id) ?? [];
    try {
      feed(participants, env, id, mine, out, at, hired);
      const p = participants.get(id)!;
      const rest = p.advance(yearEnd);
      // Without inputs, the year is this one list (handed over: the participant keeps no reference to it).
      if (out.length === 0 && rest.length > 0) out = rest as DerivedEvent[];
      else for (let i = 0; i < rest.length; i++) out.push(rest[i]!);
      summaries.push(p.yearSummary());
    } catch (e) {
      // A refusal already names the participant and the event; anything else gets them added.
      if (e instanceof RefusedEventError || !(e instanceof Error)) throw e;
      const last = at.length < mine.length ? mine[at.length]?.event : undefined;
      const what = last === undefined ? `the calendar to ${yearEnd}` : `${last.payload.eventType} on ${last.effectiveDate}`;
      throw new Error(`${id}: ${what} failed: ${e.message}`, { cause: e });
    }
    if (close !== undefined) {
      close(id, out, at);
      continue;
    }
    blocks.set(id, out);
    if (at.length > 0) inputAt.set(id, at);
  }
  return { blocks, inputs: inputAt, summaries, hires };
}

/**
 * Hands the plan's forfeiture allocations to the participants (those of this subset); each
 * participant's resulting events go to `take`. Returns what they took.
 */
export function allocateForfeitures(
  participants: Pick<Participants, 'get'>,
  year: number,
  proposals: readonly { readonly employeeId: string; readonly amount: Cents }[],
  take: (employeeId: string, given: readonly DerivedEvent[]) => void,
): Cents {
  let total = 0;
  for (const { employeeId, amount } of proposals) {
    const p = participants.get(employeeId);
    if (p === undefined) continue;
    const given = p.allocate(dec31(year), amount);
    for (const e of given) if (e.payload.eventType === 'contribution') total += e.payload.amount;
    if (given.length > 0) take(employeeId, given);
  }
  return total as Cents;
}

/** The participant-year segments of a year in log order (employee ids ascending). */
export function segmentsOf(year: number, py: ParticipantsYear): YearSegment[] {
  const segments: YearSegment[] = [];
  for (const [employeeId, events] of py.blocks) {
    if (events.length > 0) segments.push({ employeeId, year, events, inputs: py.inputs.get(employeeId) ?? [] });
  }
  return segments;
}

/** Stops and forgets participants whose story is over (terminated, year closed). */
export function dropSettled(participants: Map<string, Participant>): void {
  for (const [id, p] of participants) {
    if (p.settled) {
      p.stop();
      participants.delete(id);
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
  const py = participantsYear(state.participants, state.env, year, inputs, progress === undefined ? {} : { progress });
  state.plan.send({ type: 'YEAR_END', year, summaries: py.summaries });
  const closing = state.plan.getSnapshot();
  const planEvents = closing.context.outbox;
  if (closing.matches('allocating')) {
    const total = allocateForfeitures(state.participants, year, closing.context.proposals, (id, given) => py.blocks.get(id)!.push(...given));
    state.plan.send({ type: 'ALLOCATED', total });
  }
  const planYears = state.plan.getSnapshot().context.years;
  const segments = segmentsOf(year, py);
  if (planEvents.length > 0) segments.push({ employeeId: null, year, events: planEvents, inputs: [] });
  dropSettled(state.participants);
  return { year, hires: py.hires, segments, summaries: py.summaries, plan: planYears[planYears.length - 1]! };
}
