/**
 * The employer nonelective ("core") contribution (RULES.md §6.3): a flat rate of plan
 * compensation for every participant eligible for core, enrolled or not.
 */
import type { BasisPoints, Cents } from './units.js';
import type { PlanDesign } from './plan-design.js';
import { applyRate } from './match.js';

/** Highest band reached: the rate of the entry with the largest threshold ≤ value, or null. */
function bandRate<T>(bands: readonly T[], threshold: (b: T) => number, rate: (b: T) => number, value: number): number | null {
  let best: number | null = null;
  let bestAt = -Infinity;
  for (const b of bands) {
    const at = threshold(b);
    if (at <= value && at > bestAt) {
      bestAt = at;
      best = rate(b);
    }
  }
  return best;
}

/**
 * The core rate for a participant of `age` with `yearsOfService` completed years. RULES.md has
 * only `core.rate`; the extensions `byService` and `byAge` are step schedules (the band with
 * the largest threshold reached applies). Our reading: the participant gets the most generous
 * of the base rate and the two bands reached, so adding a schedule never lowers anyone's core.
 */
export function coreRateFor(
  core: Pick<PlanDesign['core'], 'rate' | 'byService' | 'byAge'>,
  age: number,
  yearsOfService: number,
): BasisPoints {
  let rate: number = core.rate;
  const s = bandRate(core.byService, (b) => b.minYears, (b) => b.rate, yearsOfService);
  if (s !== null && s > rate) rate = s;
  const a = bandRate(core.byAge, (b) => b.minAge, (b) => b.rate, age);
  if (a !== null && a > rate) rate = a;
  return rate as BasisPoints;
}

/** Core for one period: roundHalfUp(comp × rate, 10000). */
export function coreAmount(comp: Cents, rate: BasisPoints): Cents {
  if (comp <= 0 || rate <= 0) return 0 as Cents;
  return applyRate(comp, rate) as Cents;
}
