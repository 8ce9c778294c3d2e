/**
 * Tiny helpers for the hand-computed lifecycle goldens. They only filter and add up the
 * interchange events; every expected number lives in the specs, derived from RULES.md by hand.
 * Money is parsed from its decimal string into integer cents (no floating point anywhere).
 */
import { readFileSync } from 'node:fs';

export type Ev = Record<string, unknown>;
export type Frequency = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly';

/** Loads a scenario JSON that sits beside this file; a fresh mutable copy each call. */
export function loadScenario(name: string): Record<string, any> {
  const url = new URL(`./${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, any>;
}

/** The scenario with `plan.payroll.frequency` replaced (the file itself is untouched). */
export function withFrequency(scenario: Record<string, any>, f: Frequency): Record<string, any> {
  const copy = structuredClone(scenario);
  copy['plan']['payroll'] = { ...(copy['plan']['payroll'] ?? {}), frequency: f };
  return copy;
}

export function payload(e: Ev): Record<string, any> {
  return (e['payload'] ?? {}) as Record<string, any>;
}
export function typeOf(e: Ev): string {
  return String(payload(e)['eventType']);
}
export function dateOf(e: Ev): string {
  return String(e['effectiveDate']);
}
export function yearOfEvent(e: Ev): number {
  return Number(dateOf(e).slice(0, 4));
}

export function forEmployee(events: readonly Ev[], employeeId: string): Ev[] {
  return events.filter((e) => e['employeeId'] === employeeId);
}
export function planLevel(events: readonly Ev[]): Ev[] {
  return events.filter((e) => e['employeeId'] === undefined || e['employeeId'] === null);
}
export function ofType(events: readonly Ev[], eventType: string): Ev[] {
  return events.filter((e) => typeOf(e) === eventType);
}
export function inYear(events: readonly Ev[], year: number): Ev[] {
  return events.filter((e) => yearOfEvent(e) === year);
}
export function compliance(events: readonly Ev[], complianceType: string): Ev[] {
  return ofType(events, 'compliance').filter((e) => payload(e)['complianceType'] === complianceType);
}

/** One employee's `contribution` events of one source (optionally of one year), in log order. */
export function contributions(events: readonly Ev[], employeeId: string, source: string, year?: number): Ev[] {
  const mine = ofType(forEmployee(events, employeeId), 'contribution').filter((e) => payload(e)['source'] === source);
  return year === undefined ? mine : inYear(mine, year);
}

/** "1234.50" (or a JSON number with ≤ 2 decimals) → 123450, by integer parsing. */
export function toCents(value: unknown): number {
  const s = typeof value === 'number' ? String(value) : String(value);
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not a money amount: ${JSON.stringify(value)}`);
  const whole = Number.parseInt(m[2] ?? '0', 10);
  const frac = Number.parseInt(((m[3] ?? '') + '00').slice(0, 2), 10);
  const c = whole * 100 + frac;
  return m[1] === '-' ? -c : c;
}

/** Sum of `payload.amount` in cents. */
export function sumCents(events: readonly Ev[]): number {
  return events.reduce((acc, e) => acc + toCents(payload(e)['amount']), 0);
}

/** The amounts, as the exported strings, in log order. */
export function amounts(events: readonly Ev[]): string[] {
  return events.map((e) => String(payload(e)['amount']));
}
export function dates(events: readonly Ev[]): string[] {
  return events.map(dateOf);
}

/** `n` copies of `x`, for per-period expectation tables. */
export function times<T>(n: number, x: T): T[] {
  return Array.from({ length: n }, () => x);
}

/** Cents → the canonical export string ("1234.50"). */
export function money(c: number): string {
  const sign = c < 0 ? '-' : '';
  const a = Math.abs(c);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Event types of an event list, for order assertions. */
export function kinds(events: readonly Ev[]): string[] {
  return events.map((e) => {
    const p = payload(e);
    const t = typeOf(e);
    if (t === 'contribution') return `contribution:${String(p['source'])}`;
    if (t === 'compliance') return `compliance:${String(p['complianceType'])}`;
    if (t === 'enrollment_change') return `enrollment_change:${String(p['changeType'])}`;
    if (t === 'forfeiture') return `forfeiture:${String(p['forfeitedFromSource'])}`;
    return t;
  });
}
