/**
 * One census row: the employee as of the simulation start (DESIGN.md "Scenario file and
 * census"). The same field rules serve CSV files and inline arrays, so the two forms accept
 * exactly the same values and word their errors the same way.
 */
import { CONTRIBUTION_SOURCES } from '../../actors/events/index.js';
import type { ContributionSource } from '../../actors/events/index.js';
import type { BasisPoints, Cents } from '../../rules/units.js';
import { BP_PER_UNIT, parseMoney, parseRate } from '../../rules/units.js';
import type { IsoDate } from '../../rules/calendar.js';
import { addMonths, completedYears, parseIsoDate } from '../../rules/calendar.js';

/** Sources a census may carry a beginning balance for (`balance_<source>`): the contribution sources of the event protocol. */
export const BALANCE_SOURCES = CONTRIBUTION_SOURCES;
export type BalanceSource = ContributionSource;

export const REQUIRED_COLUMNS = ['employee_id', 'birth_date', 'hire_date', 'annual_compensation', 'job_level'] as const;
export const OPTIONAL_COLUMNS = ['department', 'deferral_rate', 'roth_rate', 'prior_year_compensation'] as const;
export const BALANCE_COLUMNS = BALANCE_SOURCES.map((s) => `balance_${s}`);
export const KNOWN_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ...BALANCE_COLUMNS];

/** Youngest age at hire we accept: the federal minimum working age (FLSA, 29 CFR 570.2). */
export const MIN_HIRE_AGE = 14;

export interface CensusRow {
  readonly employeeId: string;
  readonly birthDate: IsoDate;
  readonly hireDate: IsoDate;
  readonly annualCompensation: Cents;
  /** 1-10. */
  readonly jobLevel: number;
  /** null when the column is absent or blank. */
  readonly department: string | null;
  /** Pre-tax deferral election; 0 when absent or blank (no election). */
  readonly deferralRate: BasisPoints;
  /** Roth deferral election; 0 when absent or blank. */
  readonly rothRate: BasisPoints;
  /** null when absent: RULES.md §9 then uses `annualCompensation`. */
  readonly priorYearCompensation: Cents | null;
  /** Beginning balances by source; only the sources given (blank = not given). */
  readonly balances: Readonly<Partial<Record<BalanceSource, Cents>>>;
}

/** A raw row: column → text (CSV) or JSON string/number (inline); undefined or '' = absent. */
export type RawRow = Readonly<Record<string, string | number | undefined>>;

/** Where a field is, for messages: `census.csv:14: deferral_rate` or `census[13].deferral_rate`. */
export type Locate = (column: string) => string;

function text(v: string | number | undefined): string | undefined {
  if (v === undefined) return undefined;
  const s = typeof v === 'number' ? String(v) : v.trim();
  return s === '' ? undefined : s;
}

function money(v: string | number, label: string, errors: string[]): Cents | undefined {
  const s = typeof v === 'string' ? v.trim() : v;
  if (typeof s === 'string' && /[$,]/.test(s)) {
    errors.push(`${label}: ${JSON.stringify(s)} is not plain money; write digits with at most 2 decimals and no $ or thousands separators (e.g. 52000.00)`);
    return undefined;
  }
  const r = parseMoney(s);
  if (!r.ok) {
    errors.push(`${label}: ${r.error}`);
    return undefined;
  }
  if (r.value < 0) {
    errors.push(`${label}: ${JSON.stringify(v)} is negative`);
    return undefined;
  }
  return r.value;
}

function rate(v: string | number, label: string, errors: string[]): BasisPoints | undefined {
  const s = typeof v === 'string' ? v.trim() : v;
  const hint = `${label}: ${JSON.stringify(s)} looks like a percentage; rates are fractions`;
  if (typeof s === 'string' && s.endsWith('%')) {
    const r = parseRate(s.slice(0, -1).trim());
    errors.push(r.ok ? `${hint} (write ${fraction(r.value)})` : `${hint} (write e.g. 0.06 for 6 %)`);
    return undefined;
  }
  const r = parseRate(s);
  if (!r.ok) {
    errors.push(`${label}: ${r.error}`);
    return undefined;
  }
  if (r.value < 0) {
    errors.push(`${label}: ${JSON.stringify(s)} is negative`);
    return undefined;
  }
  if (r.value > BP_PER_UNIT) {
    errors.push(`${hint} (write ${fraction(r.value)})`);
    return undefined;
  }
  return r.value;
}

/** "6" parsed as 60000 bp was meant as 6 % = 0.06. */
function fraction(asFractionBp: number): string {
  const percentBp = asFractionBp / 100;
  return String(percentBp / BP_PER_UNIT);
}

function date(v: string, label: string, errors: string[]): IsoDate | undefined {
  const r = parseIsoDate(v);
  if (!r.ok) errors.push(`${label}: ${r.error}`);
  return r.ok ? r.value : undefined;
}

/**
 * Parses and checks one row against the start date (a census is as of the start: nobody is
 * hired after it). Returns the row, or pushes every problem it finds into `errors`.
 */
export function parseCensusRow(raw: RawRow, at: Locate, start: IsoDate, errors: string[]): CensusRow | undefined {
  const before = errors.length;
  const get = (c: string): string | number | undefined => {
    const v = raw[c];
    return typeof v === 'string' ? text(v) : v;
  };
  for (const c of REQUIRED_COLUMNS) if (get(c) === undefined) errors.push(`${at(c)}: is required`);

  const idValue = get('employee_id');
  const employeeId = idValue === undefined ? undefined : String(idValue);
  if (employeeId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(employeeId)) {
    errors.push(`${at('employee_id')}: ${JSON.stringify(employeeId)} must be letters, digits, '_', '.' or '-' (starting with a letter or digit)`);
  }
  const b = get('birth_date');
  const h = get('hire_date');
  const birthDate = b === undefined ? undefined : date(String(b), at('birth_date'), errors);
  const hireDate = h === undefined ? undefined : date(String(h), at('hire_date'), errors);
  if (birthDate !== undefined && hireDate !== undefined) {
    if (hireDate < birthDate) errors.push(`${at('hire_date')}: ${hireDate} is before the birth date ${birthDate}`);
    else if (addMonths(birthDate, 12 * MIN_HIRE_AGE) > hireDate) {
      errors.push(`${at('hire_date')}: ${hireDate} makes the employee ${completedYears(birthDate, hireDate)} at hire; the minimum is ${MIN_HIRE_AGE}`);
    }
  }
  if (hireDate !== undefined && hireDate > start) {
    errors.push(`${at('hire_date')}: ${hireDate} is after the scenario start ${start}; a census is as of the start (script later hires as events)`);
  }
  const comp = get('annual_compensation');
  const annualCompensation = comp === undefined ? undefined : money(comp, at('annual_compensation'), errors);
  if (annualCompensation === 0) errors.push(`${at('annual_compensation')}: must be more than 0`);

  const lv = get('job_level');
  let jobLevel: number | undefined;
  if (lv !== undefined) {
    const n = Number(lv);
    if (!/^\d+$/.test(String(lv)) || n < 1 || n > 10) errors.push(`${at('job_level')}: ${JSON.stringify(lv)} must be a whole number from 1 to 10`);
    else jobLevel = n;
  }
  const dept = get('department');
  const d = get('deferral_rate');
  const r = get('roth_rate');
  const deferralRate = d === undefined ? (0 as BasisPoints) : rate(d, at('deferral_rate'), errors);
  const rothRate = r === undefined ? (0 as BasisPoints) : rate(r, at('roth_rate'), errors);
  if (deferralRate !== undefined && rothRate !== undefined && deferralRate + rothRate > BP_PER_UNIT) {
    errors.push(`${at('roth_rate')}: deferral_rate + roth_rate is more than 1 (100 % of pay)`);
  }
  const p = get('prior_year_compensation');
  const priorYearCompensation = p === undefined ? null : money(p, at('prior_year_compensation'), errors);

  const balances: Partial<Record<BalanceSource, Cents>> = {};
  for (const s of BALANCE_SOURCES) {
    const v = get(`balance_${s}`);
    if (v === undefined) continue;
    const m = money(v, at(`balance_${s}`), errors);
    if (m !== undefined) balances[s] = m;
  }
  if (errors.length > before) return undefined;
  return {
    employeeId: employeeId!,
    birthDate: birthDate!,
    hireDate: hireDate!,
    annualCompensation: annualCompensation!,
    jobLevel: jobLevel!,
    department: dept === undefined ? null : String(dept),
    deferralRate: deferralRate!,
    rothRate: rothRate!,
    priorYearCompensation: priorYearCompensation ?? null,
    balances,
  };
}

/** Checks a header (CSV) or an inline object's keys; returns the messages for unknown keys. */
export function unknownColumnErrors(columns: readonly string[], label: (c: string) => string): string[] {
  const out: string[] = [];
  for (const c of columns) {
    if (KNOWN_COLUMNS.includes(c)) continue;
    if (c.startsWith('balance_')) {
      out.push(`${label(c)}: unknown balance column; balance columns are balance_<source> with source one of ${BALANCE_SOURCES.join(', ')}`);
    } else {
      out.push(`${label(c)}: unknown column; known columns are ${KNOWN_COLUMNS.filter((k) => !k.startsWith('balance_')).join(', ')} and balance_<source>`);
    }
  }
  return out;
}
