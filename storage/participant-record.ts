/**
 * A participant snapshot (or a hire snapshot around one) as a dedicated binary layout: the
 * roster puts every participant to rest as its snapshot record and brings it back once a year,
 * so these records are written and read in the hottest loop of a run. The generic encoding
 * (snapshot-record.ts) builds arrays for msgpackr to walk; here the context's fields are
 * written straight to a reused buffer in a fixed order, and read back into object literals.
 *
 * Record: `C1 C1 01` (mark, mark, layout version), then a kind byte, 0 for a participant
 * snapshot `{ machineVersion, value, context }` and 1 for a hire snapshot `{ participant, year,
 * through }` (its participant snapshot, then year and through). A participant snapshot is its
 * machine version, its state value (a tag: 0 then a string, or 1 + n then n keys and values),
 * then the context: a byte of flags (the four booleans, which of termination, censusElection,
 * autoEnrollOn, enrollment are present), hireDate as a day number, then the other fields in
 * the context's key order, each date as days from hireDate, absent ones left out, balances and
 * vested as a known key set or their own keys, and refusal last. The outbox, always empty in a
 * snapshot, takes no byte.
 *
 * Numbers are zigzag varints (storage/varint.ts), counts and tags unsigned varints. A string is
 * a varint `k`: 0 for null (where null is allowed), odd for entry (k - 1) / 2 of {@link DICTIONARY},
 * even for (k - 2) / 2 bytes of UTF-8 that follow.
 *
 * Only what the layout gives back exactly is written: a value with a key added, missing or out
 * of order, a number that is not a safe integer within VARINT_LIMIT (or is -0), a date that is
 * not canonical `YYYY-MM-DD`, a non-empty outbox or anything of another type is refused (null)
 * and the caller stores it the generic way.
 */
import { dayNumberOfText } from '../rules/calendar.js';
import { dateOfDay } from './date-of-day.js';
import { VARINT_LIMIT, putUnsigned, unzigzag, zigzag } from './varint.js';
import { hasKeysInOrder } from './key-order.js';

/** First two bytes of a record of this layout: msgpack never uses 0xC1, let alone twice. */
export const PARTICIPANT_RECORD_MARK = 0xc1;
/** The layout written; a record of another version is refused, not misread. */
export const PARTICIPANT_RECORD_VERSION = 1;

/**
 * Strings written as one byte. Fixed for layout version 1 (indices are stored): never edit,
 * append or reorder; a new list needs a new layout version. State names of the participant
 * machine, contribution sources, termination reasons, enrollment sources, the default
 * workforce's departments (engine/workforce/defaults.ts).
 */
const DICTIONARY: readonly string[] = Object.freeze([
  'employed', 'notEligible', 'eligible', 'enrolled', 'deferring', 'atZero', 'terminated', 'forfeitureDone', 'settled',
  'employee_pre_tax', 'employee_roth', 'employee_catch_up', 'employer_match', 'employer_match_true_up',
  'employer_nonelective', 'forfeiture_allocation',
  'voluntary', 'involuntary', 'retirement', 'death', 'disability', 'auto',
  'operations', 'sales', 'engineering', 'customer_service', 'finance', 'hr', 'legal',
]);
const DICTIONARY_CODE = new Map(DICTIONARY.map((s, i) => [s, 2 * i + 1]));

const SNAPSHOT_KEYS = ['machineVersion', 'value', 'context'] as const;
const HIRE_KEYS = ['participant', 'year', 'through'] as const;
const CONTEXT_KEYS = [
  'employeeId', 'birthDate', 'hireDate', 'department', 'fromCensus', 'jobLevel', 'pay', 'termination', 'eligibility',
  'eligibilityAnnounced', 'censusElection', 'autoEnrollOn', 'enrollment', 'optedOut', 'cursor', 'lastInputDate', 'year',
  'ytd', 'yearFlags', 'deferralComp', 'matchComp', 'priorYearComp', 'isHce', 'balances', 'vested', 'forfeitedThisYear',
  'outbox', 'refusal',
] as const;
const YTD_KEYS = ['grossPay', 'planComp', 'preTax', 'roth', 'catchUp', 'match', 'trueUp', 'core', 'forfeitureAllocation', 'annualAdditions'] as const;
const PAY_KEYS = ['from', 'annual'] as const;
const TERMINATION_KEYS = ['date', 'reason'] as const;
const ELIGIBILITY_KEYS = ['plan', 'match', 'core'] as const;
const ELECTION_KEYS = ['preTax', 'roth'] as const;
const ENROLLMENT_KEYS = ['date', 'preTax', 'roth', 'source'] as const;
const CURSOR_KEYS = ['date', 'phase'] as const;
/** The key sets balances and vested nearly always have, written as one tag: every source; the employer sources. */
const ALL_SOURCES = ['employee_pre_tax', 'employee_roth', 'employee_catch_up', 'employer_match', 'employer_match_true_up', 'employer_nonelective', 'forfeiture_allocation'] as const;
const EMPLOYER_SOURCES = ['employer_match', 'employer_match_true_up', 'employer_nonelective', 'forfeiture_allocation'] as const;

/** Bits of the context's flags byte. */
const FROM_CENSUS = 1;
const ELIGIBILITY_ANNOUNCED = 2;
const OPTED_OUT = 4;
const IS_HCE = 8;
const HAS_TERMINATION = 16;
const HAS_CENSUS_ELECTION = 32;
const HAS_AUTO_ENROLL_ON = 64;
const HAS_ENROLLMENT = 128;

/** A state value nested deeper than this is not a participant's (and bounds the recursion). */
const MAX_STATE_DEPTH = 16;
/** Day numbers of 0000-01-01 and 9999-12-31: the dates `YYYY-MM-DD` can write. */
const FIRST_DAY = dayNumberOfText('0000-01-01');
const LAST_DAY = dayNumberOfText('9999-12-31');

type Obj = Record<string, unknown>;

const isPlain = (v: unknown): v is Obj => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * True when `v` is an object whose enumerable keys are exactly `keys`, in order. No prototype
 * check (it was a sixth of the cost of encoding): a Map, Date, array or typed array has other
 * keys or none, and an object of a class with these keys is the same data to JSON and to the
 * generic encoding, which give it back as a plain object too.
 */
const shaped = (v: unknown, keys: readonly string[]): v is Obj => typeof v === 'object' && v !== null && hasKeysInOrder(v as Obj, keys);

// ---- Writing. One scratch buffer for every record; `bad` is set by any value the layout cannot give back.

let out = new Uint8Array(1 << 14);
let pos = 0;
let bad = false;

/** Room for `n` more bytes. */
function room(n: number): void {
  if (pos + n <= out.length) return;
  const next = new Uint8Array(Math.max(out.length * 2, pos + n));
  next.set(out.subarray(0, pos));
  out = next;
}

/** An unsigned varint: a count, a tag or a string code (a safe integer ≥ 0). */
function writeUnsigned(z: number): void {
  room(8);
  pos = putUnsigned(out, pos, z);
}

/** A number as a zigzag varint, or `bad` when it is not an integer the layout gives back exactly. */
function writeInt(v: unknown): void {
  // An int32 (nearly every number) first; -0 is refused, as a varint would give it back as 0.
  const exact = typeof v === 'number' && ((v | 0) === v ? !Object.is(v, -0) : Number.isInteger(v) && v <= VARINT_LIMIT && v >= -VARINT_LIMIT);
  if (!exact) {
    bad = true;
    return;
  }
  const z = zigzag(v);
  if (z < 0x80 && pos < out.length) out[pos++] = z;
  else writeUnsigned(z);
}

/** The last two dates read and their days: a context's dates often repeat the one before (eligibility's three, cursor and last input). */
let lastDate1: unknown = null;
let lastDay1 = 0;
let lastDate2: unknown = null;
let lastDay2 = 0;

/**
 * The day number of `v` when it is a date written canonically, else NaN. dayNumberOfText
 * accepts exactly the real dates written `YYYY-MM-DD`, and each of those is the text
 * fromDayNumber gives back for its day, so the number alone round-trips.
 */
function dayOf(v: unknown): number {
  if (v === lastDate1) return lastDay1;
  if (v === lastDate2) return lastDay2;
  if (typeof v !== 'string') return NaN;
  const day = dayNumberOfText(v);
  if (Number.isNaN(day)) return NaN;
  lastDate2 = lastDate1;
  lastDay2 = lastDay1;
  lastDate1 = v;
  lastDay1 = day;
  return day;
}

/** A date as days from `base`. */
function writeDate(v: unknown, base: number): void {
  const day = dayOf(v);
  if (Number.isNaN(day)) bad = true;
  else writeInt(day - base);
}

/** UTF-8 bytes of `s`, or -1 when it holds a lone surrogate (which UTF-8 cannot give back). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return -1;
      n += 4;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return -1;
    else n += 3;
  }
  return n;
}

function writeString(v: unknown): void {
  if (typeof v !== 'string') {
    bad = true;
    return;
  }
  const code = DICTIONARY_CODE.get(v);
  if (code !== undefined) return writeUnsigned(code);
  const n = v.length;
  room(n + 1);
  if (n <= 62) {
    // Most strings are short ASCII: length byte and bytes in one pass, redone as UTF-8 at the first other character.
    const start = pos;
    const b = out;
    let p = start + 1;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c >= 0x80) return writeUtf8(v);
      b[p++] = c;
    }
    b[start] = 2 * n + 2;
    pos = p;
    return;
  }
  writeUtf8(v);
}

const utf8Encoder = new TextEncoder();

/** A string that is not short ASCII, once it is known to be well-formed (a lone surrogate would come back as U+FFFD). */
function writeUtf8(v: string): void {
  const n = utf8Length(v);
  if (n < 0) {
    bad = true;
    return;
  }
  writeUnsigned(2 * n + 2);
  room(n);
  pos += utf8Encoder.encodeInto(v, out.subarray(pos, pos + n)).written;
}

/**
 * How many keys `v` has, or -1 unless it is a plain object without a key `__proto__` (an
 * object literal would take that for the prototype on reading).
 */
function plainKeyCount(v: unknown): number {
  if (!isPlain(v)) return -1;
  let n = 0;
  for (const k in v) {
    if (k === '__proto__') return -1;
    n++;
  }
  return n;
}

/** An xstate state value: a state name, or an object of state names to state values. */
function writeState(v: unknown, depth: number): void {
  if (typeof v === 'string') {
    writeUnsigned(0);
    return writeString(v);
  }
  const n = depth >= MAX_STATE_DEPTH ? -1 : plainKeyCount(v);
  if (n < 0) {
    bad = true;
    return;
  }
  writeUnsigned(n + 1);
  const o = v as Obj;
  for (const k in o) {
    writeString(k);
    writeState(o[k], depth + 1);
  }
}

/** `o`'s values, when its keys are exactly `keys` in order (checked as they are written): else false, and nothing written. */
function writeInts(o: Obj, keys: readonly string[]): boolean {
  const start = pos;
  let i = 0;
  for (const k in o) {
    if (keys[i++] !== k) {
      pos = start;
      return false;
    }
    writeInt(o[k]);
  }
  if (i === keys.length) return true;
  pos = start;
  return false;
}

/** Integers by key (balances, vested): tag 1 or 3 for {@link ALL_SOURCES} or {@link EMPLOYER_SOURCES}, else 2n and n keys and values. */
function writeAmounts(v: unknown): void {
  if (typeof v !== 'object' || v === null) {
    bad = true;
    return;
  }
  const o = v as Obj;
  const start = pos;
  room(1);
  pos++;
  if (writeInts(o, ALL_SOURCES)) {
    out[start] = 1;
    return;
  }
  if (writeInts(o, EMPLOYER_SOURCES)) {
    out[start] = 3;
    return;
  }
  pos = start;
  const n = plainKeyCount(o);
  if (n < 0) {
    bad = true;
    return;
  }
  writeUnsigned(2 * n);
  for (const k in o) {
    writeString(k);
    writeInt(o[k]);
  }
}

function writeBoolean(v: unknown, bit: number): number {
  if (v === true) return bit;
  if (v !== false) bad = true;
  return 0;
}

/** A nullable field: its flag bit when it is an object of `keys`, 0 when null, else `bad`. */
function presence(v: unknown, keys: readonly string[], bit: number): number {
  if (v === null) return 0;
  if (shaped(v, keys)) return bit;
  bad = true;
  return 0;
}

function writeContext(c: unknown): void {
  if (!shaped(c, CONTEXT_KEYS)) {
    bad = true;
    return;
  }
  const termination = c.termination as Obj | null;
  const censusElection = c.censusElection as Obj | null;
  const enrollment = c.enrollment as Obj | null;
  const eligibility = c.eligibility;
  const cursor = c.cursor;
  const ytd = c.ytd;
  const pay = c.pay;
  const outbox = c.outbox;
  if (
    !shaped(eligibility, ELIGIBILITY_KEYS) || !shaped(cursor, CURSOR_KEYS) || typeof ytd !== 'object' || ytd === null ||
    !Array.isArray(pay) || !Array.isArray(outbox) || outbox.length !== 0
  ) {
    bad = true;
    return;
  }
  const flags =
    writeBoolean(c.fromCensus, FROM_CENSUS) | writeBoolean(c.eligibilityAnnounced, ELIGIBILITY_ANNOUNCED) |
    writeBoolean(c.optedOut, OPTED_OUT) | writeBoolean(c.isHce, IS_HCE) |
    presence(termination, TERMINATION_KEYS, HAS_TERMINATION) | presence(censusElection, ELECTION_KEYS, HAS_CENSUS_ELECTION) |
    (c.autoEnrollOn === null ? 0 : HAS_AUTO_ENROLL_ON) | presence(enrollment, ENROLLMENT_KEYS, HAS_ENROLLMENT);
  if (bad) return;
  room(1);
  out[pos++] = flags;
  const hire = dayOf(c.hireDate);
  if (Number.isNaN(hire)) {
    bad = true;
    return;
  }
  writeInt(hire);
  writeDate(c.birthDate, hire);
  writeString(c.employeeId);
  writeString(c.department);
  writeInt(c.jobLevel);
  writeUnsigned(pay.length);
  for (let i = 0; i < pay.length; i++) {
    const step: unknown = pay[i];
    if (!shaped(step, PAY_KEYS)) {
      bad = true;
      return;
    }
    writeDate(step.from, hire);
    writeInt(step.annual);
  }
  if (termination !== null) {
    writeDate(termination.date, hire);
    writeString(termination.reason);
  }
  writeDate(eligibility.plan, hire);
  writeDate(eligibility.match, hire);
  writeDate(eligibility.core, hire);
  if (censusElection !== null) {
    writeInt(censusElection.preTax);
    writeInt(censusElection.roth);
  }
  if (c.autoEnrollOn !== null) writeDate(c.autoEnrollOn, hire);
  if (enrollment !== null) {
    writeDate(enrollment.date, hire);
    writeInt(enrollment.preTax);
    writeInt(enrollment.roth);
    writeString(enrollment.source);
  }
  writeDate(cursor.date, hire);
  writeInt(cursor.phase);
  writeDate(c.lastInputDate, hire);
  writeInt(c.year);
  if (!writeInts(ytd as Obj, YTD_KEYS)) bad = true;
  writeInt(c.yearFlags);
  writeInt(c.deferralComp);
  writeInt(c.matchComp);
  writeInt(c.priorYearComp);
  writeAmounts(c.balances);
  writeAmounts(c.vested);
  writeInt(c.forfeitedThisYear);
  if (c.refusal === null) writeUnsigned(0);
  else writeString(c.refusal);
}

function writeSnapshot(v: unknown): void {
  if (!shaped(v, SNAPSHOT_KEYS)) {
    bad = true;
    return;
  }
  writeInt(v.machineVersion);
  writeState(v.value, 0);
  if (!bad) writeContext(v.context);
}

/**
 * `value` as a record of this layout (a fresh buffer of its exact size: callers keep records),
 * or null when it is not a participant or hire snapshot the layout gives back exactly.
 */
export function encodeParticipantRecord(value: unknown): Buffer | null {
  if (typeof value !== 'object' || value === null) return null;
  pos = 0;
  bad = false;
  room(4);
  out[0] = PARTICIPANT_RECORD_MARK;
  out[1] = PARTICIPANT_RECORD_MARK;
  out[2] = PARTICIPANT_RECORD_VERSION;
  pos = 4;
  if (shaped(value, HIRE_KEYS)) {
    out[3] = 1;
    writeSnapshot(value.participant);
    writeInt(value.year);
    writeInt(value.through);
  } else {
    out[3] = 0;
    writeSnapshot(value);
  }
  if (bad) return null;
  const record = Buffer.allocUnsafe(pos);
  record.set(out.subarray(0, pos));
  return record;
}

// ---- Reading. `end` bounds every read: a truncated or corrupt record throws rather than reading garbage.

/** What `buf` is between reads, so that the last record read is not kept alive. */
const EMPTY = new Uint8Array(0);
let buf: Uint8Array = EMPTY;
let at = 0;
let end = 0;

function corrupt(what: string): never {
  throw new RangeError(`participant record: ${what} (truncated or corrupt record)`);
}

function readByte(): number {
  if (at >= end) corrupt('ends early');
  return buf[at++]!;
}

function readUnsigned(): number {
  if (at >= end) corrupt('ends early');
  let b = buf[at++]!;
  if (b < 0x80) return b;
  let z = b & 0x7f;
  let scale = 128;
  for (;;) {
    if (at >= end) corrupt('ends inside a number');
    b = buf[at++]!;
    z += (b & 0x7f) * scale;
    if (b < 0x80) return z;
    scale *= 128;
    if (scale > 2 ** 49) corrupt('a number is too long');
  }
}

function readInt(): number {
  const z = readUnsigned();
  if (z < 0x80000000) return (z >>> 1) ^ -(z & 1);
  if (z > 2 * VARINT_LIMIT) corrupt('a number is beyond the limit');
  return unzigzag(z);
}

/** A date written as days from `base`. */
function readDate(base: number): string {
  const day = base + readInt();
  if (!(day >= FIRST_DAY && day <= LAST_DAY)) corrupt('a date is out of range');
  return dateOfDay(day);
}

/** Refuses bytes that are not UTF-8, and keeps a leading U+FEFF (by default it is dropped as a byte order mark). */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A string of code `k` (not 0, which is null). */
function stringOf(k: number): string {
  if (k % 2 === 1) {
    const s = DICTIONARY[(k - 1) / 2];
    if (s === undefined) corrupt(`unknown string code ${k}`);
    return s;
  }
  if (k === 0) corrupt('a string is missing');
  const n = (k - 2) / 2;
  const start = at;
  const stop = start + n;
  if (stop > end) corrupt('ends inside a string');
  at = stop;
  if (n <= 32) {
    let s = '';
    for (let i = start; i < stop; i++) {
      const c = buf[i]!;
      if (c >= 0x80) return utf8Of(start, stop);
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8Of(start, stop);
}

function utf8Of(start: number, stop: number): string {
  try {
    return utf8.decode(buf.subarray(start, stop));
  } catch {
    return corrupt('a string is not UTF-8');
  }
}

const readString = (): string => stringOf(readUnsigned());

function readNullableString(): string | null {
  const k = readUnsigned();
  return k === 0 ? null : stringOf(k);
}

function readState(depth: number): unknown {
  if (depth >= MAX_STATE_DEPTH) corrupt('a state value is too deep');
  const tag = readUnsigned();
  if (tag === 0) return readString();
  const n = tag - 1;
  if (n > end - at) corrupt('ends inside a state value');
  const o: Obj = {};
  for (let i = 0; i < n; i++) {
    const k = readString();
    if (k === '__proto__') corrupt('a state key "__proto__"');
    o[k] = readState(depth + 1);
  }
  return o;
}

function readAmounts(): Obj {
  const tag = readUnsigned();
  if (tag === 1) {
    return {
      employee_pre_tax: readInt(), employee_roth: readInt(), employee_catch_up: readInt(), employer_match: readInt(),
      employer_match_true_up: readInt(), employer_nonelective: readInt(), forfeiture_allocation: readInt(),
    };
  }
  if (tag === 3) return { employer_match: readInt(), employer_match_true_up: readInt(), employer_nonelective: readInt(), forfeiture_allocation: readInt() };
  if (tag % 2 === 1) corrupt(`unknown key set ${tag}`);
  const n = tag / 2;
  if (n > end - at) corrupt('ends inside an amounts map');
  const o: Obj = {};
  for (let i = 0; i < n; i++) {
    const k = readString();
    if (k === '__proto__') corrupt('a key "__proto__"');
    o[k] = readInt();
  }
  return o;
}

function readPay(hire: number): { from: string; annual: number }[] {
  const n = readUnsigned();
  if (n > end - at) corrupt('ends inside the pay list');
  const pay: { from: string; annual: number }[] = [];
  for (let i = 0; i < n; i++) pay.push({ from: readDate(hire), annual: readInt() });
  return pay;
}

function readContext(): unknown {
  const flags = readByte();
  const hire = readInt();
  if (!(hire >= FIRST_DAY && hire <= LAST_DAY)) corrupt('a date is out of range');
  const birthDate = readDate(hire);
  return {
    employeeId: readString(),
    birthDate,
    hireDate: dateOfDay(hire),
    department: readString(),
    fromCensus: (flags & FROM_CENSUS) !== 0,
    jobLevel: readInt(),
    pay: readPay(hire),
    termination: (flags & HAS_TERMINATION) !== 0 ? { date: readDate(hire), reason: readString() } : null,
    eligibility: { plan: readDate(hire), match: readDate(hire), core: readDate(hire) },
    eligibilityAnnounced: (flags & ELIGIBILITY_ANNOUNCED) !== 0,
    censusElection: (flags & HAS_CENSUS_ELECTION) !== 0 ? { preTax: readInt(), roth: readInt() } : null,
    autoEnrollOn: (flags & HAS_AUTO_ENROLL_ON) !== 0 ? readDate(hire) : null,
    enrollment: (flags & HAS_ENROLLMENT) !== 0 ? { date: readDate(hire), preTax: readInt(), roth: readInt(), source: readString() } : null,
    optedOut: (flags & OPTED_OUT) !== 0,
    cursor: { date: readDate(hire), phase: readInt() },
    lastInputDate: readDate(hire),
    year: readInt(),
    ytd: {
      grossPay: readInt(), planComp: readInt(), preTax: readInt(), roth: readInt(), catchUp: readInt(), match: readInt(),
      trueUp: readInt(), core: readInt(), forfeitureAllocation: readInt(), annualAdditions: readInt(),
    },
    yearFlags: readInt(),
    deferralComp: readInt(),
    matchComp: readInt(),
    priorYearComp: readInt(),
    isHce: (flags & IS_HCE) !== 0,
    balances: readAmounts(),
    vested: readAmounts(),
    forfeitedThisYear: readInt(),
    outbox: [],
    refusal: readNullableString(),
  };
}

function readSnapshot(): unknown {
  const machineVersion = readInt();
  const value = readState(0);
  return { machineVersion, value, context: readContext() };
}

/** The value of a record of this layout, its first `size` bytes (all of it by default). */
export function decodeParticipantRecord(record: Uint8Array, size = record.length): unknown {
  buf = record;
  end = Math.min(size, record.length);
  at = 0;
  try {
    if (end < 4) corrupt('ends early');
    if (record[0] !== PARTICIPANT_RECORD_MARK || record[1] !== PARTICIPANT_RECORD_MARK) corrupt('no participant record mark');
    if (record[2] !== PARTICIPANT_RECORD_VERSION) corrupt(`unknown layout version ${record[2]}`);
    const kind = record[3];
    at = 4;
    let value: unknown;
    if (kind === 0) value = readSnapshot();
    else if (kind === 1) {
      const participant = readSnapshot();
      const year = readInt();
      value = { participant, year, through: readInt() };
    } else corrupt(`unknown kind ${kind}`);
    if (at !== end) corrupt(`${end - at} bytes after the value`);
    return value;
  } finally {
    buf = EMPTY;
  }
}
