/**
 * One pay date of one participant (RULES.md §3 and §6): gross pay from the compensation in
 * effect, plan compensation under 401(a)(17), then the period's contributions by the rules,
 * emitted in source order with their year-to-date amounts and the limit notices.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { completedYears } from '../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import { grossPeriodPay, planCompensation } from '../../rules/payroll.js';
import { addPeriod, contributePeriod, emptyPeriodResult } from '../../rules/contribution.js';
import type { PeriodInput, PeriodLimits, PeriodResult } from '../../rules/contribution.js';
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
 * What stays the same across one stretch of pay dates of a participant (the pay dates between
 * two rarer happenings): the year's limits, the catch-up limit, one reusable period input and
 * result, so the innermost loop allocates nothing of its own besides the events.
 *
 * Within a stretch the enrollment and the entry dates do not change (only happenings and inputs
 * change them) and the pay dates ascend, so "enrolled by d" and "eligible by d" can only turn
 * from false to true: they are latched here instead of compared as dates on every pay date.
 * The compensation can still change inside a stretch (merits and promotions are dated inputs
 * already in `pay`), so it is looked up per date, but its gross pay is recomputed only when it does.
 */
export interface PayRun {
  readonly limits: IrsLimits;
  readonly periodLimits: PeriodLimits;
  readonly input: PeriodInput;
  readonly result: PeriodResult;
  /** The annual compensation `gross` is the period pay of; −1 before the first pay date. */
  annual: number;
  gross: Cents;
  deferring: boolean;
  planEligible: boolean;
  matchEligible: boolean;
  coreEligible: boolean;
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
    result: emptyPeriodResult(),
    annual: -1,
    gross: 0 as Cents,
    deferring: false,
    planEligible: false,
    matchEligible: false,
    coreEligible: false,
  };
}

/** Runs one pay date; `run` must come from `payRun` for this stretch, dates in ascending order. */
export function runPayDate(w: WorkingContext, env: ParticipantEnvironment, run: PayRun, date: IsoDate): void {
  const plan = env.plan;
  const limits = run.limits;
  const input = run.input;
  const ytd = w.ytd;
  const annual = compensationOn(w, date);
  if (annual !== run.annual) {
    run.annual = annual;
    run.gross = grossPeriodPay(annual, plan.payroll.frequency);
  }
  const gross = run.gross;
  const comp = planCompensation(gross, limits.compensation, ytd.planComp as Cents);
  if (!run.deferring) {
    const e = w.enrollment;
    if (e !== null && e.date <= date) {
      run.deferring = true;
      input.preTaxRate = e.preTax;
      input.rothRate = e.roth;
    }
  }
  if (!run.planEligible && w.eligibility.plan <= date) run.planEligible = true;
  if (!run.matchEligible && w.eligibility.match <= date) {
    run.matchEligible = true;
    input.matchTiers = plan.match.tiers;
  }
  if (!run.coreEligible && w.eligibility.core <= date) {
    run.coreEligible = true;
    input.coreRate = plan.core.rate;
  }
  if (env.ratesDependOnService || env.ratesDependOnAge) {
    const service = env.ratesDependOnService ? completedYears(w.hireDate, date) : 0;
    const age = env.ratesDependOnAge ? completedYears(w.birthDate, date) : 0;
    if (run.matchEligible && env.ratesDependOnService) input.matchTiers = matchTiersFor(plan.match, service);
    if (run.coreEligible) input.coreRate = coreRateFor(plan.core, age, service);
  }
  input.grossPay = gross;
  input.planComp = comp;
  const r = contributePeriod(input, run.periodLimits, ytd, run.result);
  addPeriod(ytd, gross, comp, r);
  if (run.planEligible) w.deferralComp = (w.deferralComp + comp) as Cents;
  if (run.matchEligible) w.matchComp = (w.matchComp + comp) as Cents;

  const flag = r.limitApplied;
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
  const flags = w.yearFlags;
  if (r.reached402g && (flags & YearFlag.reached402g) === 0) {
    w.yearFlags |= YearFlag.reached402g;
    emitLimitNotice(w, env, date, '402g_limit_reached', limits.electiveDeferral, ytd.preTax + ytd.roth);
  }
  noteAdditions(w, env, date, limits.annualAdditions);
}

/** Emits `415c_limit_reached` the first time annual additions reach the 415(c) dollar limit (reading 7). */
export function noteAdditions(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate, limit: Cents = env.limits(w.year).annualAdditions): void {
  if ((w.yearFlags & YearFlag.reached415c) === 0 && w.ytd.annualAdditions === limit) {
    w.yearFlags |= YearFlag.reached415c;
    emitLimitNotice(w, env, date, '415c_limit_reached', limit, w.ytd.annualAdditions);
  }
}
