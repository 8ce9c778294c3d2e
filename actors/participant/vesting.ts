/**
 * Vesting of employer money (RULES.md §7-§8; CONTRACTS.md reading 12): the percentages on a
 * hire anniversary that changes them, and at termination, where the unvested part of each
 * employer source is forfeited.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { completedYears } from '../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import { BP_PER_UNIT } from '../../rules/units.js';
import { fullyVestedOnTermination, vestedAmount, vestedRate } from '../../rules/vesting.js';
import type { ContributionSource } from '../events/index.js';
import type { WorkingContext } from './context.js';
import { EMPLOYER_SOURCES } from './context.js';
import type { ParticipantEnvironment } from './environment.js';

/** Sets the vested rate of every employer source and emits a `vesting` event when a source with money changed or `always`. */
export function determineVesting(
  w: WorkingContext,
  env: ParticipantEnvironment,
  date: IsoDate,
  rateOf: (source: ContributionSource) => BasisPoints,
  always: boolean,
): void {
  let changed = false;
  const percentages: Partial<Record<ContributionSource, BasisPoints>> = {};
  const amounts: Partial<Record<ContributionSource, Cents>> = {};
  let funded = false;
  for (const source of EMPLOYER_SOURCES) {
    const rate = rateOf(source);
    const balance = w.balances[source] ?? 0;
    if (balance > 0) {
      funded = true;
      percentages[source] = rate;
      amounts[source] = vestedAmount(balance as Cents, rate);
      if (w.vested[source] !== rate) changed = true;
    }
    w.vested[source] = rate;
  }
  if (!funded || !(changed || always)) return;
  w.outbox.push({
    employeeId: w.employeeId,
    effectiveDate: date,
    payload: {
      eventType: 'vesting',
      planId: env.plan.planId,
      yearsOfService: completedYears(w.hireDate, date),
      vestedPercentages: percentages,
      sourceBalancesVested: amounts,
    },
  });
}

/** The hire anniversary on `date`: the schedule's rates at the new service. */
export function vestOnAnniversary(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate): void {
  const years = completedYears(w.hireDate, date);
  determineVesting(w, env, date, (s) => vestedRate(env.schedule(s), years), false);
}

/** Termination: final vesting (100 % on death, disability or age 65+), then forfeit the rest. */
export function vestOnTermination(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate): void {
  const t = w.termination!;
  const years = completedYears(w.hireDate, date);
  const full = fullyVestedOnTermination(t.reason, completedYears(w.birthDate, date));
  determineVesting(w, env, date, (s) => (full ? (BP_PER_UNIT as BasisPoints) : vestedRate(env.schedule(s), years)), true);
  for (const source of EMPLOYER_SOURCES) {
    const balance = w.balances[source] ?? 0;
    if (balance <= 0) continue;
    const rate = w.vested[source] ?? (0 as BasisPoints);
    const forfeited = balance - vestedAmount(balance as Cents, rate);
    if (forfeited <= 0) continue;
    w.balances[source] = (balance - forfeited) as Cents;
    w.forfeitedThisYear = (w.forfeitedThisYear + forfeited) as Cents;
    w.outbox.push({
      employeeId: w.employeeId,
      effectiveDate: date,
      payload: {
        eventType: 'forfeiture',
        planId: env.plan.planId,
        forfeitedFromSource: source,
        amount: forfeited as Cents,
        reason: 'unvested_termination',
        vestedPercentage: rate,
      },
    });
  }
}
