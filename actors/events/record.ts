/**
 * A map codec (`vestedPercentages`, `sourceBalancesVested`, `refunds`): every key is checked
 * by a key codec and every value by a value codec; errors name the key in the path
 * (`payload.refunds.E001`). Encoding writes keys in a fixed order, so an export is the same
 * bytes whatever order the map was built in.
 */
import * as t from 'io-ts';
import { INVALID, composite, isPlainObject, kindOf, setKey } from './fast.js';
import type { AnyFast, Fast, Invalid, OutputOf, TypeOf } from './fast.js';

/**
 * The decoded map type: `Record<string, V>` for free keys (employee ids); for a closed key
 * set (contribution sources) a partial record, since a map lists only some of the keys.
 */
export type MapOf<K, V> = string extends K ? Record<string, V> : Partial<Record<K & string, V>>;

export function recordOf<K extends AnyFast, V extends AnyFast>(
  name: string,
  key: K,
  value: V,
  order: (a: string, b: string) => number,
): Fast<MapOf<TypeOf<K>, TypeOf<V>>, Record<string, OutputOf<V>>> {
  type A = MapOf<TypeOf<K>, TypeOf<V>>;

  const fast = (u: unknown): A | Invalid => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return INVALID;
    const o = u as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in o) {
      if (key.fast(k) === INVALID) return INVALID;
      const d = value.fast(o[k]);
      if (d === INVALID) return INVALID;
      setKey(out, k, d);
    }
    return out as A;
  };

  const slow = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!isPlainObject(u)) return t.failure(u, c, `expected an object, got ${kindOf(u)}`);
    const errors: t.ValidationError[] = [];
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(u)) {
      const v = u[k];
      const kc = t.appendContext(c, k, value, v);
      const kr = key.validate(k, kc);
      if (kr._tag === 'Left') {
        for (const e of kr.left) errors.push({ ...e, message: `key ${e.message ?? 'is not allowed'}` });
        continue;
      }
      const r = value.validate(v, kc);
      if (r._tag === 'Left') errors.push(...r.left);
      else setKey(out, k, r.right);
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out as A);
  };

  const is = (u: unknown): u is A => {
    if (!isPlainObject(u)) return false;
    for (const k of Object.keys(u)) if (!key.is(k) || !value.is(u[k])) return false;
    return true;
  };

  const encode = (a: A): Record<string, OutputOf<V>> => {
    const o = a as Record<string, TypeOf<V>>; // (a partial record's absent keys are not own keys)
    const out: Record<string, OutputOf<V>> = {};
    for (const k of Object.keys(o).sort(order)) setKey(out, k, value.encode(o[k]));
    return out;
  };

  return composite<A, Record<string, OutputOf<V>>>(name, is, fast, slow, encode);
}

/** Orders keys by their position in a closed list (contribution sources in RULES.md order). */
export const byListOrder =
  (values: readonly string[]) =>
  (a: string, b: string): number =>
    values.indexOf(a) - values.indexOf(b);

/** Orders keys by UTF-16 code units, the order of employee ids everywhere in the log. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
