/**
 * The year-end match true-up (RULES.md §6, CONTRACTS.md reading 14): the match formula applied
 * once to the year's totals, so a participant who front-loads deferrals gets the match a
 * per-period formula would have missed.
 */
import type { BasisPoints, Cents } from './units.js';
import type { MatchTier } from './plan-design.js';
import type { IrsLimits } from './limits.js';
import type { YearToDate } from './contribution.js';
import { matchAmount } from './match.js';

/**
 * The true-up before 415(c): matchAmount(year deferral, year match compensation) − match paid,
 * never negative (a true-up only adds, it never claws back an over-match).
 */
export function trueUpAmount(
  tiers: readonly MatchTier[],
  yearDeferral: Cents,
  yearMatchComp: Cents,
  matchPaid: Cents,
  capRate?: BasisPoints | null,
): Cents {
  const due = matchAmount(tiers, yearDeferral, yearMatchComp, capRate);
  return (due > matchPaid ? due - matchPaid : 0) as Cents;
}

/**
 * The part of a Dec 31 employer amount (true-up, forfeiture allocation) that fits in the 415(c)
 * room: min(415(c) dollar limit, gross pay YTD) − annual additions YTD, never below 0. The
 * rest is cut (not contributed).
 */
export function cutTo415c(amount: Cents, limits: Pick<IrsLimits, 'annualAdditions'>, ytd: Readonly<YearToDate>): Cents {
  const cap = limits.annualAdditions < ytd.grossPay ? limits.annualAdditions : ytd.grossPay;
  const room = cap - ytd.annualAdditions;
  if (room <= 0 || amount <= 0) return 0 as Cents;
  return (amount < room ? amount : room) as Cents;
}
