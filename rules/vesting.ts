/**
 * Vesting (RULES.md §7): employer money vests by completed years of service (elapsed time,
 * CONTRACTS.md reading 1 for Feb 29 hires) on an immediate, cliff or graded schedule.
 */
import type { BasisPoints, Cents } from './units.js';
import type { VestingSchedule } from './plan-design.js';
import { applyRate } from './match.js';

export type TerminationReason = 'voluntary' | 'involuntary' | 'retirement' | 'death' | 'disability';

/** Normal retirement age: termination at or after it is fully vested (§7). */
export const NORMAL_RETIREMENT_AGE = 65;

/**
 * The vested rate (bp) after `yearsOfService` completed years. Cliff: 0 before `years`, 100 %
 * from then. Graded: the entry at index = completed years, the last entry holding for longer
 * service. An empty graded schedule is a plan-design error and throws.
 */
export function vestedRate(s: VestingSchedule, yearsOfService: number): BasisPoints {
  const years = yearsOfService > 0 ? yearsOfService : 0;
  switch (s.type) {
    case 'immediate':
      return 10_000 as BasisPoints;
    case 'cliff':
      return (years >= s.years ? 10_000 : 0) as BasisPoints;
    case 'graded': {
      const n = s.schedule.length;
      if (n === 0) throw new RangeError('vesting.schedule must have at least one entry (index = completed years)');
      return s.schedule[years < n ? years : n - 1] as BasisPoints;
    }
  }
}

/**
 * Whether a termination vests everything regardless of service: death, disability, or
 * termination at age ≥ 65 for any reason. Our reading: `retirement` before 65 (early
 * retirement) gets no special treatment, because §7 names only normal retirement age.
 */
export function fullyVestedOnTermination(reason: TerminationReason, ageOnTermination: number): boolean {
  return reason === 'death' || reason === 'disability' || ageOnTermination >= NORMAL_RETIREMENT_AGE;
}

/** The vested rate that applies at termination: 100 % when {@link fullyVestedOnTermination}. */
export function vestedRateOnTermination(
  s: VestingSchedule,
  yearsOfService: number,
  reason: TerminationReason,
  ageOnTermination: number,
): BasisPoints {
  return fullyVestedOnTermination(reason, ageOnTermination) ? (10_000 as BasisPoints) : vestedRate(s, yearsOfService);
}

/** roundHalfUp(balance × rate, 10000). */
export function vestedAmount(balance: Cents, rate: BasisPoints): Cents {
  if (balance === 0 || rate <= 0) return 0 as Cents;
  if (rate >= 10_000) return balance;
  return applyRate(balance, rate) as Cents;
}

/** balance − vested amount: what a termination forfeits (§8, CONTRACTS.md reading 12). */
export function forfeitedAmount(balance: Cents, rate: BasisPoints): Cents {
  return (balance - vestedAmount(balance, rate)) as Cents;
}
