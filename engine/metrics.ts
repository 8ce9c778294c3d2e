/**
 * The per-year summary a plan sponsor reads first (issue: "what a user sees"): headcount flow,
 * participation, deferrals, employer cost, forfeitures and compliance, computed from the
 * participants' year summaries and the plan's year, in integers (rates in bp).
 */
import type { BasisPoints, Cents } from '../rules/units.js';
import { BP_PER_UNIT, formatMoney, formatRate, roundHalfUp } from '../rules/units.js';
import type { YearSummary } from '../actors/participant/participant.js';
import type { PlanYear } from '../actors/plan/machine.js';

export interface YearMetrics {
  readonly year: number;
  readonly headcountStart: number;
  readonly hires: number;
  readonly terminations: number;
  readonly headcountEnd: number;
  readonly eligible: number;
  readonly deferring: number;
  /** Enrolled and deferring / eligible, on Dec 31. */
  readonly participationRate: BasisPoints;
  /** Mean deferral rate of those deferring on Dec 31. */
  readonly averageDeferralRate: BasisPoints;
  readonly employeeDeferrals: Cents;
  readonly employerMatch: Cents;
  readonly employerCore: Cents;
  readonly forfeitureAllocations: Cents;
  readonly forfeitures: Cents;
  readonly forfeituresUsed: Cents;
  readonly payroll: Cents;
  /** (match + core + allocations − forfeitures used) / payroll. */
  readonly employerCostRate: BasisPoints;
  readonly hceCount: number;
  readonly at402gLimit: number;
  readonly adpPassed: boolean | null;
  readonly acpPassed: boolean | null;
}

const ratio = (num: number, den: number): BasisPoints => (den <= 0 ? 0 : roundHalfUp(num * BP_PER_UNIT, den)) as BasisPoints;

export function yearMetrics(year: number, summaries: readonly YearSummary[], plan: PlanYear): YearMetrics {
  let headcountStart = 0;
  let hires = 0;
  let terminations = 0;
  let headcountEnd = 0;
  let eligible = 0;
  let deferring = 0;
  let rateSum = 0;
  let deferrals = 0;
  let match = 0;
  let core = 0;
  let allocations = 0;
  let payroll = 0;
  let at402g = 0;
  for (const s of summaries) {
    if (s.employedOnJan1) headcountStart++;
    if (s.hiredInYear) hires++;
    if (s.terminatedInYear) terminations++;
    if (s.employedOnDec31) headcountEnd++;
    if (s.eligibleOnDec31) eligible++;
    if (s.eligibleOnDec31 && s.deferringOnDec31) {
      deferring++;
      rateSum += s.deferralRate;
    }
    deferrals += s.employeeContributions;
    match += s.matchContributions;
    core += s.coreContributions;
    allocations += s.forfeitureAllocations;
    payroll += s.grossPay;
    if (s.reached402g) at402g++;
  }
  const employerCost = match + core + allocations - plan.usedForEmployer;
  return {
    year,
    headcountStart,
    hires,
    terminations,
    headcountEnd,
    eligible,
    deferring,
    participationRate: ratio(deferring, eligible),
    averageDeferralRate: (deferring === 0 ? 0 : roundHalfUp(rateSum, deferring)) as BasisPoints,
    employeeDeferrals: deferrals as Cents,
    employerMatch: match as Cents,
    employerCore: core as Cents,
    forfeitureAllocations: allocations as Cents,
    forfeitures: plan.forfeited,
    forfeituresUsed: plan.usedForEmployer,
    payroll: payroll as Cents,
    employerCostRate: ratio(employerCost, payroll),
    hceCount: plan.hceCount,
    at402gLimit: at402g,
    adpPassed: plan.adpPassed,
    acpPassed: plan.acpPassed,
  };
}

const MONEY_FIELDS = ['employeeDeferrals', 'employerMatch', 'employerCore', 'forfeitureAllocations', 'forfeitures', 'forfeituresUsed', 'payroll'] as const;
const RATE_FIELDS = ['participationRate', 'averageDeferralRate', 'employerCostRate'] as const;

/** Metrics in interchange form (RULES.md §1): money as "1234.50", rates as "0.0600". */
export function metricsJson(m: YearMetrics): Record<string, unknown> {
  const out: Record<string, unknown> = { ...m };
  for (const k of MONEY_FIELDS) out[k] = formatMoney(m[k]);
  for (const k of RATE_FIELDS) out[k] = formatRate(m[k]);
  return out;
}

/** The rows of the summary table: label, then one formatter per metric. */
export const METRIC_COLUMNS: ReadonlyArray<readonly [string, (m: YearMetrics) => string]> = [
  ['headcount start', (m) => String(m.headcountStart)],
  ['hires', (m) => String(m.hires)],
  ['terminations', (m) => String(m.terminations)],
  ['headcount end', (m) => String(m.headcountEnd)],
  ['participation', (m) => percent(m.participationRate)],
  ['avg deferral rate', (m) => percent(m.averageDeferralRate)],
  ['employee deferrals', (m) => dollars(m.employeeDeferrals)],
  ['employer match', (m) => dollars(m.employerMatch)],
  ['employer core', (m) => dollars(m.employerCore)],
  ['forfeitures', (m) => dollars(m.forfeitures)],
  ['employer cost % pay', (m) => percent(m.employerCostRate)],
  ['HCEs', (m) => String(m.hceCount)],
  ['at 402(g) limit', (m) => String(m.at402gLimit)],
  ['ADP test', (m) => verdict(m.adpPassed)],
  ['ACP test', (m) => verdict(m.acpPassed)],
];

/** A rate in bp as a percentage with two decimals ("61.25%"), exactly. */
export function percent(r: number): string {
  const [whole = '0', frac = '0000'] = formatRate(Math.abs(r)).split('.'); // 6125 → "0.6125"
  return `${r < 0 ? '-' : ''}${Number(whole) * 100 + Number(frac.slice(0, 2))}.${frac.slice(2)}%`;
}

/** Money as whole dollars with thousands separators (the table is for reading, the log is exact). */
export function dollars(c: number): string {
  const whole = formatMoney(roundHalfUp(c, 100) * 100).split('.')[0]!;
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

const verdict = (passed: boolean | null): string => (passed === null ? '—' : passed ? 'pass' : 'FAIL');

/** The summary as a text table: one row per metric, one column per year. */
export function metricsTable(years: readonly YearMetrics[]): string {
  const header = ['', ...years.map((m) => String(m.year))];
  const rows = METRIC_COLUMNS.map(([label, f]) => [label, ...years.map(f)]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (r: readonly string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
