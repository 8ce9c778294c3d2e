/**
 * Reaching the plan (RULES.md §4-§5; CONTRACTS.md readings 2, 3, 17): the eligibility event on
 * max(entry date, simulation start), then, on their dates, the census election or the
 * auto-enrollment of an employee who has not chosen.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { maxDate } from '../../rules/calendar.js';
import type { BasisPoints } from '../../rules/units.js';
import type { ParticipantContext, WorkingContext, Enrollment } from './context.js';
import type { ParticipantEnvironment } from './environment.js';
import { noticeCatchUp } from './year-start.js';

/** The date the eligibility event carries as its effective date. */
export function announcementDate(ctx: ParticipantContext, env: ParticipantEnvironment): IsoDate {
  return maxDate(ctx.eligibility.plan, env.startDate);
}

export function announceEligibility(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate): void {
  w.eligibilityAnnounced = true;
  w.outbox.push({
    employeeId: w.employeeId,
    effectiveDate: date,
    payload: {
      eventType: 'eligibility',
      planId: env.plan.planId,
      eligible: true,
      eligibilityDate: w.eligibility.plan,
      reason: w.eligibility.plan === w.hireDate ? 'immediate' : 'age_and_service',
    },
  });
}

/** The date a pending census election or auto-enrollment takes effect, or null when none is pending. */
export function pendingEnrollmentDate(ctx: ParticipantContext, env: ParticipantEnvironment): IsoDate | null {
  if (ctx.enrollment !== null) return null;
  if (ctx.censusElection !== null) return announcementDate(ctx, env);
  if (ctx.autoEnrollOn !== null && !ctx.optedOut) return ctx.autoEnrollOn;
  return null;
}

export function enrollPending(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate): void {
  if (w.censusElection !== null) {
    enroll(w, env, { date, preTax: w.censusElection.preTax, roth: w.censusElection.roth, source: 'voluntary' });
    w.censusElection = null;
  } else {
    enroll(w, env, { date, preTax: env.plan.autoEnrollment.defaultRate, roth: 0 as BasisPoints, source: 'auto' });
  }
}

/**
 * Records an enrollment, emits its event unless it came in as an input (which is logged as
 * given), and the year's catch-up notice if it applies.
 */
export function enroll(w: WorkingContext, env: ParticipantEnvironment, e: Enrollment, emit = true): void {
  w.enrollment = e;
  w.censusElection = null;
  if (emit) w.outbox.push({
    employeeId: w.employeeId,
    effectiveDate: e.date,
    payload: {
      eventType: 'enrollment',
      planId: env.plan.planId,
      enrollmentDate: e.date,
      preTaxRate: e.preTax,
      rothRate: e.roth,
      enrollmentSource: e.source,
    },
  });
  noticeCatchUp(w, env, e.date);
}
