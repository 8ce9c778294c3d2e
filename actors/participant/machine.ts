/**
 * The participant machine (xstate v5): where a person is, from hire to a settled account.
 *
 *   employed:    notEligible ──▶ eligible ──▶ deferring ◀─▶ atZero (opted out: enrolled at 0 %)
 *                      │             │            │            │
 *                      └─────────────┴──(termination)──────────┘
 *                                         ▼
 *   terminated:                    forfeitureDone ──(year closed)──▶ settled
 *
 * The machine is created by the hire (its input). Lifecycle inputs and the calendar (ADVANCE
 * to a date, which runs pay dates in bulk by the rules) are its events; the states follow the
 * context through guarded eventless transitions, because the calendar can make an employee
 * eligible or enrolled inside one event. Derived events are left in `context.p.outbox`, which
 * every transition replaces; an illegal event leaves the context as it was, with `refusal`.
 *
 * The states are flat, not nested under `employed`/`terminated`/`enrolled`: xstate walks every
 * active state node and its ancestors on each transition (exit and entry sets, eventless
 * guards, the state value of each snapshot it builds), and two active nodes instead of four
 * are a tenth of a participant-year on the bulk path. The grouping lives on as each state's
 * {@link statePath} (`employed.enrolled.deferring`), which messages and reports show.
 *
 * The machine's context wraps the participant's state in one field (`{ p }`): xstate merges an
 * assignment into a fresh context object, and merging one field instead of thirty is most of
 * the cost of a transition on the bulk path.
 */
import { assign, setup } from 'xstate';
import type { IsoDate } from '../../rules/calendar.js';
import type { Cents } from '../../rules/units.js';
import type { DerivedEvent, PayloadOf } from '../events/index.js';
import type { ParticipantContext } from './context.js';
import { Phase, YearFlag, compareDayPhase, quiet, workingCopy } from './context.js';
import type { ParticipantEnvironment } from './environment.js';
import type { HireInput } from './inputs.js';
import { advanceContext, applyInput, hiredContext, refusalOf } from './inputs.js';
import { allocateForfeiture } from './year-end.js';

/** Bumped whenever the context's shape or meaning, or the states, change; snapshots carry it (2: flat states). */
export const PARTICIPANT_MACHINE_VERSION = 2;

type Lifecycle<K extends 'merit' | 'promotion' | 'enrollment' | 'enrollment_change' | 'termination'> = DerivedEvent & {
  readonly payload: PayloadOf<K>;
};

export type ParticipantEvent =
  | { readonly type: 'HIRE'; readonly event: DerivedEvent }
  | { readonly type: 'MERIT'; readonly event: Lifecycle<'merit'> }
  | { readonly type: 'PROMOTION'; readonly event: Lifecycle<'promotion'> }
  | { readonly type: 'ENROLL'; readonly event: Lifecycle<'enrollment'> }
  | { readonly type: 'CHANGE_ELECTION'; readonly event: Lifecycle<'enrollment_change'> }
  | { readonly type: 'TERMINATE'; readonly event: Lifecycle<'termination'> }
  /** Run the calendar through the end of `to` (pay dates, anniversaries, Dec 31 true-up). */
  | { readonly type: 'ADVANCE'; readonly to: IsoDate }
  /** The plan hands out a forfeiture allocation on Dec 31 (after the true-up). */
  | { readonly type: 'ALLOCATE'; readonly date: IsoDate; readonly amount: Cents };

/** The machine's context: the participant's state, in one field (see the file comment). */
export interface MachineContext {
  readonly p: ParticipantContext;
}


/** The machine event that carries an interchange input event of a given type. */
export const INPUT_EVENT_TYPES = {
  hire: 'HIRE',
  merit: 'MERIT',
  promotion: 'PROMOTION',
  enrollment: 'ENROLL',
  enrollment_change: 'CHANGE_ELECTION',
  termination: 'TERMINATE',
} as const;

/** Each state's place in the lifecycle, as messages and reports name it (the states are flat: see the file comment). */
const STATE_PATHS: Readonly<Record<string, string>> = {
  notEligible: 'employed.notEligible',
  eligible: 'employed.eligible',
  deferring: 'employed.enrolled.deferring',
  atZero: 'employed.enrolled.atZero',
  forfeitureDone: 'terminated.forfeitureDone',
  settled: 'terminated.settled',
};

/** A state value as messages and reports name it: `employed.enrolled.deferring`. */
export const statePath = (value: unknown): string => (typeof value === 'string' ? (STATE_PATHS[value] ?? value) : JSON.stringify(value));

/** The state named by a lifecycle path (`employed.enrolled.deferring` → `deferring`), if any. */
export const stateAtPath = (path: string): string | undefined => STATE_AT_PATH.get(path);
const STATE_AT_PATH = new Map(Object.entries(STATE_PATHS).map(([state, path]) => [path, state]));

const eventOf = (e: ParticipantEvent): DerivedEvent | undefined => ('event' in e ? e.event : undefined);

/** What every employed state takes: the calendar, the lifecycle inputs, a forfeiture allocation. */
const WHILE_EMPLOYED = {
  ADVANCE: { actions: 'advance' },
  MERIT: { actions: 'lifecycle' },
  PROMOTION: { actions: 'lifecycle' },
  ENROLL: { actions: 'lifecycle' },
  CHANGE_ELECTION: { actions: 'lifecycle' },
  TERMINATE: { actions: 'lifecycle' },
  ALLOCATE: { actions: 'allocate' },
} as const;

/** An employed state's first eventless transition: a termination ends employment, whatever the state. */
const TO_TERMINATED = { guard: 'isTerminated', target: 'forfeitureDone' } as const;

/** Builds the participant machine for one run: the environment (plan design, start) is shared by all participants. */
export function participantMachine(env: ParticipantEnvironment) {
  return setup({
    types: {
      context: {} as MachineContext,
      events: {} as ParticipantEvent,
      input: {} as HireInput,
    },
    guards: {
      isTerminated: ({ context: { p } }) => p.termination !== null,
      isEligible: ({ context: { p } }) => p.eligibilityAnnounced,
      isEnrolled: ({ context: { p } }) => p.enrollment !== null,
      isAtZero: ({ context: { p } }) => p.enrollment !== null && p.enrollment.preTax === 0 && p.enrollment.roth === 0,
      isDeferring: ({ context: { p } }) => p.enrollment !== null && (p.enrollment.preTax > 0 || p.enrollment.roth > 0),
      isYearClosed: ({ context: { p } }) =>
        (p.yearFlags & YearFlag.closed) !== 0 && compareDayPhase(p.cursor, p.termination!.date, Phase.termination) >= 0,
    },
    actions: {
      lifecycle: assign(({ context: { p }, event, self }) => {
        if (!('event' in event) || event.type === 'HIRE') return { p };
        return { p: applyInput(p, env, event.event as Lifecycle<'merit'>, () => statePath(self.getSnapshot().value)) };
      }),
      advance: assign(({ context: { p }, event }) => {
        if (event.type !== 'ADVANCE') return { p };
        if (compareDayPhase(p.cursor, event.to, Phase.yearEnd) >= 0) return { p: quiet(p) };
        return { p: advanceContext(p, env, event.to) };
      }),
      allocate: assign(({ context: { p }, event }) => {
        if (event.type !== 'ALLOCATE') return { p };
        const w = workingCopy(p);
        allocateForfeiture(w, env, event.date, event.amount);
        return { p: w };
      }),
      quiet: assign(({ context: { p } }) => ({ p: quiet(p) })),
      refuse: assign(({ context: { p }, event, self }) => ({
        p: { ...p, outbox: [], refusal: refusalOf(p, eventOf(event), event.type, statePath(self.getSnapshot().value)) },
      })),
    },
  }).createMachine({
    id: 'participant',
    context: ({ input }) => ({ p: hiredContext(input, env) }),
    initial: 'notEligible',
    states: {
      notEligible: { always: [TO_TERMINATED, { guard: 'isEligible', target: 'eligible' }], on: WHILE_EMPLOYED },
      eligible: { always: [TO_TERMINATED, { guard: 'isEnrolled', target: 'deferring' }], on: WHILE_EMPLOYED },
      deferring: { always: [TO_TERMINATED, { guard: 'isAtZero', target: 'atZero' }], on: WHILE_EMPLOYED },
      atZero: { always: [TO_TERMINATED, { guard: 'isDeferring', target: 'deferring' }], on: WHILE_EMPLOYED },
      forfeitureDone: {
        always: { guard: 'isYearClosed', target: 'settled' },
        on: { ADVANCE: { actions: 'advance' } },
      },
      /** The year of the termination is closed: nothing more can happen to this participant. */
      settled: { on: { ADVANCE: { actions: 'quiet' } } },
    },
    on: { '*': { actions: 'refuse' } },
  });
}

export type ParticipantMachine = ReturnType<typeof participantMachine>;
