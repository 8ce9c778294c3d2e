/**
 * Jan 1 of a plan year (RULES.md §5, §6, §9; CONTRACTS.md readings 5, 6, 16): the running totals
 * start again, and for an employee employed that day: the HCE determination, auto-escalation,
 * and the catch-up notice, in that order.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { jan1, yearOf } from '../../rules/calendar.js';
import type { Cents } from '../../rules/units.js';
import { emptyYearToDate } from '../../rules/contribution.js';
import { isHce } from '../../rules/hce.js';
import { escalatedRate } from '../../rules/enrollment.js';
import type { WorkingContext } from './context.js';
import { YearFlag } from './context.js';
import type { ParticipantEnvironment } from './environment.js';
import { emitLimitNotice } from './emit.js';
import { catchUpLimitOf } from './pay-date.js';

/** Starts the totals of `year`; the year just ended's pay becomes the prior-year compensation. */
export function rollYear(w: WorkingContext, year: number): void {
  w.priorYearComp = w.ytd.grossPay as Cents;
  w.year = year;
  w.ytd = emptyYearToDate();
  w.yearFlags = 0;
  w.deferralComp = 0 as Cents;
  w.matchComp = 0 as Cents;
  w.forfeitedThisYear = 0 as Cents;
  w.isHce = false;
  // Merits superseded before the year began are no longer needed to price a pay date.
  const start = jan1(year);
  let keepFrom = 0;
  for (let i = 0; i < w.pay.length; i++) if (w.pay[i]!.from <= start) keepFrom = i;
  if (keepFrom > 0) w.pay = w.pay.slice(keepFrom);
}

/** The Jan 1 items for an employee employed on Jan 1 of `w.year`. */
export function yearStartItems(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate): void {
  const plan = env.plan;
  const threshold = env.hceThreshold(yearOf(date));
  w.isHce = isHce(w.priorYearComp, threshold);
  w.outbox.push({
    employeeId: w.employeeId,
    effectiveDate: date,
    payload: {
      eventType: 'hce_status',
      planId: plan.planId,
      determinationMethod: 'prior_year',
      priorYearCompensation: w.priorYearComp,
      hceThreshold: threshold,
      isHce: w.isHce,
      determinationDate: date,
    },
  });

  const e = w.enrollment;
  const esc = plan.autoEscalation;
  if (esc.enabled && e !== null && e.date < date && (!esc.autoEnrolledOnly || e.source === 'auto')) {
    const next = escalatedRate(e.preTax, esc.step, esc.cap);
    if (next !== null) {
      w.enrollment = { ...e, preTax: next };
      w.outbox.push({
        employeeId: w.employeeId,
        effectiveDate: date,
        payload: {
          eventType: 'enrollment_change',
          planId: plan.planId,
          changeType: 'auto_escalation',
          newPreTaxRate: next,
          newRothRate: e.roth,
          previousPreTaxRate: e.preTax,
          previousRothRate: e.roth,
        },
      });
    }
  }
  if (e !== null && e.date <= date) noticeCatchUp(w, env, date);
}

/** One `catch_up_eligible` notice a year, for an enrolled participant who is catch-up eligible (reading 6). */
export function noticeCatchUp(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate): void {
  if ((w.yearFlags & YearFlag.catchUpNoticed) !== 0) return;
  const limit = catchUpLimitOf(w, env);
  if (limit <= 0) return;
  w.yearFlags |= YearFlag.catchUpNoticed;
  emitLimitNotice(w, env, date, 'catch_up_eligible', limit, w.ytd.catchUp);
}
