/**
 * Promotions and merit (docs/workforce.md "Compensation"). Money stays in integer cents:
 * a raise r (bp) gives roundHalfUp(pay × (10000 + r), 10000), RULES.md §1.
 */
import type { DerivedEvent } from '../../actors/events/index.js';
import { events } from '../../actors/events/index.js';
import type { IsoDate } from '../../rules/calendar.js';
import { completedYears, jan1 } from '../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import { BP_PER_UNIT, roundHalfUp } from '../../rules/units.js';
import { stream } from '../random.js';
import type { WorkforceContext, WorkforceEmployee } from './employee.js';
import { onDay } from './employee.js';

export const raised = (pay: Cents, r: number): Cents => roundHalfUp(pay * (BP_PER_UNIT + r), BP_PER_UNIT) as Cents;

/**
 * The promotion and the merit of an employee employed before Jan 1 of `year`, each only if
 * its date is not after `lastDay` (the day before termination, or Dec 31). They apply in
 * date order, each to the pay the other left (promotion first when on the same day).
 */
export function compensationEvents(ctx: WorkforceContext, year: number, e: WorkforceEmployee, lastDay: IsoDate): DerivedEvent[] {
  if (e.hireDate >= jan1(year)) return [];
  const { promotions, merit } = ctx.model;
  const id = e.employeeId;
  const steps: { date: IsoDate; kind: 'promotion' | 'merit'; raise: number }[] = [];

  const pDate = onDay(year, promotions.date);
  const tenure = completedYears(e.hireDate, jan1(year));
  if (e.jobLevel < 10 && tenure >= promotions.minTenureYears && pDate <= lastDay) {
    const s = stream(ctx.seed, id, year, 'promotion');
    if (s.chanceBp(promotions.byLevel[e.jobLevel - 1]!)) steps.push({ date: pDate, kind: 'promotion', raise: promotions.raise });
  }
  const mDate = onDay(year, merit.date);
  if (mDate <= lastDay) {
    const s = stream(ctx.seed, id, year, 'merit');
    const drawn = Math.max(0, Math.round(merit.byLevel[e.jobLevel - 1]! + merit.sd * s.normal()));
    const pct = Math.min(BP_PER_UNIT, drawn + merit.cola);
    if (pct > 0) steps.push({ date: mDate, kind: 'merit', raise: pct });
  }
  steps.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.kind === 'promotion' ? -1 : 1));

  const out: DerivedEvent[] = [];
  let pay = e.annualCompensation;
  for (const step of steps) {
    const next = raised(pay, step.raise);
    if (step.kind === 'promotion') {
      out.push(events.promotion({ employeeId: id, effectiveDate: step.date, newJobLevel: e.jobLevel + 1, newAnnualCompensation: next }));
    } else if (next !== pay) {
      out.push(events.merit({ employeeId: id, effectiveDate: step.date, newCompensation: next, meritPercentage: step.raise as BasisPoints }));
    }
    pay = next;
  }
  return out;
}
