/**
 * Leaf codecs for interchange scalars (RULES.md §1): money, rates, dates, UUIDs, bounded
 * integers, closed enums. The fast parsers are hand-written loops over char codes (no `Date`,
 * no floating point on the value, no regex), and accept exactly what the units module
 * accepts; anything unusual (a JSON number, a sign, a very long string) falls through to
 * `parseMoney`/`parseRate`/`parseIsoDate`, which decide and word the message.
 */
import { parseMoney, parseRate, formatMoney, formatRate, BP_PER_UNIT } from '../../rules/units.js';
import type { Cents, BasisPoints } from '../../rules/units.js';
import { parseIsoDate, dayNumberOfText as dayNumberOfTextOf } from '../../rules/calendar.js';
import type { IsoDate } from '../../rules/calendar.js';
import { INVALID as INVALID_SYMBOL, leaf, show, kindOf } from './fast.js';
import type { Fast, Invalid } from './fast.js';

/**
 * The imports the fast parsers use on every value, held in module constants: an ingest's
 * decoding threads load this module as CommonJS (piscina requires it through tsx), where every
 * use of an imported binding is a getter call (~5% of a decoding thread's time, all modules).
 */
const INVALID: typeof INVALID_SYMBOL = INVALID_SYMBOL;
const dayNumberOfText = dayNumberOfTextOf;

/** Digits of a plain decimal string with at most `scale` decimals as an integer, or INVALID. */
function scaledFast(u: unknown, scale: number): number | Invalid {
  if (typeof u !== 'string') return INVALID;
  const n = u.length;
  if (n === 0 || n > 15) return INVALID;
  let v = 0;
  let i = 0;
  for (; i < n; i++) {
    const d = u.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  if (i === 0) return INVALID;
  let frac = 0;
  if (i < n) {
    if (u.charCodeAt(i) !== 46) return INVALID;
    for (i++; i < n; i++) {
      const d = u.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return INVALID;
      v = v * 10 + d;
      frac++;
    }
    if (frac === 0 || frac > scale) return INVALID;
  }
  for (; frac < scale; frac++) v *= 10;
  return v;
}

const isCentsValue = (u: unknown, min: number): boolean => Number.isSafeInteger(u) && (u as number) >= min;

/**
 * Money: a decimal string or JSON number with at most 2 decimals, decoded to cents and
 * encoded as a string with exactly 2 decimals. `positive` amounts must be > 0, the others ≥ 0
 * (no event carries a negative amount).
 */
export function money(positive: boolean): Fast<Cents, string> {
  const min = positive ? 1 : 0;
  return leaf<Cents, string>(
    positive ? 'PositiveMoney' : 'Money',
    (u): u is Cents => isCentsValue(u, min),
    (u) => {
      const v = scaledFast(u, 2);
      return v !== INVALID && v >= min ? (v as Cents) : INVALID;
    },
    (u) => {
      if (typeof u !== 'string' && typeof u !== 'number') {
        return { ok: false, error: `expected money as a decimal string like "1234.50", got ${kindOf(u)}` };
      }
      const r = parseMoney(u);
      if (!r.ok) return r;
      if (r.value < min) {
        return { ok: false, error: positive ? `${show(u)} is not positive; this amount must be greater than 0` : `${show(u)} is negative; this amount must be 0 or more` };
      }
      return r;
    },
    (c) => formatMoney(c),
  );
}

/**
 * A rate as a decimal fraction with at most 4 decimals, decoded to basis points between 0
 * and `max` (10,000 bp = 1 unless said otherwise), encoded with exactly 4 decimals.
 */
export function rate(max: number = BP_PER_UNIT): Fast<BasisPoints, string> {
  const range = `rates are between 0 and ${formatRate(max).replace(/\.?0+$/, '')}`;
  return leaf<BasisPoints, string>(
    max === BP_PER_UNIT ? 'Rate' : `Rate(0..${max}bp)`,
    (u): u is BasisPoints => Number.isSafeInteger(u) && (u as number) >= 0 && (u as number) <= max,
    (u) => {
      const v = scaledFast(u, 4);
      return v !== INVALID && v <= max ? (v as BasisPoints) : INVALID;
    },
    (u) => {
      if (typeof u !== 'string' && typeof u !== 'number') {
        return { ok: false, error: `expected a rate as a decimal string like "0.0600", got ${kindOf(u)}` };
      }
      const r = parseRate(u);
      if (!r.ok) return r;
      if (r.value < 0 || r.value > max) return { ok: false, error: `${show(u)} is out of range; ${range}` };
      return r;
    },
    (r) => formatRate(r),
  );
}

/** A real calendar date `YYYY-MM-DD` (2025-02-30 is refused), kept as its text. */
const dateFast = (u: unknown): IsoDate | Invalid => (typeof u === 'string' && !Number.isNaN(dayNumberOfText(u)) ? (u as IsoDate) : INVALID);

export const date: Fast<IsoDate, string> = leaf<IsoDate, string>(
  'IsoDate',
  (u): u is IsoDate => dateFast(u) !== INVALID,
  dateFast,
  (u) => (typeof u === 'string' ? parseIsoDate(u) : { ok: false, error: `expected a date "YYYY-MM-DD", got ${kindOf(u)}` }),
  (d) => d,
);

/**
 * What a char code adds to a canonical UUID's sum (below): 1 for a lowercase hex digit, 64 for
 * the hyphen, 4096 (more than a whole valid sum) for anything else.
 */
const UUID_WEIGHT = new Uint16Array(128).fill(4096);
for (const c of '0123456789abcdef') UUID_WEIGHT[c.charCodeAt(0)] = 1;
UUID_WEIGHT[45] = 64;

/**
 * A UUID in its canonical text form: 8-4-4-4-12 lowercase hex digits (any version). Every
 * event id goes through this, so it is one branch-free loop over the char codes rather than a
 * regex (the regex cost ~0.2 µs an id in an ingest, the loop about a third of that): with
 * hyphens at 8, 13, 18 and 23, the weights sum to 4 × 64 + 32 exactly when each of the other
 * 32 chars weighs 1, a hex digit.
 */
function isUuidText(u: string): boolean {
  if (u.length !== 36 || u.charCodeAt(8) !== 45 || u.charCodeAt(13) !== 45 || u.charCodeAt(18) !== 45 || u.charCodeAt(23) !== 45) return false;
  let sum = 0;
  for (let i = 0; i < 36; i++) {
    const c = u.charCodeAt(i);
    sum += c < 128 ? UUID_WEIGHT[c]! : 4096;
  }
  return sum === 32 + 4 * 64;
}
const uuidFast = (u: unknown): string | Invalid => (typeof u === 'string' && isUuidText(u) ? u : INVALID);

export const uuid: Fast<string, string> = leaf<string, string>(
  'UUID',
  (u): u is string => uuidFast(u) !== INVALID,
  uuidFast,
  (u) =>
    typeof u === 'string'
      ? { ok: false, error: `${show(u)} is not a UUID (8-4-4-4-12 lowercase hex digits)` }
      : { ok: false, error: `expected a UUID string, got ${kindOf(u)}` },
  (s) => s,
);

const nonEmptyFast = (u: unknown): string | Invalid => (typeof u === 'string' && u.length > 0 ? u : INVALID);

/** An identifier or name: any non-empty string. */
export const text: Fast<string, string> = leaf<string, string>(
  'NonEmptyString',
  (u): u is string => nonEmptyFast(u) !== INVALID,
  nonEmptyFast,
  (u) => ({ ok: false, error: typeof u === 'string' ? 'must not be empty' : `expected a string, got ${kindOf(u)}` }),
  (s) => s,
);

/** A JSON integer between min and max inclusive; `what` names the range in the message. */
export function int(name: string, min: number, max: number, what: string): Fast<number, number> {
  const fast = (u: unknown): number | Invalid =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max ? u : INVALID;
  return leaf<number, number>(
    name,
    (u): u is number => fast(u) !== INVALID,
    fast,
    (u) => {
      if (typeof u !== 'number' || !Number.isInteger(u)) return { ok: false, error: `expected an integer, got ${kindOf(u)}` };
      return { ok: false, error: `${u} is out of range; ${what}` };
    },
    (n) => n,
  );
}

const boolFast = (u: unknown): boolean | Invalid => (typeof u === 'boolean' ? u : INVALID);

export const bool: Fast<boolean, boolean> = leaf<boolean, boolean>(
  'boolean',
  (u): u is boolean => typeof u === 'boolean',
  boolFast,
  (u) => ({ ok: false, error: `expected true or false, got ${kindOf(u)}` }),
  (b) => b,
);

/** A closed enum of strings; anything else is refused with the list of allowed values. */
export function oneOf<const V extends readonly string[]>(name: string, values: V): Fast<V[number], V[number]> {
  const allowed = new Set<string>(values);
  const fast = (u: unknown): V[number] | Invalid => (typeof u === 'string' && allowed.has(u) ? (u as V[number]) : INVALID);
  return leaf<V[number], V[number]>(
    name,
    (u): u is V[number] => fast(u) !== INVALID,
    fast,
    (u) => ({ ok: false, error: `${show(u)} is not one of ${values.join(', ')}` }),
    (v) => v,
  );
}

/** A single string value (a union member's discriminator). */
export function literal<const V extends string>(value: V): Fast<V, V> {
  const fast = (u: unknown): V | Invalid => (u === value ? value : INVALID);
  return leaf<V, V>(
    JSON.stringify(value),
    (u): u is V => u === value,
    fast,
    (u) => ({ ok: false, error: `expected ${JSON.stringify(value)}, got ${kindOf(u)}` }),
    (v) => v,
  );
}
