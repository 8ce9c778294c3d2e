/**
 * A small strict reader for interchange JSON that collects every problem as `path: reason`
 * (dotted paths, array indexes as segments: `match.tiers.1.upTo`), instead of stopping at the
 * first one, so a user fixes a plan design file in one pass.
 */
import { BP_PER_UNIT, parseMoney, parseRate, type BasisPoints, type Cents, type Parsed } from '../units.js';

export type Json = Record<string, unknown>;

export const join = (path: string, key: string | number): string => (path === '' ? String(key) : `${path}.${key}`);

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

export class Reader {
  readonly errors: string[] = [];

  fail(path: string, reason: string): void {
    this.errors.push(`${path === '' ? '(root)' : path}: ${reason}`);
  }

  /** A plain object with only the allowed keys (each other key is an `unknown field`), or undefined. */
  object(value: unknown, path: string, allowed: readonly string[]): Json | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `must be an object, got ${Array.isArray(value) ? 'an array' : show(value)}`);
      return undefined;
    }
    const o = value as Json;
    for (const key of Object.keys(o)) if (!allowed.includes(key)) this.fail(join(path, key), 'unknown field');
    return o;
  }

  /** `o[key]` as an optional object: undefined (absent) gives `{}` so every default applies. */
  section(o: Json, key: string, path: string, allowed: readonly string[]): Json {
    const v = o[key];
    if (v === undefined) return {};
    return this.object(v, join(path, key), allowed) ?? {};
  }

  array(o: Json, key: string, path: string): readonly unknown[] {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.fail(join(path, key), `must be an array, got ${show(v)}`);
      return [];
    }
    return v;
  }

  string(o: Json, key: string, path: string): string | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(join(path, key), `must be a non-empty string, got ${show(v)}`);
      return undefined;
    }
    return v;
  }

  requiredString(o: Json, key: string, path: string): string {
    if (o[key] === undefined) {
      this.fail(join(path, key), 'required');
      return '';
    }
    return this.string(o, key, path) ?? '';
  }

  boolean(o: Json, key: string, path: string, dflt: boolean): boolean {
    const v = o[key];
    if (v === undefined) return dflt;
    if (typeof v !== 'boolean') {
      this.fail(join(path, key), `must be true or false, got ${show(v)}`);
      return dflt;
    }
    return v;
  }

  /** A whole number (JSON number) in [min, max]. */
  integer(o: Json, key: string, path: string, dflt: number, min: number, max: number): number {
    const v = o[key];
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.fail(join(path, key), `must be a whole number, got ${show(v)}`);
      return dflt;
    }
    if (v < min || v > max) {
      this.fail(join(path, key), `must be between ${min} and ${max}, got ${v}`);
      return dflt;
    }
    return v;
  }

  oneOf<T extends string>(o: Json, key: string, path: string, values: readonly T[], dflt: T): T {
    const v = o[key];
    if (v === undefined) return dflt;
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.fail(join(path, key), `must be one of ${values.join(', ')}, got ${show(v)}`);
      return dflt;
    }
    return v as T;
  }

  /**
   * A non-negative decimal (a JSON string or number) parsed exactly by `parse`; `expected`
   * names what was wanted when it is not even a string or number.
   */
  private decimalValue<A extends number>(v: unknown, path: string, parse: (x: string | number) => Parsed<A>, expected: string): A | undefined {
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.fail(path, `must be ${expected}, got ${show(v)}`);
      return undefined;
    }
    const r = parse(v);
    if (!r.ok) {
      this.fail(path, r.error);
      return undefined;
    }
    if (r.value < 0) {
      this.fail(path, `must not be negative, got ${show(v)}`);
      return undefined;
    }
    return r.value;
  }

  /** A rate value (not a field): a decimal fraction, 0 to 1 (100 %), at most 4 decimals. */
  rateValue(v: unknown, path: string): BasisPoints | undefined {
    const r = this.decimalValue(v, path, parseRate, 'a rate (a decimal fraction such as "0.03")');
    if (r !== undefined && r > BP_PER_UNIT) {
      this.fail(path, `must be at most 1 (100 %), got ${show(v)}`);
      return undefined;
    }
    return r;
  }

  rate(o: Json, key: string, path: string, dflt: BasisPoints): BasisPoints {
    const v = o[key];
    if (v === undefined) return dflt;
    return this.rateValue(v, join(path, key)) ?? dflt;
  }

  /** Money (not negative), at most 2 decimals. */
  moneyValue(v: unknown, path: string): Cents | undefined {
    return this.decimalValue(v, path, parseMoney, 'an amount of money such as "23500.00"');
  }
}
