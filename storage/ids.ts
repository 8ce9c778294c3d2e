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

// The lanes after `scenarioId NUL employeeId NUL year NUL`, so the ids of one participant-year
// hash their shared prefix once.
let p1 = 0;
let p2 = 0;
let p3 = 0;
let p4 = 0;

/** Mixes `scenarioId NUL employeeId NUL year NUL` and keeps the lanes as the prefix state. */
function hashPrefix(scenarioId: string, employeeId: string, year: number): void {
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
  p1 = h1;
  p2 = h2;
  p3 = h3;
  p4 = h4;
}

/** cyrb128 of the prefix state followed by `ordinal`, finalized into the lanes. */
function hashOrdinal(ordinal: number): void {
  h1 = p1;
  h2 = p2;
  h3 = p3;
  h4 = p4;
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

/** Writes the id of the lanes into `out`. */
function formatLanes(): void {
  hexWord(h1 >>> 0, DIGITS, 0);
  hexWord(h2 >>> 0, DIGITS, 8);
  hexWord(h3 >>> 0, DIGITS, 16);
  hexWord(h4 >>> 0, DIGITS, 24);
  out[14] = 56; // version 8 replaces the top nibble of the low half of lane 2
  out[19] = VARIANT[(h3 >>> 30) & 3]!; // variant 10xx replaces the top nibble of lane 3
}

/** The id of the `ordinal`-th event (from 0) a run derived for `employeeId` ('' = plan) in `year`. */
export function deriveEventId(scenarioId: string, employeeId: string, year: number, ordinal: number): string {
  hashPrefix(scenarioId, employeeId, year);
  hashOrdinal(ordinal);
  formatLanes();
  return out.toString('latin1', 0, 36);
}

/**
 * True when id k of `packed` (16 bytes each, {@link packUuids}) is `deriveEventId(scenarioId,
 * employeeId, year, k)` for every k < count: the events are a derived segment's (ingesting a
 * run's export). An ingest asks it of every event, so the shared prefix is hashed once and the
 * lanes are compared with the packed words, with the version and variant nibbles set as
 * {@link deriveEventId} prints them, without printing anything.
 */
export function areDerivedIds(packed: Uint8Array, count: number, scenarioId: string, employeeId: string, year: number): boolean {
  hashPrefix(scenarioId, employeeId, year);
  const word = (at: number): number => ((packed[at]! << 24) | (packed[at + 1]! << 16) | (packed[at + 2]! << 8) | packed[at + 3]!) >>> 0;
  for (let k = 0, at = 0; k < count; k++, at += 16) {
    hashOrdinal(k);
    if (word(at) !== h1 >>> 0) return false;
    if (word(at + 4) !== ((h2 & ~0xf000) | 0x8000) >>> 0) return false;
    if (word(at + 8) !== (((8 | (h3 >>> 30)) << 28) | (h3 & 0x0fffffff)) >>> 0) return false;
    if (word(at + 12) !== h4 >>> 0) return false;
  }
  return true;
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

/** Hex digit value of each lowercase char code. */
const HEX_VALUE = new Uint8Array(128);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;

/** Where each byte's two hex digits start in the canonical text. */
const BYTE_AT: readonly number[] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** Packs canonical UUIDs into 16 bytes each (callers check {@link isCanonicalUuid} first). */
export function packUuids(ids: readonly string[]): Buffer {
  const bytes = Buffer.allocUnsafe(ids.length * 16);
  let o = 0;
  for (const id of ids) {
    for (let b = 0; b < 16; b++) {
      const at = BYTE_AT[b]!;
      bytes[o++] = (HEX_VALUE[id.charCodeAt(at)]! << 4) | HEX_VALUE[id.charCodeAt(at + 1)]!;
    }
  }
  return bytes;
}

/** Id `i` of `buf` ({@link packUuids}) as its canonical text; written into `out`, so only the string is allocated. */
export function unpackUuid(buf: Uint8Array, i: number): string {
  for (let d = 0, at = i * 16; d < 32; d += 2, at++) {
    const b = buf[at]!;
    out[DIGITS[d]!] = HEX[b >>> 4]!;
    out[DIGITS[d + 1]!] = HEX[b & 15]!;
  }
  return out.toString('latin1', 0, 36);
}
