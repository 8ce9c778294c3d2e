/**
 * Dec 31 (RULES.md §6 true-up, §8 reallocation; CONTRACTS.md readings 13-14): the match formula
 * once more on the year's totals for those employed on Dec 31, and the forfeiture allocation
 * the plan hands out; both within the 415(c) room.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { completedYears } from '../../rules/calendar.js';
import type { Cents } from '../../rules/units.js';
import { matchTiersFor } from '../../rules/match.js';
import { cutTo415c, trueUpAmount } from '../../rules/true-up.js';
import type { WorkingContext } from './context.js';
import { YearFlag } from './context.js';
import type { ParticipantEnvironment } from './environment.js';
import { contribute } from './emit.js';
import { noteAdditions } from './pay-date.js';

export function closeYear(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate): void {
  const match = env.plan.match;
  if (match.trueUp && w.termination === null && w.matchComp > 0) {
    const ytd = w.ytd;
    const deferral = ytd.preTax + ytd.roth + (match.onCatchUp ? ytd.catchUp : 0);
    const tiers = matchTiersFor(match, completedYears(w.hireDate, date));
    const due = trueUpAmount(tiers, deferral as Cents, w.matchComp, ytd.match as Cents, match.capRate);
    const amount = cutTo415c(due, env.limits(w.year), ytd);
    if (amount > 0) {
      ytd.trueUp += amount;
      ytd.annualAdditions += amount;
      contribute(w, env, date, 'employer_match_true_up', amount, ytd.trueUp, amount < due);
      noteAdditions(w, env, date);
    }
  }
  w.yearFlags |= YearFlag.closed;
}

/** A forfeiture allocation from the plan; returns what fitted (the rest stays in the plan's account). */
export function allocateForfeiture(w: WorkingContext, env: ParticipantEnvironment, date: IsoDate, offered: Cents): Cents {
  const amount = cutTo415c(offered, env.limits(w.year), w.ytd);
  if (amount <= 0) return 0 as Cents;
  w.ytd.forfeitureAllocation += amount;
  w.ytd.annualAdditions += amount;
  contribute(w, env, date, 'forfeiture_allocation', amount, w.ytd.forfeitureAllocation, amount < offered);
  noteAdditions(w, env, date);
  return amount;
}
