/**
 * The what-if comparison: for each year, every metric of the run summary (the rows of
 * METRIC_COLUMNS) for each variant side by side, and each variant's difference from the
 * first. As a text table for reading, and as JSON and CSV in interchange form (money
 * "1234.50", rates "0.0600", counts as integers) for spreadsheets and scripts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMoney, formatRate } from '../../rules/units.js';
import { dollars, percent } from '../metrics.js';
import type { YearMetrics } from '../metrics.js';
import type { WhatIfOutcome } from './run.js';

type Kind = 'count' | 'money' | 'rate' | 'verdict';

/** The summary's metrics, in METRIC_COLUMNS order and with its labels (a spec keeps them in step). */
export const WHATIF_METRICS: ReadonlyArray<{ readonly metric: keyof YearMetrics; readonly label: string; readonly kind: Kind }> = [
  { metric: 'headcountStart', label: 'headcount start', kind: 'count' },
  { metric: 'hires', label: 'hires', kind: 'count' },
  { metric: 'terminations', label: 'terminations', kind: 'count' },
  { metric: 'headcountEnd', label: 'headcount end', kind: 'count' },
  { metric: 'participationRate', label: 'participation', kind: 'rate' },
  { metric: 'averageDeferralRate', label: 'avg deferral rate', kind: 'rate' },
  { metric: 'employeeDeferrals', label: 'employee deferrals', kind: 'money' },
  { metric: 'employerMatch', label: 'employer match', kind: 'money' },
  { metric: 'employerCore', label: 'employer core', kind: 'money' },
  { metric: 'forfeitures', label: 'forfeitures', kind: 'money' },
  { metric: 'employerCostRate', label: 'employer cost % pay', kind: 'rate' },
  { metric: 'hceCount', label: 'HCEs', kind: 'count' },
  { metric: 'at402gLimit', label: 'at 402(g) limit', kind: 'count' },
  { metric: 'adpPassed', label: 'ADP test', kind: 'verdict' },
  { metric: 'acpPassed', label: 'ACP test', kind: 'verdict' },
];

/** A value in interchange form: counts as numbers, money and rates as strings, verdicts "pass"/"fail"/null. */
type Cell = number | string | null;

const verdict = (v: unknown): Cell => (v === null ? null : v ? 'pass' : 'fail');

function value(kind: Kind, v: unknown): Cell {
  if (kind === 'count') return v as number;
  if (kind === 'money') return formatMoney(v as number);
  if (kind === 'rate') return formatRate(v as number);
  return verdict(v);
}

/** Variant − first: counts and money and rates subtract exactly; a verdict says "same" or "changed". */
function difference(kind: Kind, v: unknown, first: unknown): Cell {
  if (kind === 'verdict') return v === first ? 'same' : 'changed';
  const d = (v as number) - (first as number);
  return kind === 'count' ? d : kind === 'money' ? formatMoney(d) : formatRate(d);
}

export interface ComparisonRow {
  readonly metric: keyof YearMetrics;
  readonly label: string;
  /** By variant name. */
  readonly values: Readonly<Record<string, Cell>>;
  /** By variant name, every variant but the first. */
  readonly differences: Readonly<Record<string, Cell>>;
}

export interface Comparison {
  readonly whatifId: string;
  readonly seed: number;
  readonly startYear: number;
  readonly years: number;
  /** The variant the others are compared with. */
  readonly baseline: string;
  readonly variants: ReadonlyArray<{ readonly name: string; readonly scenarioId: string; readonly planDesignId: string }>;
  readonly fork: { readonly from: string; readonly scenarioId: string; readonly year: number } | null;
  readonly table: ReadonlyArray<{ readonly year: number; readonly rows: readonly ComparisonRow[] }>;
}

/** The comparison of a what-if's outcome (the JSON written to `whatif.json`). */
export function comparison(outcome: WhatIfOutcome): Comparison {
  const { whatif, variants } = outcome;
  const [first, ...others] = variants;
  if (first === undefined) throw new RangeError('a what-if has at least one variant');
  const byYear = (v: (typeof variants)[number], year: number): YearMetrics => {
    const m = v.metrics.find((x) => x.year === year);
    if (m === undefined) throw new RangeError(`variant ${v.name} has no metrics for ${year}`);
    return m;
  };
  const table = first.metrics.map((fm) => ({
    year: fm.year,
    rows: WHATIF_METRICS.map(({ metric, label, kind }) => ({
      metric,
      label,
      values: Object.fromEntries(variants.map((v) => [v.name, value(kind, byYear(v, fm.year)[metric])])),
      differences: Object.fromEntries(others.map((v) => [v.name, difference(kind, byYear(v, fm.year)[metric], fm[metric])])),
    })),
  }));
  return {
    whatifId: whatif.whatifId,
    seed: whatif.seed,
    startYear: whatif.startYear,
    years: whatif.years,
    baseline: first.name,
    variants: variants.map((v) => ({ name: v.name, scenarioId: v.scenarioId, planDesignId: v.planDesignId })),
    fork: whatif.fork,
    table,
  };
}

const csvField = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One line per year and metric: `year,metric,label,<each variant>,<each other variant> - <first>`. */
export function comparisonCsv(c: Comparison): string {
  const others = c.variants.slice(1).map((v) => v.name);
  const header = ['year', 'metric', 'label', ...c.variants.map((v) => v.name), ...others.map((n) => `${n} - ${c.baseline}`)];
  const lines = [header.map(csvField).join(',')];
  for (const { year, rows } of c.table) {
    for (const r of rows) {
      const cells = [String(year), r.metric, r.label, ...c.variants.map((v) => r.values[v.name]), ...others.map((n) => r.differences[n])];
      lines.push(cells.map((x) => csvField(x === null || x === undefined ? '' : String(x))).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

const signed = (n: number, f: (x: number) => string): string => (n > 0 ? `+${f(n)}` : n < 0 ? `-${f(-n)}` : f(0));

function display(kind: Kind, v: unknown): string {
  if (kind === 'count') return String(v);
  if (kind === 'money') return dollars(v as number);
  if (kind === 'rate') return percent(v as number);
  return v === null ? '—' : v ? 'pass' : 'FAIL';
}

function displayDifference(kind: Kind, v: unknown, first: unknown): string {
  if (kind === 'verdict') return v === first ? '=' : 'changed';
  const d = (v as number) - (first as number);
  return signed(d, kind === 'count' ? String : kind === 'money' ? dollars : percent);
}

/** The side-by-side text table: per year, one row per metric, each variant and its difference from the first. */
export function comparisonTable(outcome: WhatIfOutcome): string {
  const [first, ...others] = outcome.variants;
  if (first === undefined) return '';
  const header = ['', first.name, ...others.flatMap((v) => [v.name, `Δ ${v.name}`])];
  const blocks: string[] = [];
  for (const fm of first.metrics) {
    const at = (v: (typeof others)[number]): YearMetrics => v.metrics.find((x) => x.year === fm.year)!;
    const rows = WHATIF_METRICS.map(({ metric, label, kind }) => [
      label,
      display(kind, fm[metric]),
      ...others.flatMap((v) => [display(kind, at(v)[metric]), displayDifference(kind, at(v)[metric], fm[metric])]),
    ]);
    const head = [String(fm.year), ...header.slice(1)];
    const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)));
    const line = (r: readonly string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    blocks.push([line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  }
  return blocks.join('\n\n');
}

/** Writes `whatif.json` and `whatif.csv` into `dir` (the log folder). */
export function writeComparison(dir: string, outcome: WhatIfOutcome): Comparison {
  const c = comparison(outcome);
  writeFileSync(join(dir, 'whatif.json'), `${JSON.stringify(c, null, 2)}\n`);
  writeFileSync(join(dir, 'whatif.csv'), comparisonCsv(c));
  return c;
}
