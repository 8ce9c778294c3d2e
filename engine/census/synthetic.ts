/**
 * A synthetic census: realistic, documented distributions (docs/workforce.md "Census
 * generator"), deterministic for a seed. Employee i draws only from streams keyed by
 * (seed, `census-<i>`, startYear, decision), so employee 17 is the same in a census of 100
 * and of 10 000.
 */
import { stream } from '../random.js';
import { addDays, addMonths, daysBetween, jan1 } from '../../rules/calendar.js';
import { formatMoney, formatRate } from '../../rules/units.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import type { BalanceSource, CensusRow } from './row.js';

/** Every default of the generator; docs/workforce.md gives each one's source. */
export const CENSUS_DEFAULTS = {
  age: { mean: 42, sd: 11, min: 18, max: 70 },
  /** Mean of the exponential tenure, years (BLS median tenure 3.9 y ⇒ mean ≈ 3.9 / ln 2). */
  tenureMeanYears: 5.6,
  /** Relative weight of job levels 1..10. */
  levelWeights: [30, 22, 16, 11, 8, 5, 3.5, 2, 1.5, 1],
  /** Years past 18 per extra level: level ≤ 1 + floor((age − 18) / 4). */
  yearsPerLevel: 4,
  /** Median pay by level 1..10, dollars. */
  medianPayByLevel: [42_000, 52_000, 63_000, 76_000, 92_000, 112_000, 138_000, 172_000, 225_000, 320_000],
  /** Log-scale sd of pay within a level. */
  paySigma: 0.18,
  /** Mean and sd of last year's raise, to back out prior-year pay. */
  priorRaise: { mean: 0.035, sd: 0.01 },
  departments: [
    ['operations', 30],
    ['sales', 20],
    ['engineering', 18],
    ['customer_service', 14],
    ['finance', 8],
    ['hr', 5],
    ['legal', 5],
  ] as const,
  /** Share with a deferral election: base, +/- by age and pay (logistic-free, clamped to [0.15, 0.95]). */
  participation: { base: 0.62, perDecadeOver40: 0.06, per50kOver50k: 0.06 },
  /** Deferral rates chosen by participants, bp, with weights (clustering at 3/4/5/6/10 %). */
  deferralRates: [
    [200, 5],
    [300, 14],
    [400, 12],
    [500, 14],
    [600, 22],
    [700, 5],
    [800, 9],
    [1000, 11],
    [1200, 3],
    [1500, 5],
  ] as const,
  /** Share of participants who put part of the election in Roth, and the Roth share then. */
  roth: { share: 0.18, fractionOfElection: [0.5, 1] as const },
  /** Balances: years of saving counted (≤ tenure), growth of a saved dollar, match assumed for the history. */
  balances: { maxYears: 15, growth: 1.25, matchUpToBp: 600, matchRate: 0.5 },
} as const;

const pad = (i: number): string => String(i).padStart(6, '0');

/** The synthetic employee number `i` (1-based) as of Jan 1 of `startYear`. */
export function syntheticEmployee(seed: number, startYear: number, i: number): CensusRow {
  const D = CENSUS_DEFAULTS;
  const start = jan1(startYear);
  const key = `census-${i}`;
  const s = (decision: string) => stream(seed, key, startYear, decision);

  const ageYears = s('age').truncatedNormal(D.age.mean, D.age.sd, D.age.min, D.age.max + 0.999);
  const birthDate = addDays(start, -Math.max(Math.round(ageYears * 365.25), 18 * 366));

  const maxLevel = Math.min(10, 1 + Math.floor((ageYears - 18) / D.yearsPerLevel));
  const jobLevel = 1 + s('level').pick(D.levelWeights.slice(0, maxLevel));

  const tenureCap = Math.max(0, ageYears - 18);
  const tenureYears = Math.min(s('tenure').exponential(D.tenureMeanYears), tenureCap);
  let hireDate = addDays(start, -Math.round(tenureYears * 365.25));
  const adult = addMonths(birthDate, 12 * 18);
  if (hireDate < adult) hireDate = adult;
  if (hireDate > start) hireDate = start;

  const median = D.medianPayByLevel[jobLevel - 1]!;
  const dollars = Math.round(median * Math.exp(D.paySigma * s('pay').normal()));
  const annualCompensation = (dollars * 100) as Cents;

  const raise = D.priorRaise.mean + D.priorRaise.sd * s('prior-raise').normal();
  const priorStart = jan1(startYear - 1);
  const daysLastYear = Math.max(0, Math.min(daysBetween(hireDate, start), daysBetween(priorStart, start)));
  const priorDollars = Math.round(((dollars / (1 + raise)) * daysLastYear) / daysBetween(priorStart, start));
  const priorYearCompensation = (priorDollars * 100) as Cents;

  const department = D.departments[s('department').pick(D.departments.map((d) => d[1]))]![0];

  const p = D.participation;
  const prob = Math.min(0.95, Math.max(0.15, p.base + (p.perDecadeOver40 * (ageYears - 40)) / 10 + (p.per50kOver50k * (dollars - 50_000)) / 50_000));
  let deferralRate = 0;
  let rothRate = 0;
  const balances: Partial<Record<BalanceSource, Cents>> = {};
  if (s('participates').next() < prob) {
    const total: number = D.deferralRates[s('deferral-rate').pick(D.deferralRates.map((r) => r[1]))]![0];
    if (s('roth').next() < D.roth.share) {
      const [lo, hi] = D.roth.fractionOfElection;
      const share = lo + (hi - lo) * s('roth-share').int(2);
      rothRate = Math.round((total * share) / 100) * 100;
    }
    deferralRate = total - rothRate;
    const years = Math.min(tenureYears, D.balances.maxYears);
    const saved = (r: number): Cents => (Math.round((dollars * r * years * D.balances.growth) / 10_000) * 100) as Cents;
    if (years >= 1) {
      if (deferralRate > 0) balances.employee_pre_tax = saved(deferralRate);
      if (rothRate > 0) balances.employee_roth = saved(rothRate);
      balances.employer_match = saved(Math.min(total, D.balances.matchUpToBp) * D.balances.matchRate);
    }
  }
  return {
    employeeId: `E${pad(i)}`,
    birthDate,
    hireDate,
    annualCompensation,
    jobLevel,
    department,
    deferralRate: deferralRate as BasisPoints,
    rothRate: rothRate as BasisPoints,
    priorYearCompensation: daysLastYear > 0 ? priorYearCompensation : null,
    balances,
  };
}

export function syntheticCensus(n: number, seed: number, startYear: number): CensusRow[] {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${String(n)}`);
  const rows: CensusRow[] = [];
  for (let i = 1; i <= n; i++) rows.push(syntheticEmployee(seed, startYear, i));
  return rows;
}

const COLUMNS = [
  'employee_id', 'birth_date', 'hire_date', 'annual_compensation', 'job_level', 'department',
  'deferral_rate', 'roth_rate', 'prior_year_compensation',
  'balance_employee_pre_tax', 'balance_employee_roth', 'balance_employer_match',
] as const;

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Census CSV text (header + one line per row, `\n` line ends) that {@link parseCensusCsv} reads back. */
export function censusToCsv(rows: readonly CensusRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    const bal = (src: BalanceSource): string => {
      const v = r.balances[src];
      return v === undefined ? '' : formatMoney(v);
    };
    lines.push(
      [
        r.employeeId, r.birthDate, r.hireDate, formatMoney(r.annualCompensation), String(r.jobLevel), r.department ?? '',
        r.deferralRate > 0 ? formatRate(r.deferralRate) : '', r.rothRate > 0 ? formatRate(r.rothRate) : '',
        r.priorYearCompensation === null ? '' : formatMoney(r.priorYearCompensation),
        bal('employee_pre_tax'), bal('employee_roth'), bal('employer_match'),
      ].map(csvField).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
