/**
 * Moves a participant through the calendar: every happening between its cursor and a target
 * (date, phase), in order. A happening is a (date, phase) of RULES.md's calendar: year start,
 * eligibility, enrollment, a vesting anniversary, a pay date, year end. Each is computed from
 * the context, so nothing is scheduled ahead and a restored snapshot continues exactly.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { addMonths, completedYears, dec31, jan1, yearOf } from '../../rules/calendar.js';
import type { DayPhase, ParticipantContext, WorkingContext } from './context.js';
import { Phase, YearFlag, compareDayPhase, employedOn } from './context.js';
import type { ParticipantEnvironment } from './environment.js';
import { announceEligibility, announcementDate, enrollPending, pendingEnrollmentDate } from './entry.js';
import { runPayDate } from './pay-date.js';
import { rollYear, yearStartItems } from './year-start.js';
import { vestOnAnniversary } from './vesting.js';
import { closeYear } from './year-end.js';

const after = (c: DayPhase, date: IsoDate, phase: Phase): boolean => compareDayPhase(c, date, phase) < 0;

/** The next pay date after the cursor in the participant's current year, while employed. */
function nextPayDate(ctx: ParticipantContext, env: ParticipantEnvironment): IsoDate | null {
  const dates = env.payDates(ctx.year);
  const c = ctx.cursor;
  // Binary search for the first date not before the cursor's date.
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid]! < c.date) lo = mid + 1;
    else hi = mid;
  }
  if (lo < dates.length && dates[lo] === c.date && c.phase >= Phase.pay) lo++;
  const d = dates[lo];
  if (d === undefined || !employedOn(ctx, d)) return null;
  return d;
}

/** The next hire anniversary after the cursor at which some vesting rate changes, within the year. */
function nextVestingAnniversary(ctx: ParticipantContext, env: ParticipantEnvironment): IsoDate | null {
  if (env.vestingChangeYears.size === 0) return null;
  const c = ctx.cursor;
  let years = completedYears(ctx.hireDate, c.date);
  let date = addMonths(ctx.hireDate, 12 * years);
  if (!(date === c.date && c.phase < Phase.vesting)) {
    years += 1;
    date = addMonths(ctx.hireDate, 12 * years);
  }
  if (years <= 0 || date > dec31(ctx.year) || !env.vestingChangeYears.has(years) || !employedOn(ctx, date)) return null;
  return date;
}

type Happening = { date: IsoDate; phase: Phase };

/** The earliest happening after the cursor. There is always one: the next year's start. */
export function nextHappening(ctx: ParticipantContext, env: ParticipantEnvironment): Happening {
  let best: Happening = { date: jan1(ctx.year + 1), phase: Phase.yearStart };
  const consider = (date: IsoDate | null, phase: Phase): void => {
    if (date === null || !after(ctx.cursor, date, phase)) return;
    if (date < best.date || (date === best.date && phase < best.phase)) best = { date, phase };
  };
  if ((ctx.yearFlags & YearFlag.closed) === 0) consider(dec31(ctx.year), Phase.yearEnd);
  if (ctx.termination !== null && ctx.termination.date < ctx.cursor.date) return best;
  if (!ctx.eligibilityAnnounced) {
    const d = announcementDate(ctx, env);
    if (employedOn(ctx, d)) consider(d, Phase.eligibility);
  }
  const enrollOn = pendingEnrollmentDate(ctx, env);
  if (enrollOn !== null && employedOn(ctx, enrollOn)) consider(enrollOn, Phase.entry);
  consider(nextVestingAnniversary(ctx, env), Phase.vesting);
  consider(nextPayDate(ctx, env), Phase.pay);
  return best;
}

function perform(w: WorkingContext, env: ParticipantEnvironment, h: Happening): void {
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
    case Phase.pay:
      runPayDate(w, env, h.date);
      break;
    case Phase.yearEnd:
      closeYear(w, env, h.date);
      break;
    default:
      throw new RangeError(`no happening runs in phase ${h.phase}`);
  }
}

/** Performs every happening after the cursor up to and including (date, phase), and moves the cursor there. */
export function advanceTo(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate, phase: Phase): void {
  for (;;) {
    const h = nextHappening(w, env);
    if (compareDayPhase(h, date, phase) > 0) break;
    w.cursor = h;
    perform(w, env, h);
  }
  if (compareDayPhase(w.cursor, date, phase) < 0) w.cursor = { date, phase };
}
