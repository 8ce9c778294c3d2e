/** Small builders for participant specs: a plan from interchange fields, events in code. */
import { planDesign } from '../../../rules/plan-design.js';
import type { IsoDate } from '../../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../../rules/units.js';
import type { DerivedEvent } from '../../../actors/events/index.js';
import { participantEnvironment } from '../../../actors/participant/environment.js';
import type { ParticipantEnvironment } from '../../../actors/participant/environment.js';

export const d = (s: string): IsoDate => s as IsoDate;

export function env(fields: Record<string, unknown> = {}, startYear = 2026): ParticipantEnvironment {
  return participantEnvironment(planDesign({ planId: 'P', planDesignId: 'D', ...fields }), startYear);
}

export const hire = (id: string, date: string, f: { hireDate?: string; birthDate?: string; pay?: number } = {}): DerivedEvent => ({
  employeeId: id,
  effectiveDate: d(date),
  payload: {
    eventType: 'hire',
    hireDate: d(f.hireDate ?? date),
    birthDate: d(f.birthDate ?? '1980-06-15'),
    department: 'ops',
    jobLevel: 3,
    annualCompensation: (f.pay ?? 6_240_000) as Cents,
  },
});

export const merit = (id: string, date: string, pay: number): DerivedEvent => ({
  employeeId: id,
  effectiveDate: d(date),
  payload: { eventType: 'merit', newCompensation: pay as Cents, meritPercentage: 300 as BasisPoints },
});

export const enroll = (id: string, date: string, pre: number, roth = 0): DerivedEvent => ({
  employeeId: id,
  effectiveDate: d(date),
  payload: {
    eventType: 'enrollment',
    planId: 'P',
    enrollmentDate: d(date),
    preTaxRate: pre as BasisPoints,
    rothRate: roth as BasisPoints,
    enrollmentSource: 'voluntary',
  },
});

export const change = (id: string, date: string, changeType: 'opt_out' | 'rate_change', pre = 0, roth = 0): DerivedEvent => ({
  employeeId: id,
  effectiveDate: d(date),
  payload: {
    eventType: 'enrollment_change',
    planId: 'P',
    changeType,
    newPreTaxRate: pre as BasisPoints,
    newRothRate: roth as BasisPoints,
  },
});

export const terminate = (
  id: string,
  date: string,
  reason: 'voluntary' | 'involuntary' | 'retirement' | 'death' | 'disability' = 'voluntary',
): DerivedEvent => ({
  employeeId: id,
  effectiveDate: d(date),
  payload: { eventType: 'termination', terminationReason: reason, finalPayDate: d(date) },
});

export const types = (events: readonly DerivedEvent[]): string[] =>
  events.map((e) => (e.payload.eventType === 'contribution' ? `contribution:${e.payload.source}` : e.payload.eventType));
