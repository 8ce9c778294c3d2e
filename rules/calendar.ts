/**
 * Calendar arithmetic on ISO dates (RULES.md §1): integers only, no `Date`, no time zone,
 * so a date means the same day on every machine. Days are counted from 1970-01-01.
 */
import type { Parsed } from './units.js';

declare const isoDateBrand: unique symbol;
/** A real calendar date written `YYYY-MM-DD`; ISO dates compare correctly as strings. */
export type IsoDate = string & { readonly [isoDateBrand]: true };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Checks that text is a real calendar date, e.g. refuses 2025-02-30 and 2025-13-01. */
export function parseIsoDate(text: string): Parsed<IsoDate> {
  const m = ISO.exec(text);
  if (m === null) return { ok: false, error: `${JSON.stringify(text)} is not a date in the form YYYY-MM-DD` };
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12) return { ok: false, error: `${JSON.stringify(text)} is not a real date: month ${mo}` };
  if (d < 1 || d > daysInMonth(y, mo)) {
    return { ok: false, error: `${JSON.stringify(text)} is not a real date: ${y}-${m[2]} has ${daysInMonth(y, mo)} days` };
  }
  return { ok: true, value: text as IsoDate };
}

/** An IsoDate from a literal known to be valid; throws a RangeError otherwise (programmer error). */
export function isoDate(text: string): IsoDate {
  const r = parseIsoDate(text);
  if (!r.ok) throw new RangeError(r.error);
  return r.value;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function makeDate(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}` as IsoDate;
}

export const yearOf = (d: IsoDate): number => Number(d.slice(0, 4));
export const monthOf = (d: IsoDate): number => Number(d.slice(5, 7));
export const dayOf = (d: IsoDate): number => Number(d.slice(8, 10));

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export function toDayNumber(date: IsoDate): number {
  return dayNumberOfParts(yearOf(date), monthOf(date), dayOf(date));
}

/** The day number of year `y`, month `m` (1-12), day `d`. */
function dayNumberOfParts(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The day number of `text` when it is a real date written `YYYY-MM-DD`, else NaN (2025-02-30,
 * 2025-1-01, anything else; day numbers before 1970 are negative, so no number can say "none"). One loop over the char codes, no regex and no slicing: event
 * validation and segment encoding read every date through it.
 */
export function dayNumberOfText(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    y = y * 10 + c;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return dayNumberOfParts(y, m, d);
}

/** The date of a day number (Howard Hinnant's civil_from_days). */
export function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return makeDate(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

export const addDays = (d: IsoDate, n: number): IsoDate => fromDayNumber(toDayNumber(d) + n);

/** Days from a to b (positive when b is later). */
export const daysBetween = (a: IsoDate, b: IsoDate): number => toDayNumber(b) - toDayNumber(a);

/** 0 = Sunday … 5 = Friday, 6 = Saturday. */
export const dayOfWeek = (d: IsoDate): number => (((toDayNumber(d) + 4) % 7) + 7) % 7;

/** Adds calendar months; a day past the end of the target month clamps to its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const total = yearOf(date) * 12 + (monthOf(date) - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return makeDate(y, m, Math.min(dayOf(date), daysInMonth(y, m)));
}

export const endOfMonth = (y: number, m: number): IsoDate => makeDate(y, m, daysInMonth(y, m));

/**
 * Completed years from `from` to `on` (age, or elapsed-time service). A year completes on
 * the anniversary; for a Feb 29 start the anniversary in a common year is Feb 28, the same
 * clamping as {@link addMonths} (our reading, documented in the README).
 */
export function completedYears(from: IsoDate, on: IsoDate): number {
  if (on < from) return 0;
  const y = digits(on, 0, 4);
  const years = y - digits(from, 0, 4);
  // The anniversary in `on`'s year, compared as (month, day) without building its text: this
  // runs for every pay stretch and eligibility check. Only Feb 29 clamps (to Feb 28).
  const m = digits(from, 5, 2);
  let d = digits(from, 8, 2);
  if (m === 2 && d === 29 && !isLeapYear(y)) d = 28;
  const onM = digits(on, 5, 2);
  return m < onM || (m === onM && d <= digits(on, 8, 2)) ? years : years - 1;
}

/** The decimal number written in `len` characters of `text` from `at` (the caller knows they are digits). */
function digits(text: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** The first Friday of year y. */
export function firstFriday(y: number): IsoDate {
  const jan1 = makeDate(y, 1, 1);
  return addDays(jan1, (5 - dayOfWeek(jan1) + 7) % 7);
}

export const jan1 = (y: number): IsoDate => makeDate(y, 1, 1);
export const dec31 = (y: number): IsoDate => makeDate(y, 12, 31);

export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
