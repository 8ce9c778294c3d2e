/**
 * The input events of a run, by year and employee: the census as hires on the start date
 * (CONTRACTS.md reading 2) and the scenario's scripted events. Scripted events of one employee
 * must already be in date order: reordering them would absorb a mistake the participant
 * machine has to refuse.
 */
import type { IsoDate } from '../rules/calendar.js';
import { jan1, yearOf } from '../rules/calendar.js';
import type { BasisPoints } from '../rules/units.js';
import type { DerivedEvent, ScriptedEvent } from '../actors/events/index.js';
import { RefusedEventError } from '../actors/participant/participant.js';
import type { CensusRow } from './census/row.js';
import type { Input } from './year-loop.js';

/** Inputs of one year, by employee. */
export type YearInputs = Map<string, Input[]>;

/** A census row as the hire that brings the employee into the run on the start date. */
export function censusHire(row: CensusRow, start: IsoDate): Input {
  const event: DerivedEvent = {
    employeeId: row.employeeId,
    effectiveDate: start,
    payload: {
      eventType: 'hire',
      hireDate: row.hireDate,
      birthDate: row.birthDate,
      department: row.department ?? 'unassigned',
      jobLevel: row.jobLevel,
      annualCompensation: row.annualCompensation,
    },
  };
  const elects = row.deferralRate > 0 || row.rothRate > 0;
  return {
    event,
    census: {
      priorYearComp: row.priorYearCompensation,
      election: elects ? { preTax: row.deferralRate as BasisPoints, roth: row.rothRate as BasisPoints } : null,
      balances: row.balances,
    },
  };
}

function push(byYear: Map<number, YearInputs>, year: number, employeeId: string, input: Input): void {
  let y = byYear.get(year);
  if (y === undefined) byYear.set(year, (y = new Map()));
  let list = y.get(employeeId);
  if (list === undefined) y.set(employeeId, (list = []));
  list.push(input);
}

/** The census hires and scripted events of a run, grouped by plan year then employee. */
export function scriptedInputs(
  census: readonly CensusRow[],
  events: readonly ScriptedEvent[],
  startYear: number,
  years: number,
): Map<number, YearInputs> {
  const start = jan1(startYear);
  const byYear = new Map<number, YearInputs>();
  for (const row of census) push(byYear, startYear, row.employeeId, censusHire(row, start));
  const last = new Map<string, IsoDate>();
  for (const e of events) {
    const id = e.employeeId;
    const what = `${id ?? '(no employee)'}: ${e.payload.eventType} on ${e.effectiveDate} refused`;
    if (id === undefined) throw new RefusedEventError(`${what}: scripted events need an employeeId`);
    const year = yearOf(e.effectiveDate);
    if (year < startYear || year >= startYear + years) {
      throw new RefusedEventError(`${what}: outside the simulated years ${startYear}-${startYear + years - 1}`);
    }
    const previous = last.get(id);
    if (previous !== undefined && e.effectiveDate < previous) {
      throw new RefusedEventError(`${what}: dated before the participant's previous event on ${previous}; events must come in date order`);
    }
    last.set(id, e.effectiveDate);
    push(byYear, year, id, { event: { employeeId: id, effectiveDate: e.effectiveDate, payload: e.payload } });
  }
  return byYear;
}
