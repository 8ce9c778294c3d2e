/**
 * `limits` of a plan design: the index rate for projected years and per-year overrides of
 * any IRS limit (RULES.md §2 "A user may override any value for any year"), money in
 * interchange (`{"2027": {"electiveDeferral": "25000"}}`), cents inside.
 */
import { formatMoney, formatRate, type BasisPoints } from '../units.js';
import { LIMIT_NAMES, type IrsLimitValues } from '../limit-values.js';
import { join, type Json, type Reader } from './read.js';

export type LimitOverrides = Readonly<Record<string, Partial<IrsLimitValues>>>;

const YEAR = /^\d{4}$/;

export function readOverrides(rd: Reader, value: unknown, path: string): LimitOverrides {
  if (value === undefined) return Object.freeze({});
  const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
  const o = rd.object(value, path, keys);
  if (o === undefined) return Object.freeze({});
  const out: Record<string, Partial<IrsLimitValues>> = {};
  for (const key of keys) if (!YEAR.test(key)) rd.fail(join(path, key), 'must be a calendar year such as "2027"');
  for (const year of keys.filter((k) => YEAR.test(k)).sort()) {
    const p = join(path, year);
    const entry = rd.object(o[year], p, LIMIT_NAMES);
    if (entry === undefined) continue;
    const values: Partial<IrsLimitValues> = {};
    for (const name of LIMIT_NAMES) {
      if (entry[name] === undefined) continue;
      const c = rd.moneyValue(entry[name], join(p, name));
      if (c !== undefined) values[name] = c;
    }
    out[year] = Object.freeze(values);
  }
  return Object.freeze(out);
}

export function encodeLimits(limits: { indexRate: BasisPoints; overrides: LimitOverrides }): Json {
  const overrides: Json = {};
  for (const year of Object.keys(limits.overrides).sort()) {
    const values = limits.overrides[year] ?? {};
    const enc: Json = {};
    for (const name of LIMIT_NAMES) {
      const v = values[name];
      if (v !== undefined) enc[name] = formatMoney(v);
    }
    overrides[year] = enc;
  }
  return { indexRate: formatRate(limits.indexRate), overrides };
}
