/**
 * The codec kind every event codec is built from: a real io-ts `t.Type` plus a `fast`
 * check that decodes a value without building io-ts contexts. Valid input (the bulk of a
 * log) goes through `fast` only; when it answers INVALID, `validate` walks the value again
 * the slow way to explain every problem with its path. The slow walk is the authority: if
 * it finds nothing wrong, its value is the answer.
 */
import * as t from 'io-ts';

/** The `fast` check's "no": the value is not (or not obviously) valid, ask `validate`. */
export const INVALID: unique symbol = Symbol('vested.invalid');
export type Invalid = typeof INVALID;

export interface Fast<A, O = unknown> extends t.Type<A, O, unknown> {
  readonly fast: (u: unknown) => A | Invalid;
}

export type AnyFast = Fast<any, any>;
export type TypeOf<C> = C extends Fast<infer A, any> ? A : never;
export type OutputOf<C> = C extends Fast<any, infer O> ? O : never;

/**
 * A leaf codec from a fast parser and a slow one that says why: `explain` returns the value
 * (when the fast parser was merely conservative, e.g. money given as a JSON number) or the
 * message for the failure.
 */
export function leaf<A, O>(
  name: string,
  is: (u: unknown) => u is A,
  fast: (u: unknown) => A | Invalid,
  explain: (u: unknown) => { ok: true; value: A } | { ok: false; error: string },
  encode: (a: A) => O,
): Fast<A, O> {
  const codec = new t.Type<A, O, unknown>(
    name,
    is,
    (u, c) => {
      const v = fast(u);
      if (v !== INVALID) return t.success(v);
      const r = explain(u);
      return r.ok ? t.success(r.value) : t.failure(u, c, r.error);
    },
    encode,
  );
  return Object.assign(codec, { fast });
}

/** A composite codec: `slow` is called (with the context) only when `fast` says INVALID. */
export function composite<A, O>(
  name: string,
  is: (u: unknown) => u is A,
  fast: (u: unknown) => A | Invalid,
  slow: (u: unknown, c: t.Context) => t.Validation<A>,
  encode: (a: A) => O,
): Fast<A, O> {
  const codec = new t.Type<A, O, unknown>(
    name,
    is,
    (u, c) => {
      const v = fast(u);
      return v !== INVALID ? t.success(v) : slow(u, c);
    },
    encode,
  );
  return Object.assign(codec, { fast });
}

export const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** A value as it appears in a message: JSON text, shortened when long. */
export function show(u: unknown): string {
  if (u === undefined) return 'nothing';
  let s: string;
  try {
    s = JSON.stringify(u) ?? String(u);
  } catch {
    s = String(u);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** What a JSON value is, for "expected X, got Y" messages. */
export function kindOf(u: unknown): string {
  if (u === null) return 'null';
  if (Array.isArray(u)) return 'an array';
  if (typeof u === 'object') return 'an object';
  return show(u);
}

/** Sets a key on a plain object, safely for the key "__proto__" (it can arrive from JSON). */
export function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}
