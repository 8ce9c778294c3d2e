/**
 * The names of the IRS limits of RULES.md §2, shared by the parameter files (`rules/parameters/irs/`),
 * `limitsFor` and the plan design's `limits.overrides`. Kept apart from `limits.ts` so that decoding a
 * plan design does not need the parameter files to be read.
 */
import type { Cents } from './units.js';

/** One calendar year's IRS limits, in cents. */
export interface IrsLimitValues {
  /** §402(g)(1) elective deferral limit. */
  electiveDeferral: Cents;
  /** §414(v)(2)(B) catch-up limit, age 50 and over. */
  catchUp: Cents;
  /** §414(v)(2)(E) catch-up limit, age 60 to 63 (SECURE 2.0 §109); 0 before 2025. */
  catchUp6063: Cents;
  /** §415(c)(1)(A) annual additions limit. */
  annualAdditions: Cents;
  /** §401(a)(17) compensation limit. */
  compensation: Cents;
  /** §414(q)(1)(B) highly compensated employee threshold. */
  hceThreshold: Cents;
  /** §414(v)(7) Roth catch-up wage threshold (SECURE 2.0 §603); 0 before 2026 (not applicable). */
  rothCatchUpWageThreshold: Cents;
}

export type LimitName = keyof IrsLimitValues;

/** Each limit: its parameter file (without `.yaml`) and the IRS rounding increment in cents. */
export const LIMIT_PARAMETERS: Readonly<Record<LimitName, { readonly file: string; readonly increment: number }>> =
  Object.freeze({
    electiveDeferral: { file: 'elective_deferral_limit', increment: 500_00 },
    catchUp: { file: 'catch_up_limit', increment: 500_00 },
    catchUp6063: { file: 'catch_up_60_63_limit', increment: 500_00 },
    annualAdditions: { file: 'annual_additions_limit', increment: 1_000_00 },
    compensation: { file: 'compensation_limit', increment: 5_000_00 },
    hceThreshold: { file: 'hce_threshold', increment: 5_000_00 },
    rothCatchUpWageThreshold: { file: 'roth_catch_up_wage_threshold', increment: 5_000_00 },
  });

/** The limit names in their canonical (encoding) order. */
export const LIMIT_NAMES: readonly LimitName[] = Object.freeze(Object.keys(LIMIT_PARAMETERS) as LimitName[]);

export const isLimitName = (key: string): key is LimitName => Object.hasOwn(LIMIT_PARAMETERS, key);
