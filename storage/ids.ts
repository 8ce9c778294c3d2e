/**
 * Deterministic event ids for the events a run derives. A run writes tens of millions of
 * events; storing a random UUID for each would cost ~16 bytes an event and make two runs of
 * the same scenario differ. Instead the id is a pure function of where the event sits in the
 * simulation: (scenario, employee or '' for plan-level events, plan year, ordinal within that
 * participant-year), computed again whenever the event is read.
 *
 * Format: the 128-bit cyrb128 hash (a fast, non-cryptographic, 4×32-bit lane hash) of the
 * UTF-16 code units of `scenarioId NUL employeeId NUL year NUL ordinal`, printed as a UUID
 * with version nibble 8 (RFC 9562 "custom" UUID) and variant bits 10:
 * `xxxxxxxx-xxxx-8xxx-[89ab]xxx-xxxxxxxxxxxx`. External (ingested) events keep the ids they
 * were given; a v8 id from another tool is simply an external id.
 */

// The four lanes of the hash, module state so that hashing allocates nothing.
let h1 = 0;
let h2 = 0;
let h3 = 0;
let h4 = 0;

function mix(k: number): void {
  h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
  h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
  h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
  h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
}

function mixText(str: string): void {
  for (let i = 0; i < str.length; i++) mix(str.charCodeAt(i));
}

/** Mixes the decimal digits of a non-negative integer, as the code units of its text would be. */
function mixInt(n: number): void {
  if (n >= 10) mixInt(Math.floor(n / 10));
  mix(48 + (n % 10));
}

/** cyrb128 of `scenarioId NUL employeeId NUL year NUL ordinal`, fed part by part. */
function hashKey(scenarioId: string, employeeId: string, year: number, ordinal: number): void {
  h1 = 1779033703;
  h2 = 3144134277;
  h3 = 1013904242;
  h4 = 2773480762;
  mixText(scenarioId);
  mix(0);
  mixText(employeeId);
  mix(0);
  if (year < 0) {
    mix(45);
    mixInt(-year);
  } else mixInt(year);
  mix(0);
  mixInt(ordinal);
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
}

const HEX = Buffer.from('0123456789abcdef', 'latin1');
const VARIANT = Buffer.from('89ab', 'latin1');
const out = Buffer.alloc(36, 45); // '-' at 8, 13, 18, 23 stay
/** Writes the 8 hex digits of a 32-bit word at `at` (skipping hyphen positions). */
function hexWord(word: number, positions: readonly number[], from: number): void {
  for (let i = 0; i < 8; i++) out[positions[from + i]!] = HEX[(word >>> (28 - 4 * i)) & 15]!;
}
const DIGITS: readonly number[] = Array.from({ length: 36 }, (_, i) => i).filter((i) => i !== 8 && i !== 13 && i !== 18 && i !== 23);

/** The id of the `ordinal`-th event (from 0) a run derived for `employeeId` ('' = plan) in `year`. */
export function deriveEventId(scenarioId: string, employeeId: string, year: number, ordinal: number): string {
  hashKey(scenarioId, employeeId, year, ordinal);
  hexWord(h1 >>> 0, DIGITS, 0);
  hexWord(h2 >>> 0, DIGITS, 8);
  hexWord(h3 >>> 0, DIGITS, 16);
  hexWord(h4 >>> 0, DIGITS, 24);
  out[14] = 56; // version 8 replaces the top nibble of the low half of lane 2
  out[19] = VARIANT[(h3 >>> 30) & 3]!; // variant 10xx replaces the top nibble of lane 3
  return out.toString('latin1', 0, 36);
}

/** The ids of a derived segment's events, ordinals 0..count-1. */
export function derivedIds(scenarioId: string, employeeId: string, year: number, count: number): string[] {
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = deriveEventId(scenarioId, employeeId, year, i);
  return out;
}

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a lowercase hyphenated UUID, which the log stores as 16 bytes. */
export const isCanonicalUuid = (id: string): boolean => CANONICAL_UUID.test(id);

/** Packs canonical UUIDs into 16 bytes each (callers check {@link isCanonicalUuid} first). */
export function packUuids(ids: readonly string[]): Buffer {
  const out = Buffer.allocUnsafe(ids.length * 16);
  ids.forEach((id, i) => out.write(id.replace(/-/g, ''), i * 16, 16, 'hex'));
  return out;
}

export function unpackUuid(buf: Uint8Array, i: number): string {
  const h = Buffer.from(buf.buffer, buf.byteOffset + i * 16, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
