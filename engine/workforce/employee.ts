/**
 * What the workforce model knows of an employee at the start of a year, the context of a
 * run, and the small shared helpers: bands, probabilities in bp, dates within a year.
 */
import type { PlanDesign } from '../../rules/plan-design.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import { BP_PER_UNIT } from '../../rules/units.js';
import type { IsoDate } from '../../rules/calendar.js';
import { addDays, daysBetween, dec31, jan1, makeDate, maxDate } from '../../rules/calendar.js';
import { eligibilityDate } from '../../rules/eligibility.js';
import type { RandomStream } from '../random.js';
import type { CensusRow } from '../census/row.js';
import type { MonthDay } from './codec.js';
import type { WorkforceModel } from './model.js';

export interface WorkforceEmployee {
  readonly employeeId: string;
  readonly birthDate: IsoDate;
  readonly hireDate: IsoDate;
  readonly jobLevel: number;
  /** Annual compensation in effect on Jan 1 (on the hire date for a hire of the year). */
  readonly annualCompensation: Cents;
  /** Plan eligibility date; computed from `plan.eligibility` when absent. */
  readonly eligibilityDate?: IsoDate;
  /**
   * Has an election (or will get one from the census rate on the eligibility date): the
   * model then draws no voluntary enrollment and no opt-out before auto-enrollment.
   */
  readonly enrolled: boolean;
  /** When the enrollment takes effect, if it is later than Jan 1 (census rate waiting for eligibility). */
  readonly enrollmentDate?: IsoDate;
  readonly enrollmentSource: 'auto' | 'voluntary' | null;
  readonly preTaxRate: BasisPoints;
  readonly rothRate: BasisPoints;
  /** Has opted out (before or after auto-enrollment). */
  readonly optedOut: boolean;
}

/** Everything the model needs besides the year and the employees. */
export interface WorkforceContext {
  readonly model: WorkforceModel;
  readonly plan: PlanDesign;
  readonly seed: number;
  /** First simulated year: census employees are those hired before Jan 1 of it. */
  readonly startYear: number;
}

/** Index of the band a value falls in, for upper bounds (exclusive) `edges`. */
export function bandOf(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && value >= edges[i]!) i++;
  return i;
}

/** rate × factors (all bp), capped at 100 %: a probability in bp (floating point is fine for draws). */
export function scaled(rate: number, ...factors: readonly number[]): number {
  let p = rate;
  for (const f of factors) p = (p * f) / BP_PER_UNIT;
  return Math.min(p, BP_PER_UNIT);
}

/** A uniformly drawn date in [from, to] (both inclusive); from ≤ to. */
export function drawDate(s: RandomStream, from: IsoDate, to: IsoDate): IsoDate {
  return addDays(from, s.int(daysBetween(from, to) + 1));
}

export const onDay = (year: number, md: MonthDay): IsoDate => makeDate(year, md.month, md.day);

export function eligibilityOf(e: WorkforceEmployee, plan: PlanDesign): IsoDate {
  return e.eligibilityDate ?? eligibilityDate(e.birthDate, e.hireDate, plan.eligibility);
}

/** The days of `year` the employee is employed: from max(Jan 1, hire) to Dec 31. */
export function yearWindow(e: WorkforceEmployee, year: number): { from: IsoDate; to: IsoDate } {
  return { from: maxDate(jan1(year), e.hireDate), to: dec31(year) };
}

/**
 * A census employee as the model sees it at the start: a census election (pre-tax + Roth > 0)
 * counts as enrolled from max(eligibility, start) (CONTRACTS.md reading 2).
 */
export function fromCensusRow(row: CensusRow, plan: PlanDesign, startYear: number): WorkforceEmployee {
  const eligibility = eligibilityDate(row.birthDate, row.hireDate, plan.eligibility);
  const elects = row.deferralRate + row.rothRate > 0;
  const base = {
    employeeId: row.employeeId,
    birthDate: row.birthDate,
    hireDate: row.hireDate,
    jobLevel: row.jobLevel,
    annualCompensation: row.annualCompensation,
    eligibilityDate: eligibility,
    enrolled: elects,
    enrollmentSource: elects ? ('voluntary' as const) : null,
    preTaxRate: row.deferralRate,
    rothRate: row.rothRate,
    optedOut: false,
  };
  return elects ? { ...base, enrollmentDate: maxDate(eligibility, jan1(startYear)) } : base;
}
