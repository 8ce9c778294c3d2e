/**
 * Moves a participant through the calendar: every happening between its cursor and a target
 * (date, phase), in order. A happening is a (date, phase) of RULES.md's calendar: year start,
 * eligibility, enrollment, a vesting anniversary, a pay date, year end. Each is computed from
 * the context, so nothing is scheduled ahead and a restored snapshot continues exactly.
 *
 * Pay dates are most of the work (26 a year biweekly), so they run in a tight loop between
 * the rarer happenings instead of being searched for one at a time.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { addMonths, yearOf } from '../../rules/calendar.js';
import type { DayPhase, ParticipantContext, WorkingContext } from './context.js';
import { Phase, YearFlag, compareDayPhase, employedOn } from './context.js';
import type { ParticipantEnvironment, YearCalendar } from './environment.js';
import { announceEligibility, announcementDate, enrollPending, pendingEnrollmentDate } from './entry.js';
import { payRun, runPayDate } from './pay-date.js';
import { rollYear, yearStartItems } from './year-start.js';
import { vestOnAnniversary } from './vesting.js';
import { closeYear } from './year-end.js';

/** The hire anniversary in the participant's current year, if it changes a vesting rate while employed. */
function vestingAnniversary(ctx: ParticipantContext, env: ParticipantEnvironment, cal: YearCalendar): IsoDate | null {
  if (env.vestingChangeYears.size === 0) return null;
  const years = cal.year - yearOf(ctx.hireDate);
  if (years <= 0 || !env.vestingChangeYears.has(years)) return null;
  const date = addMonths(ctx.hireDate, 12 * years);
  return employedOn(ctx, date) ? date : null;
}

/** The earliest happening other than a pay date after the cursor. There is always one: the next year's start. */
export function nextHappening(ctx: ParticipantContext, env: ParticipantEnvironment, cal: YearCalendar): DayPhase {
  const c = ctx.cursor;
  const best: { date: IsoDate; phase: Phase } = { date: cal.nextJan1, phase: Phase.yearStart };
  if ((ctx.yearFlags & YearFlag.closed) === 0) consider(c, best, cal.dec31, Phase.yearEnd);
  if (ctx.termination === null || ctx.termination.date >= c.date) {
    if (!ctx.eligibilityAnnounced) {
      const d = announcementDate(ctx, env);
      if (employedOn(ctx, d)) consider(c, best, d, Phase.eligibility);
    }
    const enrollOn = pendingEnrollmentDate(ctx, env);
    if (enrollOn !== null && employedOn(ctx, enrollOn)) consider(c, best, enrollOn, Phase.entry);
    const anniversary = vestingAnniversary(ctx, env, cal);
    if (anniversary !== null) consider(c, best, anniversary, Phase.vesting);
  }
  return best;
}

/** Makes (d, p) the best candidate when it is after the cursor and before the best so far. */
function consider(c: DayPhase, best: { date: IsoDate; phase: Phase }, d: IsoDate, p: Phase): void {
  if (compareDayPhase(c, d, p) >= 0) return;
  if (d < best.date || (d === best.date && p < best.phase)) {
    best.date = d;
    best.phase = p;
  }
}

function perform(w: WorkingContext, env: ParticipantEnvironment, h: DayPhase): void {
  switch (h.phase) {
    case Phase.yearStart:
      rollYear(w, yearOf(h.date));
      if (employedOn(w, h.date)) yearStartItems(w, env, h.date);
      break;
    case Phase.eligibility:
      announceEligibility(w, env, h.date);
      break;
    case Phase.entry:
      enrollPending(w, env, h.date);
      break;
    case Phase.vesting:
      vestOnAnniversary(w, env, h.date);
      break;
    case Phase.yearEnd:
      closeYear(w, env, h.date);
      break;
    default:
      throw new RangeError(`no happening runs in phase ${h.phase}`);
  }
}

/** The index of the first of the ascending `dates` that is after `date` (`strict`) or on or after it. */
function firstIndexFrom(dates: readonly IsoDate[], date: IsoDate, strict: boolean): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = dates[mid]!;
    if (d < date || (strict && d === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Runs the pay dates after the cursor that come before (limitDate, limitPhase), while employed.
 * The stretch's first and last index are found by binary search, so the loop itself compares
 * no dates.
 */
function runPayDates(w: WorkingContext, env: ParticipantEnvironment, cal: YearCalendar, limitDate: IsoDate, limitPhase: Phase): void {
  const dates = cal.payDates;
  const c = w.cursor;
  // After the cursor: past a date already paid; not before the hire.
  let from = firstIndexFrom(dates, c.date, c.phase >= Phase.pay);
  if (dates[from] !== undefined && dates[from]! < w.hireDate) from = firstIndexFrom(dates, w.hireDate, false);
  // Up to the limit (a pay date on the limit date runs when its phase comes before the limit's),
  // and not past the termination date.
  let to = firstIndexFrom(dates, limitDate, Phase.pay <= limitPhase);
  if (w.termination !== null) {
    const end = firstIndexFrom(dates, w.termination.date, true);
    if (end < to) to = end;
  }
  if (from >= to) return;
  const run = payRun(w, env, cal);
  for (let i = from; i < to; i++) runPayDate(w, env, run, dates[i]!);
  w.cursor = { date: dates[to - 1]!, phase: Phase.pay };
}

/** Performs every happening after the cursor up to and including (date, phase), and moves the cursor there. */
export function advanceTo(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate, phase: Phase): void {
  for (;;) {
    const cal = env.calendar(w.year);
    const h = nextHappening(w, env, cal);
    const beyond = compareDayPhase(h, date, phase) > 0;
    if (beyond) runPayDates(w, env, cal, date, phase);
    else runPayDates(w, env, cal, h.date, h.phase);
    if (beyond) break;
    w.cursor = h;
    perform(w, env, h);
  }
  if (compareDayPhase(w.cursor, date, phase) < 0) w.cursor = { date, phase };
}
