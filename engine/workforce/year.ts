/**
 * One year of the workforce model for the year loop: pure functions of (context, year,
 * employees at Jan 1). The events are ordinary scripted input events; the year loop feeds
 * them through the same actors as a scenario's `events` (one path, not two).
 */
import type { DerivedEvent, ScriptedEvent } from '../../actors/events/index.js';
import type { IsoDate } from '../../rules/calendar.js';
import { addDays, dec31 } from '../../rules/calendar.js';
import { behaviourEvents } from './behaviour.js';
import { compensationEvents } from './compensation.js';
import type { WorkforceContext, WorkforceEmployee } from './employee.js';
import { yearWindow } from './employee.js';
import { hiresFor } from './hires.js';
import { existingTermination, terminationProbability } from './terminations.js';

/**
 * The events of the employees employed on Jan 1 of `year`: termination (if drawn), promotion
 * and merit, behaviour; nothing after the termination date. Per employee in date order,
 * employees in id order.
 */
export function yearEvents(ctx: WorkforceContext, year: number, employees: readonly WorkforceEmployee[]): ScriptedEvent[] {
  const out: DerivedEvent[] = [];
  for (const e of [...employees].sort((a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0))) {
    const term = existingTermination(ctx, year, e);
    const lastDay: IsoDate = term === null ? dec31(year) : addDays(term.effectiveDate, -1);
    const mine = [...compensationEvents(ctx, year, e, lastDay)];
    const { from } = yearWindow(e, year);
    mine.push(...behaviourEvents(ctx, year, e, from, lastDay));
    // Stable sort: same-day events keep their order (promotion, merit, then behaviour).
    mine.sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));
    out.push(...mine);
    if (term !== null) out.push(term);
  }
  return out;
}

/** Σ termination probabilities of the employees at Jan 1: the expected number leaving in `year`. */
export function expectedTerminations(ctx: WorkforceContext, year: number, employees: readonly WorkforceEmployee[]): number {
  let sum = 0;
  for (const e of employees) sum += terminationProbability(ctx, year, e).p / 10_000;
  return sum;
}

/**
 * The whole year: the employees' events, then the hires that bring the headcount to the
 * growth target in expectation, with their own events. Each employee's events are together
 * and in date order; existing employees in id order, then hires in id order.
 */
export function workforceYear(ctx: WorkforceContext, year: number, employees: readonly WorkforceEmployee[]): ScriptedEvent[] {
  return [...yearEvents(ctx, year, employees), ...hiresFor(ctx, year, employees.length, expectedTerminations(ctx, year, employees))];
}
