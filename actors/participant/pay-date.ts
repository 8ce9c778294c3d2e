/**
 * One pay date of one participant (RULES.md §3 and §6): gross pay from the compensation in
 * effect, plan compensation under 401(a)(17), then the period's contributions by the rules,
 * emitted in source order with their year-to-date amounts and the limit notices.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { completedYears } from '../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import { grossPeriodPay, planCompensation } from '../../rules/payroll.js';
import { addPeriod, contributePeriod } from '../../rules/contribution.js';
import type { PeriodInput, PeriodLimits } from '../../rules/contribution.js';
import type { IrsLimits } from '../../rules/limits.js';
import { matchTiersFor } from '../../rules/match.js';
import { coreRateFor } from '../../rules/core.js';
import { catchUpLimit } from '../../rules/limits.js';
import type { ContributionSource } from '../events/index.js';
import type { ParticipantContext, WorkingContext } from './context.js';
import { YearFlag } from './context.js';
import type { ParticipantEnvironment, YearCalendar } from './environment.js';
import { emitContribution, emitLimitNotice } from './emit.js';

/** The annual compensation in effect on `date`: set by the latest hire, merit or promotion on or before it. */
export function compensationOn(ctx: ParticipantContext, date: IsoDate): Cents {
  const pay = ctx.pay;
  for (let i = pay.length - 1; i >= 0; i--) {
    const p = pay[i]!;
    if (p.from <= date) return p.annual;
  }
  return 0 as Cents;
}

/** The participant's catch-up limit for its current year, 0 when not eligible or the plan has none. */
export function catchUpLimitOf(ctx: ParticipantContext, env: ParticipantEnvironment): Cents {
  return env.plan.catchUp.enabled ? catchUpLimit(env.limits(ctx.year), ctx.birthDate) : (0 as Cents);
}

/**
 * What stays the same across one stretch of pay dates of a participant: the year's limits, the
 * catch-up limit and one reusable period input, so the innermost loop allocates nothing of its own.
 */
export interface PayRun {
  readonly limits: IrsLimits;
  readonly periodLimits: PeriodLimits;
  readonly input: PeriodInput;
}

export function payRun(w: ParticipantContext, env: ParticipantEnvironment, cal: YearCalendar): PayRun {
  const limits = cal.limits;
  return {
    limits,
    periodLimits: { electiveDeferral: limits.electiveDeferral, catchUp: catchUpLimitOf(w, env), annualAdditions: limits.annualAdditions },
    input: {
      grossPay: 0 as Cents,
      planComp: 0 as Cents,
      preTaxRate: 0 as BasisPoints,
      rothRate: 0 as BasisPoints,
      matchTiers: null,
      matchCapRate: env.plan.match.capRate,
      matchOnCatchUp: env.plan.match.onCatchUp,
      coreRate: 0 as BasisPoints,
    },
  };
}

export function runPayDate(w: WorkingContext, env: ParticipantEnvironment, run: PayRun, date: IsoDate): void {
  const plan = env.plan;
  const limits = run.limits;
  const gross = grossPeriodPay(compensationOn(w, date), plan.payroll.frequency);
  const comp = planCompensation(gross, limits.compensation, w.ytd.planComp as Cents);
  const e = w.enrollment;
  const deferring = e !== null && e.date <= date;
  const matchEligible = w.eligibility.match <= date;
  const coreEligible = w.eligibility.core <= date;
  const service = env.ratesDependOnService ? completedYears(w.hireDate, date) : 0;
  const age = env.ratesDependOnAge ? completedYears(w.birthDate, date) : 0;
  const input = run.input;
  input.grossPay = gross;
  input.planComp = comp;
  input.preTaxRate = deferring ? e.preTax : (0 as BasisPoints);
  input.rothRate = deferring ? e.roth : (0 as BasisPoints);
  input.matchTiers = !matchEligible ? null : env.ratesDependOnService ? matchTiersFor(plan.match, service) : plan.match.tiers;
  input.coreRate = !coreEligible
    ? (0 as BasisPoints)
    : env.ratesDependOnService || env.ratesDependOnAge
      ? coreRateFor(plan.core, age, service)
      : plan.core.rate;
  const r = contributePeriod(input, run.periodLimits, w.ytd);
  addPeriod(w.ytd, gross, comp, r);
  if (w.eligibility.plan <= date) w.deferralComp = (w.deferralComp + comp) as Cents;
  if (matchEligible) w.matchComp = (w.matchComp + comp) as Cents;

  const flag = r.limitApplied;
  const ytd = w.ytd;
  const b = w.balances as Record<ContributionSource, Cents>;
  b.employee_pre_tax = (b.employee_pre_tax + r.preTax) as Cents;
  b.employee_roth = (b.employee_roth + r.roth) as Cents;
  b.employee_catch_up = (b.employee_catch_up + r.catchUp) as Cents;
  b.employer_match = (b.employer_match + r.match) as Cents;
  b.employer_nonelective = (b.employer_nonelective + r.core) as Cents;
  if (r.preTax > 0) emitContribution(w, env, date, 'employee_pre_tax', r.preTax, ytd.preTax, flag);
  if (r.roth > 0) emitContribution(w, env, date, 'employee_roth', r.roth, ytd.roth, flag);
  if (r.catchUp > 0) emitContribution(w, env, date, 'employee_catch_up', r.catchUp, ytd.catchUp, flag);
  if (r.match > 0) emitContribution(w, env, date, 'employer_match', r.match, ytd.match, flag);
  if (r.core > 0) emitContribution(w, env, date, 'employer_nonelective', r.core, ytd.core, flag);
  if (r.reached402g && (w.yearFlags & YearFlag.reached402g) === 0) {
    w.yearFlags |= YearFlag.reached402g;
    emitLimitNotice(w, env, date, '402g_limit_reached', limits.electiveDeferral, ytd.preTax + ytd.roth);
  }
  noteAdditions(w, env, date);
}

/** Emits `415c_limit_reached` the first time annual additions reach the 415(c) dollar limit (reading 7). */
export function noteAdditions(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate): void {
  const limit = env.limits(w.year).annualAdditions;
  if ((w.yearFlags & YearFlag.reached415c) === 0 && w.ytd.annualAdditions === limit) {
    w.yearFlags |= YearFlag.reached415c;
    emitLimitNotice(w, env, date, '415c_limit_reached', limit, w.ytd.annualAdditions);
  }
}
