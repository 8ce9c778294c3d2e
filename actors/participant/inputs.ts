/**
 * The interchange input events a participant accepts (hire, merit, promotion, enrollment,
 * enrollment_change, termination) and why one would be refused. Every check is made on a
 * working copy after the calendar has caught up with the event's date, and a refused event
 * leaves the participant exactly as it was: illegal input is refused, never absorbed.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { completedYears, jan1, yearOf } from '../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import { eligibilityDate } from '../../rules/eligibility.js';
import { autoEnrollmentDate } from '../../rules/enrollment.js';
import { emptyYearToDate } from '../../rules/contribution.js';
import { vestedRate } from '../../rules/vesting.js';
import { CONTRIBUTION_SOURCES } from '../events/index.js';
import type { ContributionSource, DerivedEvent, PayloadOf } from '../events/index.js';
import type { ParticipantContext, WorkingContext } from './context.js';
import { EMPLOYER_SOURCES, Phase, compareDayPhase, workingCopy } from './context.js';
import type { ParticipantEnvironment } from './environment.js';
import { advanceTo } from './advance.js';
import { announceEligibility, announcementDate, enroll } from './entry.js';
import { yearStartItems } from './year-start.js';
import { vestOnTermination } from './vesting.js';

const ZERO_BALANCES: Readonly<Record<ContributionSource, Cents>> = Object.freeze(
  Object.fromEntries(CONTRIBUTION_SOURCES.map((s) => [s, 0])) as Record<ContributionSource, Cents>,
);

/** What a census row adds to its hire (DESIGN.md census columns). */
export interface CensusFacts {
  readonly priorYearComp: Cents | null;
  readonly election: { readonly preTax: BasisPoints; readonly roth: BasisPoints } | null;
  readonly balances: Readonly<Partial<Record<ContributionSource, Cents>>>;
}

export interface HireInput {
  readonly event: DerivedEvent & { readonly payload: PayloadOf<'hire'> };
  /** Present for an employee of the census, hired before the simulation starts. */
  readonly census?: CensusFacts;
}

/** The context of a newly hired participant; its outbox holds the hire and what it causes that day. */
export function hiredContext(input: HireInput, env: ParticipantEnvironment): ParticipantContext {
  const { event, census } = input;
  const p = event.payload;
  const date = event.effectiveDate;
  const plan = env.plan;
  const eligibility = {
    plan: eligibilityDate(p.birthDate, p.hireDate, plan.eligibility),
    match: eligibilityDate(p.birthDate, p.hireDate, plan.match.eligibility),
    core: eligibilityDate(p.birthDate, p.hireDate, plan.core.eligibility),
  };
  const ae = plan.autoEnrollment;
  const election = census?.election ?? null;
  const newHire = p.hireDate >= env.startDate;
  const autoEnrollOn =
    ae.enabled && election === null && (newHire || ae.scope === 'all_eligible')
      ? autoEnrollmentDate(eligibility.plan, newHire ? null : env.startDate, ae.windowDays)
      : null;
  const service = completedYears(p.hireDate, date);
  const vested: Partial<Record<ContributionSource, BasisPoints>> = {};
  for (const s of EMPLOYER_SOURCES) vested[s] = vestedRate(env.schedule(s), service);

  const w: WorkingContext = {
    employeeId: event.employeeId!,
    birthDate: p.birthDate,
    hireDate: p.hireDate,
    department: p.department,
    fromCensus: census !== undefined,
    jobLevel: p.jobLevel,
    pay: [{ from: p.hireDate < date ? p.hireDate : date, annual: p.annualCompensation }],
    termination: null,
    eligibility,
    eligibilityAnnounced: false,
    censusElection: election,
    autoEnrollOn,
    enrollment: null,
    optedOut: false,
    cursor: { date, phase: Phase.inputs },
    lastInputDate: date,
    year: yearOf(date),
    ytd: emptyYearToDate(),
    yearFlags: 0,
    deferralComp: 0 as Cents,
    matchComp: 0 as Cents,
    priorYearComp: (census === undefined ? 0 : (census.priorYearComp ?? p.annualCompensation)) as Cents,
    isHce: false,
    // Every source present from the start keeps the object's shape stable on the hot path.
    balances: { ...ZERO_BALANCES, ...(census?.balances ?? {}) },
    vested,
    forfeitedThisYear: 0 as Cents,
    outbox: [event],
    refusal: null,
  };
  // A census employee was employed on Jan 1 of the first year: its Jan 1 items follow the hire.
  if (census !== undefined && date === jan1(yearOf(date))) yearStartItems(w, env, date);
  if (announcementDate(w, env) <= date) announceEligibility(w, env, announcementDate(w, env));
  return w;
}

type LifecycleEvent = DerivedEvent & {
  readonly payload: PayloadOf<'merit' | 'promotion' | 'enrollment' | 'enrollment_change' | 'termination'>;
};

/** The phase an input is processed in: a termination comes after that day's pay (RULES.md §8). */
const phaseOf = (e: LifecycleEvent): Phase => (e.payload.eventType === 'termination' ? Phase.termination : Phase.inputs);

/** Why `event` is not legal for the participant at its date (after the calendar caught up), or null. */
function illegality(w: ParticipantContext, e: LifecycleEvent): string | null {
  const date = e.effectiveDate;
  const p = e.payload;
  if (w.termination !== null) return `terminated on ${w.termination.date}; nothing follows a termination`;
  if (date < w.lastInputDate) return `dated before the participant's previous event on ${w.lastInputDate}; events must come in date order`;
  if (date < w.hireDate) return `dated before the hire on ${w.hireDate}`;
  switch (p.eventType) {
    case 'enrollment':
      if (w.eligibility.plan > date) return `not eligible until ${w.eligibility.plan} (entry date)`;
      if (w.enrollment !== null) return `already enrolled since ${w.enrollment.date}; change rates with an enrollment_change (rate_change)`;
      return null;
    case 'enrollment_change':
      if (p.changeType === 'auto_escalation') return 'auto_escalation is derived by the plan on Jan 1, not an input';
      if (w.eligibility.plan > date) return `not eligible until ${w.eligibility.plan} (entry date)`;
      if (p.changeType === 'opt_out' && (p.newPreTaxRate !== 0 || p.newRothRate !== 0)) return 'an opt_out sets both new rates to 0';
      if (p.changeType === 'rate_change' && w.enrollment === null) return 'not enrolled; enroll first (enrollment event)';
      return null;
    default:
      return null;
  }
}

function apply(w: WorkingContext, env: ParticipantEnvironment, e: LifecycleEvent): void {
  const date = e.effectiveDate;
  const p = e.payload;
  w.outbox.push(e);
  switch (p.eventType) {
    case 'merit':
      w.pay = [...w.pay, { from: date, annual: p.newCompensation }];
      break;
    case 'promotion':
      w.jobLevel = p.newJobLevel;
      w.pay = [...w.pay, { from: date, annual: p.newAnnualCompensation }];
      break;
    case 'enrollment':
      enroll(w, env, { date, preTax: p.preTaxRate, roth: p.rothRate, source: p.enrollmentSource }, false);
      break;
    case 'enrollment_change':
      if (p.changeType === 'opt_out') {
        w.optedOut = true;
        w.censusElection = null;
      }
      if (w.enrollment !== null) w.enrollment = { ...w.enrollment, preTax: p.newPreTaxRate, roth: p.newRothRate };
      break;
    case 'termination':
      w.termination = { date, reason: p.terminationReason };
      vestOnTermination(w, env, date);
      break;
  }
}

/**
 * Applies a lifecycle input: the calendar first catches up with the event's date, then the
 * event is checked and applied. Returns the new context, or the old one with `refusal` set.
 */
export function applyInput(
  ctx: ParticipantContext,
  env: ParticipantEnvironment,
  e: LifecycleEvent,
  /** The machine's state, for a refusal's message (named only when one is refused). */
  state: () => string,
): ParticipantContext {
  const phase = phaseOf(e);
  const early = ctx.termination === null ? null : illegality(ctx, e);
  if (early !== null) return refused(ctx, e, early, state);
  if (compareDayPhase(ctx.cursor, e.effectiveDate, phase) > 0) {
    return refused(ctx, e, `the participant's calendar is already processed through ${ctx.cursor.date}; inputs must come in date order`, state);
  }
  const w = workingCopy(ctx);
  advanceTo(w, env, e.effectiveDate, (phase - 1) as Phase);
  const why = illegality(w, e);
  if (why !== null) return refused(ctx, e, why, state);
  w.lastInputDate = e.effectiveDate;
  apply(w, env, e);
  w.cursor = { date: e.effectiveDate, phase };
  return w;
}

/**
 * `ctx` as it was, refusing `e`. A function of its own rather than a closure in applyInput:
 * the TypeScript loader names every closure as it is created (esbuild's keepNames), which
 * cost 1 % of a partition host's time for a refusal that almost never happens.
 */
function refused(ctx: ParticipantContext, e: LifecycleEvent, why: string, state: () => string): ParticipantContext {
  return { ...ctx, outbox: [], refusal: `${ctx.employeeId}: ${e.payload.eventType} on ${e.effectiveDate} refused: ${why} [state: ${state()}]` };
}

/** A message for an event the participant's state cannot take at all (e.g. a second hire). */
export function refusalOf(ctx: ParticipantContext, e: DerivedEvent | undefined, type: string, state: string): string {
  const what = e === undefined ? type : `${e.payload.eventType} on ${e.effectiveDate}`;
  let why: string;
  if (ctx.termination !== null) why = `terminated on ${ctx.termination.date}; nothing follows a termination`;
  else if (e?.payload.eventType === 'hire') why = `already hired on ${ctx.hireDate}; a participant is hired once`;
  else why = `not accepted in this state`;
  return `${ctx.employeeId}: ${what} refused: ${why} [state: ${state}]`;
}

/** The calendar moved to the end of `date` (a plan-level step such as year end). */
export function advanceContext(ctx: ParticipantContext, env: ParticipantEnvironment, date: IsoDate): ParticipantContext {
  const w = workingCopy(ctx);
  advanceTo(w, env, date, Phase.yearEnd);
  return w;
}
