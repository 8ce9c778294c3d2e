/**
 * Vesting schedules in a plan design (RULES.md §7), and the ERISA minimum vesting standard
 * they must meet. ERISA §203(a)(2)(B) (IRC §411(a)(2)(B)), for employer contributions to a
 * defined contribution plan since 2007 (PPA 2006): 100 % after at most 3 years (cliff), or
 * at least 20 % after 2 years rising 20 % a year to 100 % after 6 (2-6 graded). A schedule
 * slower than both is not a legal plan, so it is rejected, not merely warned about.
 */
import { BP_PER_UNIT, bp, formatRate, type BasisPoints } from '../units.js';
import type { VestingSchedule } from '../plan-design.js';
import { join, type Reader } from './read.js';

/** The longest cliff ERISA allows for a DC plan. */
export const MAX_CLIFF_YEARS = 3;
/** The 2-6 graded minimum by completed years of service (the last value holds after). */
export const MIN_GRADED: readonly BasisPoints[] = Object.freeze([0, 0, 2000, 4000, 6000, 8000, 10000].map(bp));
/** RULES.md §7 default graded schedule (2-6). */
export const DEFAULT_GRADED: readonly BasisPoints[] = MIN_GRADED;

const TYPES = ['immediate', 'cliff', 'graded'] as const;

/** The schedule's vested rate after `years` completed years (the last entry holds for longer service). */
const gradedAt = (s: readonly BasisPoints[], years: number): number => s[Math.min(years, s.length - 1)] ?? 0;

export function readVesting(rd: Reader, value: unknown, path: string): VestingSchedule | undefined {
  const o = rd.object(value, path, ['type', 'years', 'schedule']);
  if (o === undefined) return undefined;
  if (o['type'] === undefined) {
    rd.fail(join(path, 'type'), `required (one of ${TYPES.join(', ')})`);
    return undefined;
  }
  const type = rd.oneOf(o, 'type', path, TYPES, 'immediate');
  if (type !== o['type']) return undefined;
  const misplaced = (key: string): void => {
    if (o[key] !== undefined) rd.fail(join(path, key), `not a field of ${type === 'immediate' ? 'an' : 'a'} ${type} schedule`);
  };
  switch (type) {
    case 'immediate':
      misplaced('years');
      misplaced('schedule');
      return { type };
    case 'cliff': {
      misplaced('schedule');
      const years = rd.integer(o, 'years', path, 3, 0, Number.MAX_SAFE_INTEGER);
      if (years > MAX_CLIFF_YEARS) {
        rd.fail(
          join(path, 'years'),
          `a cliff of ${years} years is longer than ERISA allows (at most ${MAX_CLIFF_YEARS} years, ERISA §203(a)(2)(B)(ii))`,
        );
        return undefined;
      }
      return { type, years };
    }
    case 'graded': {
      misplaced('years');
      if (o['schedule'] === undefined) return { type, schedule: DEFAULT_GRADED };
      return readGraded(rd, rd.array(o, 'schedule', path), join(path, 'schedule'));
    }
  }
}

function readGraded(rd: Reader, entries: readonly unknown[], path: string): VestingSchedule | undefined {
  if (entries.length === 0) {
    rd.fail(path, 'must list at least one vested rate (index = completed years of service)');
    return undefined;
  }
  const before = rd.errors.length;
  const schedule: BasisPoints[] = [];
  entries.forEach((e, i) => {
    const r = rd.rateValue(e, join(path, i));
    const prev = schedule[i - 1];
    if (r !== undefined && prev !== undefined && r < prev) {
      rd.fail(join(path, i), `must not be below the previous year's rate (${formatRate(prev)})`);
    }
    schedule.push(r ?? bp(0));
  });
  if (rd.errors.length > before) return undefined;
  const last = schedule[schedule.length - 1] ?? 0;
  if (last !== BP_PER_UNIT) {
    rd.fail(path, `must reach 1 (100 %): the last entry holds for longer service, got ${formatRate(last)}`);
    return undefined;
  }
  const meetsCliff = gradedAt(schedule, MAX_CLIFF_YEARS) === BP_PER_UNIT;
  if (!meetsCliff) {
    for (let y = 0; y < Math.max(schedule.length, MIN_GRADED.length); y++) {
      const min = gradedAt(MIN_GRADED, y);
      const got = gradedAt(schedule, y);
      if (got < min) {
        rd.fail(
          join(path, Math.min(y, schedule.length - 1)),
          `${formatRate(got)} after ${y} years of service is slower than ERISA allows ` +
            `(2-6 graded minimum ${formatRate(min)}, or 100 % after ${MAX_CLIFF_YEARS} years; ERISA §203(a)(2)(B))`,
        );
        return undefined;
      }
    }
  }
  return { type: 'graded', schedule: Object.freeze(schedule) };
}

export function encodeVesting(s: VestingSchedule): Record<string, unknown> {
  switch (s.type) {
    case 'immediate':
      return { type: 'immediate' };
    case 'cliff':
      return { type: 'cliff', years: s.years };
    case 'graded':
      return { type: 'graded', schedule: s.schedule.map(formatRate) };
  }
}
