/**
 * Builders for the events a participant derives. The payloads are typed against the codecs'
 * types and built directly (not through the validating factories): this is the hot path, and
 * the specs decode every emitted event to prove the shapes stay valid.
 */
import type { IsoDate } from '../../rules/calendar.js';
import type { Cents } from '../../rules/units.js';
import type { ContributionSource } from '../events/index.js';
import type { WorkingContext } from './context.js';
import type { ParticipantEnvironment } from './environment.js';

/** Emits a contribution event and credits its source's balance. */
export function contribute(
  w: WorkingContext,
  env: ParticipantEnvironment,
  date: IsoDate,
  source: ContributionSource,
  amount: Cents,
  ytdAmount: number,
  irsLimitApplied: boolean,
): void {
  emitContribution(w, env, date, source, amount, ytdAmount, irsLimitApplied);
  credit(w, source, amount);
}

/** Emits a contribution event (the balance is credited by the caller). */
export function emitContribution(
  w: WorkingContext,
  env: ParticipantEnvironment,
  date: IsoDate,
  source: ContributionSource,
  amount: Cents,
  ytdAmount: number,
  irsLimitApplied: boolean,
): void {
  w.outbox.push({
    employeeId: w.employeeId,
    effectiveDate: date,
    payload: {
      eventType: 'contribution',
      planId: env.plan.planId,
      source,
      amount,
      payPeriodEnd: date,
      ytdAmount: ytdAmount as Cents,
      irsLimitApplied,
    },
  });
}

/** Adds to a source's balance. */
export function credit(w: WorkingContext, source: ContributionSource, amount: Cents): void {
  w.balances[source] = ((w.balances[source] ?? 0) + amount) as Cents;
}

export function emitLimitNotice(
  w: WorkingContext,
  env: ParticipantEnvironment,
  date: IsoDate,
  complianceType: '402g_limit_reached' | '415c_limit_reached' | 'catch_up_eligible',
  applicableLimit: number,
  currentAmount: number,
): void {
  w.outbox.push({
    employeeId: w.employeeId,
    effectiveDate: date,
    payload: {
      eventType: 'compliance',
      planId: env.plan.planId,
      complianceType,
      applicableLimit: applicableLimit as Cents,
      currentAmount: currentAmount as Cents,
      monitoringDate: date,
    },
  });
}
