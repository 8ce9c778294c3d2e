/**
 * A live participant: the participant machine (xstate v5) and its current snapshot, with what
 * drivers need around it — feed an interchange event, move the calendar, collect what was
 * derived, refuse loudly, and persist or restore the state as a small versioned value.
 *
 * Each event goes through the machine's own transition function (`machine.transition`, what
 * an xstate actor calls on `send`), with one inert actor scope per machine instead of an
 * Actor per participant: a run holds 100,000 participants between events, and an Actor (its
 * own actor system, mailbox, observers) was most of a participant's heap and of its cost per
 * event. The machine, its guards, states and eventless transitions are the same.
 */
import { createActor } from 'xstate';
import type { AnyActorScope, SnapshotFrom } from 'xstate';
import type { IsoDate } from '../../rules/calendar.js';
import { dec31, jan1, maxDate, minDate } from '../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import type { DerivedEvent } from '../events/index.js';
import type { ParticipantContext } from './context.js';
import { YearFlag, quiet } from './context.js';
import type { ParticipantEnvironment } from './environment.js';
import type { CensusFacts } from './inputs.js';
import type { ParticipantEvent, ParticipantMachine } from './machine.js';
import { INPUT_EVENT_TYPES, PARTICIPANT_MACHINE_VERSION, participantMachine, stateAtPath } from './machine.js';

/** Thrown for an input the participant refuses; the message names employee, event, reason and state. */
export class RefusedEventError extends Error {
  override readonly name = 'RefusedEventError';
}

/** A participant's state as stored: the machine version, the state value and the context. */
export interface ParticipantSnapshot {
  readonly machineVersion: number;
  readonly value: unknown;
  readonly context: ParticipantContext;
}

/** What the plan needs of a participant at year end (RULES.md §8, §10), without its internals. */
export interface YearSummary {
  readonly employeeId: string;
  readonly year: number;
  readonly employedOnDec31: boolean;
  readonly eligibleInYear: boolean;
  readonly matchEligibleInYear: boolean;
  readonly isHce: boolean;
  readonly planComp: Cents;
  readonly regularDeferrals: Cents;
  readonly deferralComp: Cents;
  readonly matchContributions: Cents;
  readonly matchComp: Cents;
  readonly employerContributions: Cents;
  readonly employeeContributions: Cents;
  readonly coreContributions: Cents;
  readonly forfeitureAllocations: Cents;
  readonly forfeited: Cents;
  readonly grossPay: Cents;
  /** Employed on Jan 1 of the year (the year's starting headcount). */
  readonly employedOnJan1: boolean;
  readonly hiredInYear: boolean;
  readonly terminatedInYear: boolean;
  /** Eligible, employed and deferring (a positive rate) on Dec 31. */
  readonly eligibleOnDec31: boolean;
  readonly deferringOnDec31: boolean;
  /** Pre-tax + Roth rate on Dec 31 (0 when not enrolled). */
  readonly deferralRate: BasisPoints;
  readonly reached402g: boolean;
}

const NO_EVENTS: readonly DerivedEvent[] = Object.freeze([]);

type MachineSnapshot = SnapshotFrom<ParticipantMachine>;

/** A participant machine and the inert actor scope its transitions run in (as xstate's pure `transition` builds one). */
interface Runner {
  readonly machine: ParticipantMachine;
  readonly scope: AnyActorScope;
  /** The scope's `self`, whose snapshot the machine's actions read (the state a refusal names). */
  readonly self: { _snapshot: unknown };
  /** Restored machine snapshots with no context, by state value (see {@link restored}). */
  readonly restoredStates: Map<string, MachineSnapshot>;
}

const runners = new WeakMap<ParticipantEnvironment, Runner>();
function runnerFor(env: ParticipantEnvironment): Runner {
  let r = runners.get(env);
  if (r === undefined) {
    const machine = participantMachine(env);
    // Created from a snapshot so that no context is built; it is never started.
    const placeholder = { status: 'active', value: 'notEligible', context: { p: null }, children: {}, historyValue: {} };
    const self = createActor(machine, { snapshot: placeholder as never, input: undefined as never });
    const scope = {
      self,
      defer: () => undefined,
      id: '',
      logger: () => undefined,
      sessionId: '',
      stopChild: () => undefined,
      system: self.system,
      emit: () => undefined,
      actionExecutor: () => undefined,
    } as unknown as AnyActorScope;
    r = { machine, scope, self: self as unknown as { _snapshot: unknown }, restoredStates: new Map() };
    runners.set(env, r);
  }
  return r;
}

/**
 * The machine snapshot of a stored state: xstate's `restoreSnapshot` of the state value, once
 * per value, then that snapshot with the stored context. What `restoreSnapshot` does per
 * snapshot beyond that is walk the whole context looking for actor references to revive, and
 * a participant's context is plain data that holds none: restoring 70,000 participants a year
 * (a partition host keeps them at rest between years) spent most of its time on that walk.
 * The parts shared between participants (state nodes, value, tags) are never changed in place:
 * every transition builds new ones.
 */
function restored(runner: Runner, value: unknown, context: ParticipantContext): MachineSnapshot {
  const key = typeof value === 'string' ? value : JSON.stringify(value);
  let state = runner.restoredStates.get(key);
  if (state === undefined) {
    const persisted = { status: 'active', value, context: { p: null }, children: {}, historyValue: {} };
    state = runner.machine.restoreSnapshot(persisted as never, runner.scope) as MachineSnapshot;
    runner.restoredStates.set(key, state);
  }
  return { ...state, context: { p: context } };
}

/** A nested state value (machine version 1) as its path: `{ employed: { enrolled: 'deferring' } }` → `employed.enrolled.deferring`. */
const nestedPath = (value: unknown): string =>
  typeof value === 'string' || value === null || typeof value !== 'object'
    ? String(value)
    : Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}.${nestedPath(v)}`).join(',');

/**
 * A stored snapshot as this machine version reads it. Version 1 nested the same states under
 * `employed`, `enrolled` and `terminated`, with the same context: its snapshots (logs written
 * before the states were flattened) read as version 2, so they restore and replay compares
 * them. Any other version is left as it is, for {@link Participant.restore} to refuse.
 */
export function currentSnapshot(s: ParticipantSnapshot): ParticipantSnapshot {
  if (s.machineVersion !== 1) return s;
  const state = stateAtPath(nestedPath(s.value));
  return state === undefined ? s : { machineVersion: PARTICIPANT_MACHINE_VERSION, value: state, context: s.context };
}

/** A snapshot the machine ended in with an error (a rule threw while building it) is thrown, as an actor would report it. */
function checked(snap: MachineSnapshot): MachineSnapshot {
  if (snap.status === 'error') throw snap.error;
  return snap;
}

export class Participant {
  private constructor(
    private readonly runner: Runner,
    private snap: MachineSnapshot,
    readonly employeeId: string,
  ) {}

  /** Hires a participant; the hire and what it causes are in `drain()`. */
  static hire(env: ParticipantEnvironment, event: DerivedEvent, census?: CensusFacts): Participant {
    if (event.payload.eventType !== 'hire' || event.employeeId === undefined) {
      throw new TypeError('Participant.hire needs a hire event with an employeeId');
    }
    const input = census === undefined ? { event: event as never } : { event: event as never, census };
    const runner = runnerFor(env);
    return new Participant(runner, checked(runner.machine.getInitialSnapshot(runner.scope, input)), event.employeeId);
  }

  /** Restores a participant from a snapshot; refuses snapshots of another machine version. */
  static restore(env: ParticipantEnvironment, stored: ParticipantSnapshot): Participant {
    const snapshot = currentSnapshot(stored);
    if (snapshot.machineVersion !== PARTICIPANT_MACHINE_VERSION) {
      throw new RangeError(
        `participant snapshot of machine version ${snapshot.machineVersion} cannot be restored by version ${PARTICIPANT_MACHINE_VERSION}; replay the log to rebuild it`,
      );
    }
    const runner = runnerFor(env);
    return new Participant(runner, restored(runner, snapshot.value, snapshot.context), snapshot.context.employeeId);
  }

  get context(): ParticipantContext {
    return this.snap.context.p;
  }

  /** The state value, e.g. `'deferring'` (machine.ts `statePath` names it `employed.enrolled.deferring`). */
  get state(): unknown {
    return this.snap.value;
  }

  get settled(): boolean {
    return this.snap.value === 'settled';
  }

  /** Sends an interchange input event (merit, promotion, enrollment, enrollment_change, termination, hire). */
  input(event: DerivedEvent): readonly DerivedEvent[] {
    const type = (INPUT_EVENT_TYPES as Record<string, ParticipantEvent['type']>)[event.payload.eventType];
    if (type === undefined) {
      throw new RefusedEventError(
        `${this.employeeId}: ${event.payload.eventType} on ${event.effectiveDate} refused: ${event.payload.eventType} events are derived by the engine, not inputs`,
      );
    }
    return this.send({ type, event } as ParticipantEvent);
  }

  /** Runs the calendar through the end of `date`. */
  advance(date: IsoDate): readonly DerivedEvent[] {
    return this.send({ type: 'ADVANCE', to: date });
  }

  allocate(date: IsoDate, amount: Cents): readonly DerivedEvent[] {
    return this.send({ type: 'ALLOCATE', date, amount });
  }

  /** The events derived by the hire or the last event sent, handed over once. */
  drain(): readonly DerivedEvent[] {
    const ctx = this.context as { outbox: readonly DerivedEvent[] };
    const out = ctx.outbox;
    // The outbox is handed over, not kept: a live participant holds no events between
    // transitions (heap per participant). Every transition builds a fresh context object, so
    // this touches no earlier snapshot.
    if (out.length > 0) ctx.outbox = NO_EVENTS;
    return out;
  }

  private send(e: ParticipantEvent): readonly DerivedEvent[] {
    const { machine, scope, self } = this.runner;
    self._snapshot = this.snap;
    this.snap = checked(machine.transition(this.snap, e, scope));
    const refusal = this.context.refusal;
    if (refusal !== null) throw new RefusedEventError(refusal);
    return this.drain();
  }

  snapshot(): ParticipantSnapshot {
    const s = this.snap;
    return { machineVersion: PARTICIPANT_MACHINE_VERSION, value: s.value, context: quiet(s.context.p) };
  }

  /** The year's figures the plan needs, valid after the calendar ran through Dec 31 of the year. */
  yearSummary(): YearSummary {
    const c = this.context;
    const end = dec31(c.year);
    const lastDay = c.termination === null ? end : minDate(c.termination.date, end);
    const firstDay = maxDate(c.hireDate, `${c.year}-01-01` as IsoDate);
    const ytd = c.ytd;
    const regular = ytd.preTax + ytd.roth;
    const rate = c.enrollment === null ? 0 : c.enrollment.preTax + c.enrollment.roth;
    return {
      employeeId: c.employeeId,
      year: c.year,
      employedOnDec31: c.termination === null,
      eligibleInYear: c.eligibility.plan <= lastDay && firstDay <= lastDay,
      matchEligibleInYear: c.eligibility.match <= lastDay && firstDay <= lastDay,
      isHce: c.isHce,
      planComp: ytd.planComp as Cents,
      regularDeferrals: regular as Cents,
      deferralComp: c.deferralComp,
      matchContributions: (ytd.match + ytd.trueUp) as Cents,
      matchComp: c.matchComp,
      employerContributions: (ytd.match + ytd.trueUp + ytd.core) as Cents,
      employeeContributions: (regular + ytd.catchUp) as Cents,
      coreContributions: ytd.core as Cents,
      forfeitureAllocations: ytd.forfeitureAllocation as Cents,
      forfeited: c.forfeitedThisYear,
      grossPay: ytd.grossPay as Cents,
      employedOnJan1: (c.fromCensus || c.hireDate < jan1(c.year)) && (c.termination === null || c.termination.date >= jan1(c.year)),
      hiredInYear: !c.fromCensus && c.hireDate >= jan1(c.year),
      terminatedInYear: c.termination !== null && c.termination.date <= end,
      eligibleOnDec31: c.termination === null && c.eligibility.plan <= end,
      deferringOnDec31: c.termination === null && rate > 0,
      deferralRate: rate as BasisPoints,
      reached402g: (c.yearFlags & YearFlag.reached402g) !== 0,
    };
  }

  /** Nothing to release (no actor runs); kept so drivers can end a participant explicitly. */
  stop(): void {}
}
