/**
 * Codec pieces the workforce model needs beyond the event scalars: fixed-length lists
 * (one value per job level, per age band), month-day dates, multiplicative factors.
 * Built on the event protocol's codec kind so errors read the same (`path: problem`).
 */
import * as t from 'io-ts';
import { INVALID, composite, kindOf, leaf, show } from '../../actors/events/fast.js';
import type { AnyFast, Fast, Invalid, OutputOf, TypeOf } from '../../actors/events/fast.js';
import { rate } from '../../actors/events/index.js';
import { daysInMonth } from '../../rules/calendar.js';
import { BP_PER_UNIT, formatRate, parseRate } from '../../rules/units.js';

/** A JSON array of items; `length` fixes its size (e.g. 10 job levels), `min` a lower bound. */
export function listOf<C extends AnyFast>(
  name: string,
  item: C,
  size: { length?: number; min?: number; what?: string } = {},
): Fast<readonly TypeOf<C>[], OutputOf<C>[]> {
  type A = readonly TypeOf<C>[];
  const sizeOk = (n: number): boolean => (size.length === undefined || n === size.length) && (size.min === undefined || n >= size.min);
  const sizeText = size.what ?? (size.length !== undefined ? `exactly ${size.length} entries` : `at least ${size.min ?? 0} entries`);
  const fast = (u: unknown): A | Invalid => {
    if (!Array.isArray(u) || !sizeOk(u.length)) return INVALID;
    const out: TypeOf<C>[] = [];
    for (const x of u) {
      const d = item.fast(x);
      if (d === INVALID) return INVALID;
      out.push(d as TypeOf<C>);
    }
    return out;
  };
  const slow = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!Array.isArray(u)) return t.failure(u, c, `expected an array, got ${kindOf(u)}`);
    if (!sizeOk(u.length)) return t.failure(u, c, `has ${u.length} entries; needs ${sizeText}`);
    const errors: t.ValidationError[] = [];
    const out: TypeOf<C>[] = [];
    u.forEach((x: unknown, i) => {
      const r = item.validate(x, t.appendContext(c, String(i), item, x));
      if (r._tag === 'Left') errors.push(...r.left);
      else out.push(r.right as TypeOf<C>);
    });
    return errors.length > 0 ? t.failures(errors) : t.success(out);
  };
  const is = (u: unknown): u is A => Array.isArray(u) && sizeOk(u.length) && u.every((x) => item.is(x));
  return composite<A, OutputOf<C>[]>(name, is, fast, slow, (a) => a.map((x) => item.encode(x) as OutputOf<C>));
}

/** A yearly date written `MM-DD` (Feb 29 refused: it would not exist every year). */
export interface MonthDay {
  readonly month: number;
  readonly day: number;
}
function monthDayFast(u: unknown): MonthDay | Invalid {
  if (typeof u !== 'string' || !/^\d{2}-\d{2}$/.test(u)) return INVALID;
  const month = Number(u.slice(0, 2));
  const day = Number(u.slice(3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2025, month)) return INVALID;
  return { month, day };
}
export const monthDay: Fast<MonthDay, string> = leaf<MonthDay, string>(
  'MonthDay',
  (u): u is MonthDay => typeof u === 'object' && u !== null && 'month' in u && 'day' in u,
  monthDayFast,
  (u) => ({ ok: false, error: `${show(u)} is not a yearly date "MM-DD" (e.g. "04-01"; Feb 29 is not allowed)` }),
  (m) => `${String(m.month).padStart(2, '0')}-${String(m.day).padStart(2, '0')}`,
);

/** A multiplier written like a rate ("1.8" = 1.8×), kept in bp (18000); at most 10×. */
export const factor = rate(100_000);

/** A rate that may be negative (a shrinking headcount), between −1 and 1, in bp. */
export const signedRate: Fast<number, string> = leaf<number, string>(
  'SignedRate',
  (u): u is number => Number.isSafeInteger(u) && Math.abs(u as number) <= BP_PER_UNIT,
  () => INVALID,
  (u) => {
    if (typeof u !== 'string' && typeof u !== 'number') return { ok: false, error: `expected a rate as a decimal string like "0.03", got ${kindOf(u)}` };
    const r = parseRate(u);
    if (!r.ok) return r;
    if (Math.abs(r.value) > BP_PER_UNIT) return { ok: false, error: `${show(u)} is out of range; this rate is between -1 and 1` };
    return r;
  },
  (r) => formatRate(r),
);
