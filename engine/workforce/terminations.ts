/**
 * Terminations (docs/workforce.md "Terminations"): a probability per employee and year, not
 * a quota. Census and earlier hires: by tenure band × level factor, or the retirement rate
 * from the retirement age; hires of the year: the new-hire termination rate.
 */
import type { DerivedEvent, TerminationReason } from '../../actors/events/index.js';
import { events } from '../../actors/events/index.js';
import type { IsoDate } from '../../rules/calendar.js';
import { addDays, completedYears, dec31, jan1 } from '../../rules/calendar.js';
import { stream } from '../random.js';
import type { RandomStream } from '../random.js';
import type { WorkforceContext, WorkforceEmployee } from './employee.js';
import { drawDate, scaled } from './employee.js';

const REASONS = ['voluntary', 'involuntary', 'death', 'disability'] as const;

function reason(ctx: WorkforceContext, s: RandomStream): TerminationReason {
  const r = ctx.model.terminations.reasons;
  return REASONS[s.pick(REASONS.map((k) => r[k]))]!;
}

/** The annual termination probability (bp) of an employee employed on Jan 1 of `year`, and whether it is retirement. */
export function terminationProbability(ctx: WorkforceContext, year: number, e: WorkforceEmployee): { p: number; retirement: boolean } {
  const t = ctx.model.terminations;
  const on = jan1(year);
  if (completedYears(e.birthDate, on) >= t.retirementAge) return { p: t.retirementRate, retirement: true };
  const tenure = completedYears(e.hireDate, on);
  let rate = t.byTenure[0]!.rate;
  for (const band of t.byTenure) if (tenure >= band.minYears) rate = band.rate;
  return { p: scaled(rate, t.levelFactors[e.jobLevel - 1] ?? 10_000), retirement: false };
}

function termination(id: string, date: IsoDate, terminationReason: TerminationReason): DerivedEvent {
  return events.termination({ employeeId: id, effectiveDate: date, terminationReason, finalPayDate: date });
}

/** The termination of an employee employed on Jan 1 of `year`, or null. */
export function existingTermination(ctx: WorkforceContext, year: number, e: WorkforceEmployee): DerivedEvent | null {
  const s = stream(ctx.seed, e.employeeId, year, 'termination');
  const { p, retirement } = terminationProbability(ctx, year, e);
  if (!s.chanceBp(p)) return null;
  const from = e.hireDate > jan1(year) ? e.hireDate : jan1(year);
  return termination(e.employeeId, drawDate(s, from, dec31(year)), retirement ? 'retirement' : reason(ctx, s));
}

/** The in-year termination of a hire of `year` (strictly after the hire date), or null. */
export function newHireTermination(ctx: WorkforceContext, year: number, id: string, hireDate: IsoDate): DerivedEvent | null {
  if (hireDate >= dec31(year)) return null;
  const s = stream(ctx.seed, id, year, 'termination');
  if (!s.chanceBp(ctx.model.terminations.newHireRate)) return null;
  return termination(id, drawDate(s, addDays(hireDate, 1), dec31(year)), reason(ctx, s));
}
