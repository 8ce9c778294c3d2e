/**
 * What every participant of one run shares: the plan design, the simulation start and the
 * per-year facts derived from them. Kept out of the context so a snapshot stays small and a
 * plan design is held once, not once per participant.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { dec31, jan1 } from '../../rules/calendar.js';
import type { PlanDesign, VestingSchedule } from '../../rules/plan-design.js';
import type { IrsLimits } from '../../rules/limits.js';
import { IRS_LIMIT_TABLE, limitsFor } from '../../rules/limits.js';
import { payDates } from '../../rules/payroll.js';
import { vestedRate } from '../../rules/vesting.js';
import type { ContributionSource } from '../events/index.js';

/** The fixed dates of one plan year, computed once per run and year, not per participant. */
export interface YearCalendar {
  readonly year: number;
  readonly dec31: IsoDate;
  readonly nextJan1: IsoDate;
  readonly payDates: readonly IsoDate[];
  readonly limits: IrsLimits;
}

export interface ParticipantEnvironment {
  readonly plan: PlanDesign;
  /** Jan 1 of the first simulated year. */
  readonly startDate: IsoDate;
  limits(year: number): IrsLimits;
  /**
   * The 414(q) amount an HCE determination for `year` compares against: that of the year
   * before (RULES.md §9), or of the first known year when the year before has no published value.
   */
  hceThreshold(year: number): IrsLimits['hceThreshold'];
  payDates(year: number): readonly IsoDate[];
  calendar(year: number): YearCalendar;
  /** The vesting schedule of an employer source (true-up and allocations vest like the match). */
  schedule(source: ContributionSource): VestingSchedule;
  /** Completed years of service at which some employer schedule changes its rate. */
  readonly vestingChangeYears: ReadonlySet<number>;
  /** Whether age or service changes the match or core rate (skip computing them when not). */
  readonly ratesDependOnService: boolean;
  readonly ratesDependOnAge: boolean;
}

function changeYears(schedules: readonly VestingSchedule[]): Set<number> {
  const years = new Set<number>();
  for (const s of schedules) {
    const horizon = s.type === 'graded' ? s.schedule.length : s.type === 'cliff' ? s.years + 1 : 1;
    for (let y = 1; y <= horizon; y++) if (vestedRate(s, y) !== vestedRate(s, y - 1)) years.add(y);
  }
  return years;
}

export function participantEnvironment(plan: PlanDesign, startYear: number): ParticipantEnvironment {
  const limitCache = new Map<number, IrsLimits>();
  const frequency = plan.payroll.frequency;
  const calendars = new Map<number, YearCalendar>();
  return {
    plan,
    startDate: jan1(startYear),
    limits(year) {
      let l = limitCache.get(year);
      if (l === undefined) {
        l = limitsFor(year, plan);
        limitCache.set(year, l);
      }
      return l;
    },
    hceThreshold(year) {
      return this.limits(Math.max(year - 1, IRS_LIMIT_TABLE.firstYear)).hceThreshold;
    },
    payDates: (year) => payDates(year, frequency),
    calendar(year) {
      let c = calendars.get(year);
      if (c === undefined) {
        c = Object.freeze({ year, dec31: dec31(year), nextJan1: jan1(year + 1), payDates: payDates(year, frequency), limits: this.limits(year) });
        calendars.set(year, c);
      }
      return c;
    },
    schedule: (source) => (source === 'employer_nonelective' ? plan.core.vesting : plan.match.vesting),
    vestingChangeYears: changeYears([plan.match.vesting, plan.core.vesting]),
    ratesDependOnService: plan.match.serviceTiers.length > 0 || plan.core.byService.length > 0,
    ratesDependOnAge: plan.core.byAge.length > 0,
  };
}
