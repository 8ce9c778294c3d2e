/**
 * The IRS limits of a plan year (RULES.md §2), from the dated parameter files in
 * `rules/parameters/irs/` (read once, here, at module load), projected past the last known
 * year by `limits.indexRate` and overridden by the plan design. See docs/plan-design.md
 * "limits" for the projection arithmetic.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { completedYears, dec31, type IsoDate } from './calendar.js';
import { cents, type BasisPoints, type Cents } from './units.js';
import { LIMIT_NAMES, LIMIT_PARAMETERS, type IrsLimitValues, type LimitName } from './limit-values.js';
import { ParameterError, loadParameterDirectory, type Parameter } from './parameters.js';
import type { PlanDesign } from './plan-design.js';

export type { IrsLimitValues, LimitName } from './limit-values.js';

export interface IrsLimits extends IrsLimitValues {
  readonly year: number;
  /** True when some value of the year is projected (past the last known year, or a `projected` file value). */
  readonly projected: boolean;
}

/** The limit parameters, checked complete. */
export interface LimitTable {
  readonly parameters: Readonly<Record<LimitName, Parameter>>;
  /** The first year every limit has a value for; earlier years are out of range. */
  readonly firstYear: number;
}

/** The IRS parameter directory shipped with the engine. */
export const IRS_PARAMETER_DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'parameters', 'irs');

/** Loads a directory of limit files: exactly one file per limit, no other file. */
export function loadLimitTable(dir: string): LimitTable {
  const loaded = loadParameterDirectory(dir);
  const problems: string[] = [];
  const expected = new Set(LIMIT_NAMES.map((n) => LIMIT_PARAMETERS[n].file));
  for (const name of loaded.keys()) {
    if (!expected.has(name)) problems.push(`${join(dir, `${name}.yaml`)}: not a known IRS limit (expected one of ${[...expected].join(', ')})`);
  }
  const parameters = {} as Record<LimitName, Parameter>;
  let firstYear = -Infinity;
  for (const limit of LIMIT_NAMES) {
    const p = loaded.get(LIMIT_PARAMETERS[limit].file);
    if (p === undefined) {
      problems.push(`${join(dir, `${LIMIT_PARAMETERS[limit].file}.yaml`)}: missing`);
      continue;
    }
    parameters[limit] = p;
    firstYear = Math.max(firstYear, p.values[0]?.year ?? Infinity);
  }
  if (problems.length > 0) throw new ParameterError(problems);
  return Object.freeze({ parameters: Object.freeze(parameters), firstYear });
}

/** The engine's limits, loaded when this module is first imported. */
export const IRS_LIMIT_TABLE: LimitTable = loadLimitTable(IRS_PARAMETER_DIR);

/**
 * `last` indexed for `years` years at `indexRate`, compounded exactly (the unrounded amount
 * is carried from year to year, as the IRS carries its unrounded indexed base), then rounded
 * down to a multiple of `increment` (RULES.md §2), and never below `last`: indexing never
 * lowers a limit, and the one known value that is not a multiple of its increment (the 60-63
 * catch-up, $11,250 with $500 steps) is carried forward until indexing reaches the next step
 * ($11,500). BigInt keeps (10000 + r)^n exact for any horizon.
 */
export function projectValue(last: number, indexRate: number, years: number, increment: number): Cents {
  if (years <= 0 || indexRate === 0) return cents(last);
  const num = BigInt(last) * BigInt(10_000 + indexRate) ** BigInt(years);
  const den = 10_000n ** BigInt(years) * BigInt(increment);
  return cents(Math.max(last, Number((num / den) * BigInt(increment))));
}

/** {@link limitsFor} on a given table (tests feed their own directories). */
export function limitsFromTable(table: LimitTable, year: number, plan?: Pick<PlanDesign, 'limits'>): IrsLimits {
  if (!Number.isSafeInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
  if (year < table.firstYear) {
    throw new RangeError(`no IRS limits before ${table.firstYear} (asked for ${year}); add the year to rules/parameters/irs/`);
  }
  const indexRate: BasisPoints | number = plan?.limits.indexRate ?? 0;
  const overrides = plan?.limits.overrides[String(year)] ?? {};
  const values = {} as IrsLimitValues;
  let projected = false;
  for (const limit of LIMIT_NAMES) {
    const override = overrides[limit];
    if (override !== undefined) {
      values[limit] = override;
      continue;
    }
    const known = table.parameters[limit].values;
    let inForce = known[0];
    for (const v of known) if (v.year <= year) inForce = v;
    if (inForce === undefined) throw new RangeError(`no value of ${limit} for ${year}`);
    const ahead = year - inForce.year;
    const isLast = inForce === known[known.length - 1];
    values[limit] = isLast ? projectValue(inForce.value, indexRate, ahead, LIMIT_PARAMETERS[limit].increment) : inForce.value;
    if (inForce.status === 'projected' || (isLast && ahead > 0)) projected = true;
  }
  return Object.freeze({ year, projected, ...values });
}

/**
 * The IRS limits of `year`: known years from the parameter files; later years projected from
 * the last known value at `plan.limits.indexRate` (default 0: carried forward); any value
 * replaced by `plan.limits.overrides["<year>"]`. Years before the first known year: RangeError.
 */
export function limitsFor(year: number, plan?: Pick<PlanDesign, 'limits'>): IrsLimits {
  const key = plan?.limits ?? NO_PLAN;
  let byYear = cache.get(key);
  if (byYear === undefined) cache.set(key, (byYear = new Map()));
  let limits = byYear.get(year);
  if (limits === undefined) byYear.set(year, (limits = limitsFromTable(IRS_LIMIT_TABLE, year, plan)));
  return limits;
}

/**
 * limitsFor runs in the pay-period loop: results are frozen, so they are cached per plan
 * `limits` object (plan designs are immutable; a WeakMap lets a discarded design go).
 */
const NO_PLAN = {};
const cache = new WeakMap<object, Map<number, IrsLimits>>();

/** The first year the 60-63 catch-up exists (SECURE 2.0 §109). */
export const CATCH_UP_6063_FROM = 2025;

/**
 * A participant's catch-up limit for `limits.year`: by age on Dec 31 of that year (CONTRACTS
 * reading 1 for Feb 29 birthdays), 0 under 50; from 2025 ages 60-63 get the 60-63 limit (by
 * statute never below the regular one, so the larger of the two); 50+ otherwise the regular one.
 */
export function catchUpLimit(limits: IrsLimits, birthDate: IsoDate): Cents {
  const age = completedYears(birthDate, dec31(limits.year));
  if (age < 50) return cents(0);
  if (limits.year >= CATCH_UP_6063_FROM && age >= 60 && age <= 63) return cents(Math.max(limits.catchUp, limits.catchUp6063));
  return limits.catchUp;
}
