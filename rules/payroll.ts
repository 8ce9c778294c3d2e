/**
 * The payroll calendar (RULES.md §3): which days are pay dates, what a period pays, and how
 * much of it counts as plan compensation under 401(a)(17).
 */
import type { Cents } from './units.js';
import { roundHalfUp } from './units.js';
import type { IsoDate } from './calendar.js';
import { addDays, endOfMonth, firstFriday, makeDate } from './calendar.js';
import type { PayFrequency } from './plan-design.js';

/** Pay periods in a plan year; fixed per frequency, so a 53-Friday year still pays 52 times. */
export function periodsPerYear(f: PayFrequency): number {
  switch (f) {
    case 'weekly':
      return 52;
    case 'biweekly':
      return 26;
    case 'semimonthly':
      return 24;
    case 'monthly':
      return 12;
  }
}

const cache = new Map<string, readonly IsoDate[]>();

function computePayDates(year: number, f: PayFrequency): IsoDate[] {
  const out: IsoDate[] = [];
  switch (f) {
    case 'weekly':
    case 'biweekly': {
      // §3: from the first Friday of the year, every 7 (14) days, exactly 52 (26) dates.
      const step = f === 'weekly' ? 7 : 14;
      const first = firstFriday(year);
      for (let i = 0; i < periodsPerYear(f); i++) out.push(addDays(first, i * step));
      break;
    }
    case 'semimonthly':
      for (let m = 1; m <= 12; m++) out.push(makeDate(year, m, 15), endOfMonth(year, m));
      break;
    case 'monthly':
      for (let m = 1; m <= 12; m++) out.push(endOfMonth(year, m));
      break;
  }
  return out;
}

/**
 * The pay dates of plan year `year`, ascending. Cached per (year, frequency) and frozen,
 * because every participant of a scenario walks the same calendar.
 */
export function payDates(year: number, f: PayFrequency): readonly IsoDate[] {
  const key = `${year}:${f}`;
  let dates = cache.get(key);
  if (dates === undefined) {
    dates = Object.freeze(computePayDates(year, f));
    cache.set(key, dates);
  }
  return dates;
}

/** Gross pay of one period: the annual rate divided by the periods, rounded half up once (§1, §3). */
export function grossPeriodPay(annual: Cents, f: PayFrequency): Cents {
  return roundHalfUp(annual, periodsPerYear(f)) as Cents;
}

/**
 * Plan compensation of a period: gross pay, but only up to what is left of the year's
 * 401(a)(17) limit, so once the limit is reached mid-year later periods count 0.
 */
export function planCompensation(gross: Cents, compLimit: Cents, countedSoFar: Cents): Cents {
  const room = compLimit - countedSoFar;
  if (room <= 0) return 0 as Cents;
  return (gross < room ? (gross < 0 ? 0 : gross) : room) as Cents;
}
