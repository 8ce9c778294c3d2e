/**
 * Hiring (docs/workforce.md "Hiring"): enough hires that the headcount reaches the growth
 * target in expectation, given the expected terminations of the employees already there and
 * the new-hire termination rate. Hire i of year Y is `H<Y>-<i, 6 digits>` and draws only
 * from streams keyed by that id, so hire 17 is the same whether 20 or 2000 are hired.
 */
import type { DerivedEvent, ScriptedEvent } from '../../actors/events/index.js';
import { events } from '../../actors/events/index.js';
import type { IsoDate } from '../../rules/calendar.js';
import { addDays, dec31, jan1 } from '../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import { BP_PER_UNIT, roundHalfUp } from '../../rules/units.js';
import { stream } from '../random.js';
import { behaviourEvents } from './behaviour.js';
import type { WorkforceContext, WorkforceEmployee } from './employee.js';
import { drawDate } from './employee.js';
import { newHireTermination } from './terminations.js';

/** The id of hire `i` (1-based) of `year`: unique per year, sortable as text. */
export const hireId = (year: number, i: number): string => `H${year}-${String(i).padStart(6, '0')}`;

/**
 * Hires needed so that E[headcount on Dec 31] = headcount × (1 + growth):
 * survivors = headcount − expectedTerminations, and each hire stays with probability 1 − newHireRate.
 * A negative growth rate shrinks the workforce only by not replacing leavers (no forced layoffs).
 */
export function hiresNeeded(ctx: WorkforceContext, headcountAtStart: number, expectedTerminations: number): number {
  const target = roundHalfUp(headcountAtStart * (BP_PER_UNIT + ctx.model.growthRate), BP_PER_UNIT);
  const needed = target - (headcountAtStart - expectedTerminations);
  const stay = BP_PER_UNIT - ctx.model.terminations.newHireRate;
  if (needed <= 0 || stay <= 0) return 0;
  return Math.round((needed * BP_PER_UNIT) / stay);
}

/** Hire `i` of `year` as the model knows an employee (not enrolled, no election). */
export function newHire(ctx: WorkforceContext, year: number, i: number): WorkforceEmployee & { department: string } {
  const h = ctx.model.hiring;
  const id = hireId(year, i);
  // Streams drawn directly, not through a local helper: the TypeScript loader names each closure
  // as it is created (esbuild's keepNames), a tenth of a hire's cost on the main thread.
  const hireDate = drawDate(stream(ctx.seed, id, year, 'hire-date'), jan1(year), dec31(year));
  const jobLevel = 1 + stream(ctx.seed, id, year, 'hire-level').pick(h.levelMix);
  const age = h.ageByLevel[jobLevel - 1]!;
  const years = stream(ctx.seed, id, year, 'hire-age').truncatedNormal(age.mean, age.sd, 18, 64.99);
  const birthDate = addDays(hireDate, -Math.round(years * 365.25));
  const pay = h.payByLevel[jobLevel - 1]!;
  const dollars = Math.round((pay.median / 100) * Math.exp((pay.spread / BP_PER_UNIT) * stream(ctx.seed, id, year, 'hire-pay').normal()));
  const departments = Object.keys(h.departments).sort();
  const department = departments[stream(ctx.seed, id, year, 'hire-department').pick(departments.map((d) => h.departments[d]!))]!;
  return {
    employeeId: id,
    birthDate,
    hireDate,
    jobLevel,
    annualCompensation: (Math.max(1, dollars) * 100) as Cents,
    enrolled: false,
    enrollmentSource: null,
    preTaxRate: 0 as BasisPoints,
    rothRate: 0 as BasisPoints,
    optedOut: false,
    department,
  };
}

/**
 * The hires of `year` and everything the model does with them that year (their behaviour,
 * their in-year termination), each hire's events in date order, hires in id order.
 * `expectedTerminations` is Σ of the termination probabilities of the employees at Jan 1
 * ({@link expectedTerminations} in year.ts).
 */
export function hiresFor(ctx: WorkforceContext, year: number, headcountAtStart: number, expectedTerminations: number): ScriptedEvent[] {
  const n = hiresNeeded(ctx, headcountAtStart, expectedTerminations);
  const out: DerivedEvent[] = [];
  for (let i = 1; i <= n; i++) {
    const e = newHire(ctx, year, i);
    out.push(
      events.hire({ employeeId: e.employeeId, hireDate: e.hireDate, birthDate: e.birthDate, department: e.department, jobLevel: e.jobLevel, annualCompensation: e.annualCompensation }),
    );
    const term = newHireTermination(ctx, year, e.employeeId, e.hireDate);
    const lastDay: IsoDate = term === null ? dec31(year) : addDays(term.effectiveDate, -1);
    out.push(...behaviourEvents(ctx, year, e, e.hireDate, lastDay));
    if (term !== null) out.push(term);
  }
  return out;
}
