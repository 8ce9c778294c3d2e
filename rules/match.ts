/**
 * The employer match (RULES.md §6.2): a tiered formula evaluated in exact integer arithmetic.
 *
 *   match = roundHalfUp( Σᵢ rateᵢ × clamp(D × 10000 − C × upToᵢ₋₁, 0, C × (upToᵢ − upToᵢ₋₁)), 10⁸ )
 *
 * Each term is a rate (bp) times a slice of the deferral measured in cents × bp of pay, so the
 * whole sum is in cents × 10⁸ and is rounded once. The sum is bounded by maxRate × C × lastUpTo;
 * while that and D × 10000 are below 2^52 the sum is exact in `number` (the fast path every
 * realistic period takes); otherwise it is recomputed in BigInt, so a $100M pay check is still
 * matched to the cent.
 */
import type { BasisPoints, Cents } from './units.js';
import { roundHalfUp, roundHalfUpBig } from './units.js';
import type { MatchTier, PlanDesign } from './plan-design.js';

/** Below this every integer intermediate is exact in a double, with a factor-2 margin for the bound estimate. */
const SAFE = 2 ** 52;

function matchBig(tiers: readonly MatchTier[], deferral: number, comp: number): number {
  const d = BigInt(deferral) * 10000n;
  const c = BigInt(comp);
  let sum = 0n;
  let prev = 0n;
  for (const t of tiers) {
    const upTo = BigInt(t.upTo);
    let x = d - c * prev;
    if (x <= 0n) break;
    const width = c * (upTo - prev);
    if (x > width) x = width;
    if (x > 0n) sum += BigInt(t.rate) * x;
    prev = upTo;
  }
  return Number(roundHalfUpBig(sum, 100_000_000n));
}

/** roundHalfUp(comp × rate, 10000), exact for any comp (BigInt past 2^52). */
export function applyRate(comp: number, rate: number): number {
  const p = comp * rate;
  if (p < SAFE && p > -SAFE) return roundHalfUp(p, 10_000);
  return Number(roundHalfUpBig(BigInt(comp) * BigInt(rate), 10_000n));
}

/**
 * The match on a deferral `deferral` out of plan compensation `comp` (both cents) under
 * `tiers` (upTo increasing). With `capRate` (extension), the match is further limited to
 * roundHalfUp(comp × capRate, 10000). A zero or negative deferral or pay matches nothing.
 */
export function matchAmount(
  tiers: readonly MatchTier[],
  deferral: Cents,
  comp: Cents,
  capRate?: BasisPoints | null,
): Cents {
  const n = tiers.length;
  if (n === 0 || deferral <= 0 || comp <= 0) return 0 as Cents;
  let maxRate = 1;
  for (let i = 0; i < n; i++) {
    const r = (tiers[i] as MatchTier).rate;
    if (r > maxRate) maxRate = r;
  }
  const last = (tiers[n - 1] as MatchTier).upTo;
  const d = deferral * 10_000;
  let match: number;
  if (d < SAFE && comp * (last > 1 ? last : 1) * maxRate < SAFE) {
    let sum = 0;
    let prev = 0;
    for (let i = 0; i < n; i++) {
      const t = tiers[i] as MatchTier;
      let x = d - comp * prev;
      if (x <= 0) break; // upTo increases, so no later tier is reached either
      const width = comp * (t.upTo - prev);
      if (x > width) x = width;
      if (x > 0) sum += t.rate * x;
      prev = t.upTo;
    }
    match = roundHalfUp(sum, 100_000_000);
  } else {
    match = matchBig(tiers, deferral, comp);
  }
  if (capRate !== undefined && capRate !== null) {
    const cap = applyRate(comp, capRate);
    if (match > cap) match = cap;
  }
  return match as Cents;
}

/**
 * The tiers that apply at `yearsOfService` (extension `match.serviceTiers`): the entry with the
 * largest `minYears` not above the service, else the plan's base `match.tiers`.
 */
export function matchTiersFor(
  match: Pick<PlanDesign['match'], 'tiers' | 'serviceTiers'>,
  yearsOfService: number,
): readonly MatchTier[] {
  let best: readonly MatchTier[] = match.tiers;
  let bestYears = -1;
  for (const s of match.serviceTiers) {
    if (s.minYears <= yearsOfService && s.minYears > bestYears) {
      best = s.tiers;
      bestYears = s.minYears;
    }
  }
  return best;
}
