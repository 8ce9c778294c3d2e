/**
 * The engine's units (RULES.md §1). Money is integer cents and rates integer basis points
 * inside; interchange text is parsed exactly, never through floating point, so a value
 * either converts without loss or is refused with a reason a person can act on.
 */

declare const centsBrand: unique symbol;
declare const basisPointsBrand: unique symbol;

/** Money as an integer number of cents. */
export type Cents = number & { readonly [centsBrand]: true };
/** A rate as an integer number of basis points (1 bp = 0.01 %, 6 % = 600). */
export type BasisPoints = number & { readonly [basisPointsBrand]: true };

/** Basis points in one whole (100 %). */
export const BP_PER_UNIT = 10_000;

/** The outcome of parsing interchange text: a value, or the reason it was refused. */
export type Parsed<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: string };

export const cents = (n: number): Cents => n as Cents;
export const bp = (n: number): BasisPoints => n as BasisPoints;

/**
 * `n / d` rounded half away from zero, for integers n and d > 0. Exact for every safe
 * integer n: the remainder is compared instead of dividing in floating point.
 */
export function roundHalfUp(n: number, d: number): number {
  const r = n % d;
  const q = (n - r) / d;
  if (2 * Math.abs(r) >= d) return n < 0 ? q - 1 : q + 1;
  return q;
}

/** Same as {@link roundHalfUp} on bigints, for products that can pass 2^53. */
export function roundHalfUpBig(n: bigint, d: bigint): bigint {
  const r = n % d;
  const q = n / d;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** `n / d` rounded down (towards −∞), for integers n and d > 0. */
export function floorDiv(n: number, d: number): number {
  const r = n % d;
  const q = (n - r) / d;
  return r < 0 ? q - 1 : q;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal with at most `scale` decimals into an integer of 10^-scale units. */
function parseScaled(input: string | number, scale: number, what: string): Parsed<number> {
  const text = typeof input === 'number' ? numberText(input) : input;
  if (text === undefined) return { ok: false, error: `${String(input)} is not a finite decimal number` };
  const m = DECIMAL.exec(text);
  if (m === null) return { ok: false, error: `${JSON.stringify(input)} is not a decimal number` };
  const [, sign, whole = '', frac = ''] = m;
  if (frac.length > scale) {
    return { ok: false, error: `${JSON.stringify(input)} has ${frac.length} decimals; ${what} allows at most ${scale}` };
  }
  const digits = whole + frac.padEnd(scale, '0');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return { ok: false, error: `${JSON.stringify(input)} is too large` };
  return { ok: true, value: sign === '-' && value !== 0 ? -value : value };
}

/** The shortest decimal text of a JSON number, or undefined for NaN, ±Infinity and exponents. */
function numberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const s = String(n);
  return /e/i.test(s) ? undefined : s;
}

/** Parses interchange money ("1234.56" or 1234.56) into cents; more than 2 decimals is an error. */
export function parseMoney(input: string | number): Parsed<Cents> {
  return parseScaled(input, 2, 'money') as Parsed<Cents>;
}

/** Parses an interchange rate ("0.0600" or 0.06) into basis points; more than 4 decimals is an error. */
export function parseRate(input: string | number): Parsed<BasisPoints> {
  return parseScaled(input, 4, 'a rate') as Parsed<BasisPoints>;
}

function formatScaled(n: number, scale: number): string {
  const negative = n < 0;
  const digits = String(Math.abs(n)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Canonical interchange money: a string with exactly 2 decimals ("1234.50"). */
export function formatMoney(c: Cents | number): string {
  return formatScaled(c, 2);
}

/** Canonical interchange rate: a string with exactly 4 decimals ("0.0600"). */
export function formatRate(r: BasisPoints | number): string {
  return formatScaled(r, 4);
}
