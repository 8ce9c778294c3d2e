/**
 * Participant behaviour (docs/workforce.md "Behaviour"): voluntary enrollment and the rate
 * chosen, opt-out after auto-enrollment, occasional rate changes. Every event is legal for
 * the participant machine (CONTRACTS.md reading 18): enrollment only from eligibility and
 * without an election, rate_change only when enrolled, opt_out only once eligible, nothing
 * after `to` (the day before termination, or Dec 31).
 */
import type { DerivedEvent } from '../../actors/events/index.js';
import { events } from '../../actors/events/index.js';
import type { IsoDate } from '../../rules/calendar.js';
import { addDays, completedYears, jan1, maxDate, yearOf } from '../../rules/calendar.js';
import { autoEnrollmentDate } from '../../rules/enrollment.js';
import type { BasisPoints } from '../../rules/units.js';
import { stream } from '../random.js';
import type { RandomStream } from '../random.js';
import type { WorkforceContext, WorkforceEmployee } from './employee.js';
import { bandOf, drawDate, eligibilityOf, scaled } from './employee.js';

const MIN_CHOSEN = 100;
const MAX_CHOSEN = 5000;

interface Bands {
  readonly age: number;
  readonly pay: number;
}

function bandsOf(ctx: WorkforceContext, e: WorkforceEmployee, on: IsoDate): Bands {
  const b = ctx.model.behaviour;
  return { age: bandOf(completedYears(e.birthDate, on), b.ageBands), pay: bandOf(e.annualCompensation, b.payBands) };
}

/** A chosen election: a weighted rate × age and pay factors, whole percent, part Roth for some. */
export function chooseRates(ctx: WorkforceContext, s: RandomStream, bands: Bands): { pre: BasisPoints; roth: BasisPoints } {
  const b = ctx.model.behaviour;
  const base = b.deferralRates[s.pick(b.deferralRates.map((r) => r.weight))]!.rate;
  const x = scaled(base, b.deferralAgeFactors[bands.age]!, b.deferralPayFactors[bands.pay]!);
  const total = Math.min(MAX_CHOSEN, Math.max(MIN_CHOSEN, Math.round(x / 100) * 100));
  const roth = s.next() * 10_000 < b.rothShare ? Math.floor(total / 200) * 100 : 0;
  return { pre: (total - roth) as BasisPoints, roth: roth as BasisPoints };
}

/** The auto-enrollment date that applies to this employee, or null (disabled, out of scope). */
export function autoDateOf(ctx: WorkforceContext, e: WorkforceEmployee, eligibility: IsoDate): IsoDate | null {
  const ae = ctx.plan.autoEnrollment;
  if (!ae.enabled) return null;
  const start = jan1(ctx.startYear);
  const censusEmployee = e.hireDate < start;
  if (censusEmployee && ae.scope === 'new_hires') return null;
  return autoEnrollmentDate(eligibility, censusEmployee ? start : null, ae.windowDays);
}

/**
 * The opt-out drawn for an auto-enrollment on `autoDate`: keyed by the year of that date,
 * so the same opt-out is found again the next year when its date falls there.
 */
function optOutDate(ctx: WorkforceContext, e: WorkforceEmployee, autoDate: IsoDate): IsoDate | null {
  const o = ctx.model.behaviour.optOut;
  const y = yearOf(autoDate);
  const s = stream(ctx.seed, e.employeeId, y, 'opt-out');
  const bands = bandsOf(ctx, e, maxDate(jan1(y), e.hireDate));
  if (!s.chanceBp(scaled(o.rate, o.ageFactors[bands.age]!, o.payFactors[bands.pay]!))) return null;
  return addDays(autoDate, 1 + s.int(Math.max(1, o.windowDays)));
}

/** Behaviour events of one employee in `year`, within [from, to]. */
export function behaviourEvents(ctx: WorkforceContext, year: number, e: WorkforceEmployee, from: IsoDate, to: IsoDate): DerivedEvent[] {
  if (to < from) return [];
  const b = ctx.model.behaviour;
  const planId = ctx.plan.planId;
  const id = e.employeeId;
  const eligibility = eligibilityOf(e, ctx.plan);
  const bands = bandsOf(ctx, e, from);
  const out: DerivedEvent[] = [];

  if (e.enrolled) {
    if (e.enrollmentSource === 'auto' && !e.optedOut) {
      const auto = autoDateOf(ctx, e, eligibility);
      const d = auto === null ? null : optOutDate(ctx, e, auto);
      if (d !== null && d >= from && d <= to) {
        out.push(events.enrollmentChange({ employeeId: id, effectiveDate: d, planId, changeType: 'opt_out', newPreTaxRate: 0 as BasisPoints, newRothRate: 0 as BasisPoints }));
        return out;
      }
    }
    const s = stream(ctx.seed, id, year, 'rate-change');
    const changeFrom = e.enrollmentDate !== undefined && e.enrollmentDate >= from ? addDays(e.enrollmentDate, 1) : from;
    if (changeFrom <= to && s.chanceBp(b.rateChange.rate)) {
      const d = drawDate(s, changeFrom, to);
      const r = chooseRates(ctx, s, bands);
      if (r.pre !== e.preTaxRate || r.roth !== e.rothRate) {
        out.push(events.enrollmentChange({ employeeId: id, effectiveDate: d, planId, changeType: 'rate_change', newPreTaxRate: r.pre, newRothRate: r.roth }));
      }
    }
    return out;
  }
  if (e.optedOut || eligibility > to) return out;

  const auto = autoDateOf(ctx, e, eligibility);
  if (auto !== null) {
    const d = optOutDate(ctx, e, auto);
    if (yearOf(auto) === year && d !== null && d <= to) {
      out.push(events.enrollmentChange({ employeeId: id, effectiveDate: d, planId, changeType: 'opt_out', newPreTaxRate: 0 as BasisPoints, newRothRate: 0 as BasisPoints }));
    }
    return out;
  }
  const v = b.voluntaryEnrollment;
  const s = stream(ctx.seed, id, year, 'enrollment');
  if (!s.chanceBp(scaled(v.rate, v.ageFactors[bands.age]!, v.payFactors[bands.pay]!))) return out;
  const d = drawDate(s, maxDate(from, eligibility), to);
  const r = chooseRates(ctx, s, bands);
  out.push(events.enrollment({ employeeId: id, enrollmentDate: d, planId, preTaxRate: r.pre, rothRate: r.roth, enrollmentSource: 'voluntary' }));
  return out;
}
