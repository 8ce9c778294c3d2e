/**
 * ADP and ACP nondiscrimination tests (RULES.md §10, CONTRACTS.md reading 15) with the IRS
 * two-step correction. The same code serves both tests: for ADP a member's `amount` is the
 * regular deferrals of Y (catch-up excluded), for ACP the match + true-up; `comp` is the plan
 * compensation of Y paid while eligible.
 *
 * Ratios and group averages are integer bp rounded half up; the limit max(1.25a, min(2a, a+200))
 * is compared exactly (×4 to stay in integers), so an HCE average of 375 passes against a = 300.
 *
 * ## Correction, when the test fails (and neither group is empty)
 * Step 1, total excess: the highest HCE ratios are lowered to one common level L, "one level
 * at a time", until the HCE group passes. L is the largest integer bp for which the HCE average
 * recomputed with every ratio min(rᵢ, L) (rounded half up, as the test itself rounds) meets the
 * limit, i.e. re-running the test on the leveled ratios passes. Found by bisection on
 * [0, max rᵢ]; the leveled average only grows with L, and L = 0 always passes. Each HCE whose
 * ratio is above L gives up amountᵢ − roundHalfUp(L × compᵢ, 10000) cents (its dollars above the
 * level, rounded once per HCE, never negative); the total excess is the sum of those cents.
 *
 * Step 2, refunds: the total excess is taken from the HCEs with the largest dollar amounts
 * first, leveling their dollars down: M is the largest whole cent with Σ max(0, amountᵢ − M)
 * ≥ total, and each HCE above M is refunded amountᵢ − M. That overshoots the total by
 * s < k cents (k = HCEs above M); one cent less is refunded to s of them, the first s in
 * ascending employeeId order, so the refunds sum to the total exactly and every leveled amount
 * is M or M + 1 cents. Refunds are listed in employeeId order, non-zero refunds only.
 *
 * A test that passes, or has no HCE or no NHCE, refunds nothing; `safeHarbor` is checked by
 * the caller, which then does not call this at all.
 */
import type { BasisPoints, Cents } from './units.js';
import { roundHalfUp, roundHalfUpBig } from './units.js';
import { applyRate } from './match.js';

/** amount / comp in bp, rounded half up; 0 when there is no pay. */
export function contributionRatio(amount: Cents, comp: Cents): BasisPoints {
  if (comp <= 0) return 0 as BasisPoints;
  const p = amount * 10_000;
  if (p < 2 ** 52 && p > -(2 ** 52)) return roundHalfUp(p, comp) as BasisPoints;
  return Number(roundHalfUpBig(BigInt(amount) * 10_000n, BigInt(comp))) as BasisPoints;
}

/** Mean of the ratios, bp rounded half up; 0 for an empty group. */
export function groupAverage(ratios: readonly BasisPoints[]): BasisPoints {
  if (ratios.length === 0) return 0 as BasisPoints;
  let sum = 0;
  for (const r of ratios) sum += r;
  return roundHalfUp(sum, ratios.length) as BasisPoints;
}

/** hceAvg ≤ max(1.25 a, min(2 a, a + 200)), compared exactly. */
export function testLimitPasses(hceAvg: BasisPoints, nhceAvg: BasisPoints): boolean {
  return 4 * hceAvg <= 5 * nhceAvg || (hceAvg <= 2 * nhceAvg && hceAvg <= nhceAvg + 200);
}

/** The limit as reported: max(roundHalfUp(1.25 a), min(2 a, a + 200)) in bp. */
export function testLimit(nhceAvg: BasisPoints): BasisPoints {
  const a = roundHalfUp(5 * nhceAvg, 4);
  const b = Math.min(2 * nhceAvg, nhceAvg + 200);
  return (a > b ? a : b) as BasisPoints;
}

export interface TestMember {
  employeeId: string;
  isHce: boolean;
  amount: Cents;
  comp: Cents;
}

export interface TestResult {
  hceAverage: BasisPoints;
  nhceAverage: BasisPoints;
  limit: BasisPoints;
  passed: boolean;
  totalExcess: Cents;
  refunds: readonly { employeeId: string; amount: Cents }[]; // employeeId order
}

const byId = (a: { employeeId: string }, b: { employeeId: string }): number =>
  a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0;

/** Step 1: the largest level L (bp) at which the leveled HCE average passes. */
export function levelRatio(hceRatios: readonly number[], nhceAvg: BasisPoints): BasisPoints {
  const n = hceRatios.length;
  const passesAt = (level: number): boolean => {
    let sum = 0;
    for (const r of hceRatios) sum += r < level ? r : level;
    return testLimitPasses(roundHalfUp(sum, n) as BasisPoints, nhceAvg);
  };
  let lo = 0;
  let hi = 0;
  for (const r of hceRatios) if (r > hi) hi = r;
  if (passesAt(hi)) return hi as BasisPoints;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (passesAt(mid)) lo = mid;
    else hi = mid;
  }
  return lo as BasisPoints;
}

/** Step 2: refunds summing exactly to `total`, leveling the largest amounts down. */
export function levelDollars(hces: readonly { employeeId: string; amount: Cents }[], total: Cents): { employeeId: string; amount: Cents }[] {
  if (total <= 0) return [];
  const over = (m: number): number => {
    let s = 0;
    for (const h of hces) if (h.amount > m) s += h.amount - m;
    return s;
  };
  let lo = 0; // over(lo) ≥ total (the total never exceeds the HCEs' own dollars)
  let hi = 0;
  for (const h of hces) if (h.amount > hi) hi = h.amount; // over(hi) = 0 < total
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (over(mid) >= total) lo = mid;
    else hi = mid;
  }
  const level = lo;
  let surplus = over(level) - total;
  const refunds: { employeeId: string; amount: Cents }[] = [];
  for (const h of [...hces].sort(byId)) {
    if (h.amount <= level) continue;
    let amount = h.amount - level;
    if (surplus > 0) {
      amount -= 1;
      surplus -= 1;
    }
    if (amount > 0) refunds.push({ employeeId: h.employeeId, amount: amount as Cents });
  }
  return refunds;
}

/** Runs the ADP (or ACP) test and, when it fails, the two-step correction. */
export function nondiscriminationTest(members: readonly TestMember[]): TestResult {
  const hces: TestMember[] = [];
  const hceRatios: BasisPoints[] = [];
  const nhceRatios: BasisPoints[] = [];
  for (const m of members) {
    const r = contributionRatio(m.amount, m.comp);
    if (m.isHce) {
      hces.push(m);
      hceRatios.push(r);
    } else nhceRatios.push(r);
  }
  const hceAverage = groupAverage(hceRatios);
  const nhceAverage = groupAverage(nhceRatios);
  const limit = testLimit(nhceAverage);
  const passed = hces.length === 0 || nhceRatios.length === 0 || testLimitPasses(hceAverage, nhceAverage);
  if (passed) return { hceAverage, nhceAverage, limit, passed, totalExcess: 0 as Cents, refunds: [] };

  const level = levelRatio(hceRatios, nhceAverage);
  let total = 0;
  hces.forEach((h, i) => {
    if ((hceRatios[i] as number) <= level) return;
    const excess = h.amount - applyRate(h.comp, level);
    if (excess > 0) total += excess;
  });
  return {
    hceAverage,
    nhceAverage,
    limit,
    passed,
    totalExcess: total as Cents,
    refunds: levelDollars(hces, total as Cents),
  };
}
