/**
 * What a participant machine remembers: exactly what the rules need to derive the next event,
 * as plain JSON-able data so a snapshot is the context itself. Derived facts (age, service,
 * limits) are recomputed, never stored.
 */
import type { IsoDate } from '../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import type { YearToDate } from '../../rules/contribution.js';
import type { TerminationReason } from '../../rules/vesting.js';
import type { ContributionSource, DerivedEvent } from '../events/index.js';

/**
 * The phases of one day, in the order RULES.md and CONTRACTS.md reading 10 fix. A participant
 * has processed everything up to and including its `cursor` (date, phase).
 */
export const Phase = {
  /** Jan 1: year roll, hce_status, escalation, catch-up notice. */
  yearStart: 0,
  /** Eligibility reached (announced before the day's inputs, so an enrollment that day is legal). */
  eligibility: 1,
  /** Input events (hire, merit, promotion, enrollment, enrollment_change). */
  inputs: 2,
  /** Enrollment reached that day: census election or auto-enrollment. */
  entry: 3,
  /** A hire anniversary that changes a vested percentage. */
  vesting: 4,
  /** A pay date. */
  pay: 5,
  /** The termination input and its vesting and forfeitures. */
  termination: 6,
  /** Dec 31: the match true-up; then plan-level allocations. */
  yearEnd: 7,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export interface DayPhase {
  readonly date: IsoDate;
  readonly phase: Phase;
}

export interface Enrollment {
  readonly date: IsoDate;
  readonly preTax: BasisPoints;
  readonly roth: BasisPoints;
  readonly source: 'auto' | 'voluntary';
}

/** Bits of `yearFlags`: what has already happened once this plan year. */
export const YearFlag = {
  reached402g: 1,
  reached415c: 2,
  catchUpNoticed: 4,
  closed: 8,
} as const;

export interface ParticipantContext {
  readonly employeeId: string;
  readonly birthDate: IsoDate;
  readonly hireDate: IsoDate;
  readonly department: string;
  /** Came in with the census (employed before the simulation starts), not hired by it. */
  readonly fromCensus: boolean;
  readonly jobLevel: number;
  /** Annual compensation by the date it takes effect, oldest first (hire, merits, promotions). */
  readonly pay: readonly { readonly from: IsoDate; readonly annual: Cents }[];
  readonly termination: { readonly date: IsoDate; readonly reason: TerminationReason } | null;
  /** Entry dates for deferrals, the match and core (RULES.md §4). */
  readonly eligibility: { readonly plan: IsoDate; readonly match: IsoDate; readonly core: IsoDate };
  readonly eligibilityAnnounced: boolean;
  /** A census election waiting for the entry date (CONTRACTS.md reading 2). */
  readonly censusElection: { readonly preTax: BasisPoints; readonly roth: BasisPoints } | null;
  /** The auto-enrollment date, or null when auto-enrollment does not apply. */
  readonly autoEnrollOn: IsoDate | null;
  readonly enrollment: Enrollment | null;
  readonly optedOut: boolean;
  readonly cursor: DayPhase;
  /** The date of the last accepted input event: inputs must come in date order. */
  readonly lastInputDate: IsoDate;
  /** The plan year the running totals belong to. */
  readonly year: number;
  readonly ytd: Readonly<YearToDate>;
  readonly yearFlags: number;
  /** Plan compensation of the year on pay dates while eligible for deferrals / the match. */
  readonly deferralComp: Cents;
  readonly matchComp: Cents;
  /** Compensation paid in the previous year (or the census figure in the first year). */
  readonly priorYearComp: Cents;
  readonly isHce: boolean;
  readonly balances: Readonly<Partial<Record<ContributionSource, Cents>>>;
  /** The vested rate of each employer source as last determined. */
  readonly vested: Readonly<Partial<Record<ContributionSource, BasisPoints>>>;
  readonly forfeitedThisYear: Cents;
  /** The events derived by the last transition, in order; emptied by every transition. */
  readonly outbox: readonly DerivedEvent[];
  /** Why the last event was refused, or null. */
  readonly refusal: string | null;
}

/** A working copy for one transition: the nested totals are copied so the step can add in place. */
export type WorkingContext = {
  -readonly [K in keyof ParticipantContext]: ParticipantContext[K];
} & {
  ytd: YearToDate;
  balances: Partial<Record<ContributionSource, Cents>>;
  vested: Partial<Record<ContributionSource, BasisPoints>>;
  outbox: DerivedEvent[];
};

/** A working copy for a transition: new running totals the step can add to in place, an empty outbox. */
export const workingCopy = (ctx: ParticipantContext): WorkingContext =>
  withParts(ctx, { ...ctx.ytd }, { ...ctx.balances }, { ...ctx.vested }, []);

/** The same state with nothing derived and nothing refused (what a snapshot stores); the totals are shared. */
export const quietCopy = (ctx: ParticipantContext): ParticipantContext => withParts(ctx, ctx.ytd, ctx.balances, ctx.vested, []);

/** The same state with nothing derived and nothing refused: itself when it has neither (contexts are never changed in place). */
export const quiet = (ctx: ParticipantContext): ParticipantContext => (ctx.outbox.length === 0 && ctx.refusal === null ? ctx : quietCopy(ctx));

/**
 * `ctx` with the given totals and outbox and no refusal. Every field is named rather than
 * spread: contexts reach a transition built in several places (the hire, a restored record,
 * the last transition), and a spread of such a mix took V8's slow generic path, 2 µs a
 * transition in a run; a literal of one shape does not.
 */
function withParts(
  ctx: ParticipantContext,
  ytd: YearToDate,
  balances: WorkingContext['balances'],
  vested: WorkingContext['vested'],
  outbox: DerivedEvent[],
): WorkingContext {
  return {
    employeeId: ctx.employeeId,
    birthDate: ctx.birthDate,
    hireDate: ctx.hireDate,
    department: ctx.department,
    fromCensus: ctx.fromCensus,
    jobLevel: ctx.jobLevel,
    pay: ctx.pay,
    termination: ctx.termination,
    eligibility: ctx.eligibility,
    eligibilityAnnounced: ctx.eligibilityAnnounced,
    censusElection: ctx.censusElection,
    autoEnrollOn: ctx.autoEnrollOn,
    enrollment: ctx.enrollment,
    optedOut: ctx.optedOut,
    cursor: ctx.cursor,
    lastInputDate: ctx.lastInputDate,
    year: ctx.year,
    ytd,
    yearFlags: ctx.yearFlags,
    deferralComp: ctx.deferralComp,
    matchComp: ctx.matchComp,
    priorYearComp: ctx.priorYearComp,
    isHce: ctx.isHce,
    balances,
    vested,
    forfeitedThisYear: ctx.forfeitedThisYear,
    outbox,
    refusal: null,
  };
}

export const EMPLOYER_SOURCES: readonly ContributionSource[] = [
  'employer_match',
  'employer_match_true_up',
  'employer_nonelective',
  'forfeiture_allocation',
];

export const isEmployerSource = (s: ContributionSource): boolean => EMPLOYER_SOURCES.includes(s);

export function compareDayPhase(a: DayPhase, date: IsoDate, phase: Phase): number {
  if (a.date !== date) return a.date < date ? -1 : 1;
  return a.phase - phase;
}

/** True when the participant is employed on `date` (hired by then and not terminated before). */
export function employedOn(ctx: ParticipantContext, date: IsoDate): boolean {
  return ctx.hireDate <= date && (ctx.termination === null || date <= ctx.termination.date);
}
