/**
 * How the `snapshots` database stores a value: a participant's state (about one a participant
 * a year, the log's second-largest part after its events) or a hire snapshot. The roster
 * (engine/parallel/roster.ts) also keeps participants at rest as these records, so they are
 * written and read once a participant-year.
 *
 * A record is one of:
 * - `C1 C1 version ...`: a participant or hire snapshot in the dedicated layout of
 *   participant-record.ts, which every such snapshot it can give back exactly is written in;
 * - `C1 msgpack`: anything else, generically. msgpack writes every object's keys with it (in a
 *   participant snapshot they were half its ~990 bytes), so an object whose keys, in order, are
 *   one of {@link SNAPSHOT_SHAPES} is written as its values only: `[-1 - shapeIndex, ...values]`.
 *   An array is written `[0, ...items]`, so the two cannot be confused; any other plain object
 *   is a msgpack map of its (so encoded) values, and anything else is msgpack's own;
 * - plain msgpack, as lmdb-js wrote values before these encodings.
 * msgpack never uses the byte 0xC1, so the first two bytes tell the three apart. Decoding gives
 * the same value back, key order included, and a value always encodes to the same bytes.
 */
import { Packr } from 'msgpackr';
import { hasKeysInOrder } from './key-order.js';
import { decodeParticipantRecord, encodeParticipantRecord, PARTICIPANT_RECORD_MARK } from './participant-record.js';

/** 0xC1: never the first byte of a msgpack value (the format reserves it); twice, the start of a participant record. */
const MARK = PARTICIPANT_RECORD_MARK;

/**
 * Key lists written as values only. Append only: a stored index must name the same keys
 * forever. The orders are those the participant actor builds its state in.
 */
export const SNAPSHOT_SHAPES: readonly (readonly string[])[] = Object.freeze([
  ['machineVersion', 'value', 'context'],
  ['participant', 'year', 'through'],
  [
    'employeeId', 'birthDate', 'hireDate', 'department', 'fromCensus', 'jobLevel', 'pay', 'termination', 'eligibility',
    'eligibilityAnnounced', 'censusElection', 'autoEnrollOn', 'enrollment', 'optedOut', 'cursor', 'lastInputDate', 'year',
    'ytd', 'yearFlags', 'deferralComp', 'matchComp', 'priorYearComp', 'isHce', 'balances', 'vested', 'forfeitedThisYear',
    'outbox', 'refusal',
  ],
  ['grossPay', 'planComp', 'preTax', 'roth', 'catchUp', 'match', 'trueUp', 'core', 'forfeitureAllocation', 'annualAdditions'],
  ['plan', 'match', 'core'],
  ['date', 'phase'],
  ['date', 'preTax', 'roth', 'source'],
  ['from', 'annual'],
  ['date', 'reason'],
  ['preTax', 'roth'],
].map((keys) => Object.freeze(keys)));

/** Shapes by first key, so an object is matched against one or two candidates. */
const byFirstKey = new Map<string, number[]>();
SNAPSHOT_SHAPES.forEach((keys, i) => byFirstKey.set(keys[0]!, [...(byFirstKey.get(keys[0]!) ?? []), i]));

const packr = new Packr({ useRecords: false, mapsAsObjects: true, variableMapSize: true });
/** lmdb-js's msgpack encoder (no shared structures): what values stored before this encoding were written with. */
const legacy = new Packr({ copyBuffers: true });

const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** The index of the shape whose keys are exactly `obj`'s own keys in order, or -1. */
function shapeOf(obj: Record<string, unknown>): number {
  let first: string | undefined;
  for (const k in obj) {
    first = k;
    break;
  }
  const shapes = first === undefined ? undefined : byFirstKey.get(first);
  if (shapes === undefined) return -1;
  for (const s of shapes) if (hasKeysInOrder(obj, SNAPSHOT_SHAPES[s]!)) return s;
  return -1;
}

function encodeValue(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length + 1);
    out[0] = 0;
    for (let i = 0; i < v.length; i++) out[i + 1] = encodeValue(v[i]);
    return out;
  }
  if (!isPlainObject(v)) return v;
  const s = shapeOf(v);
  if (s >= 0) {
    const keys = SNAPSHOT_SHAPES[s]!;
    const out = new Array<unknown>(keys.length + 1);
    out[0] = -1 - s;
    for (let i = 0; i < keys.length; i++) out[i + 1] = encodeValue(v[keys[i]!]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v) {
    // Assigned, it would set the copy's prototype (and msgpackr renames it on reading): refused, not silently dropped.
    if (k === '__proto__') throw new RangeError('snapshot record: a key "__proto__" cannot be stored');
    out[k] = encodeValue(v[k]);
  }
  return out;
}

function decodeValue(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const tag = v[0] as number;
    if (tag === 0) {
      const out = new Array<unknown>(v.length - 1);
      for (let i = 1; i < v.length; i++) out[i - 1] = decodeValue(v[i]);
      return out;
    }
    const keys = SNAPSHOT_SHAPES[-1 - tag];
    if (keys === undefined || keys.length !== v.length - 1) throw new RangeError(`snapshot record: unknown shape ${JSON.stringify(tag)}`);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = decodeValue(v[i + 1]);
    return out;
  }
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = decodeValue(v[k]);
  return out;
}

/** A value as the snapshots database stores it: the participant layout when it fits exactly, else generically. */
export function encodeSnapshotRecord(value: unknown): Buffer {
  const fast = encodeParticipantRecord(value);
  if (fast !== null) return fast;
  const body = packr.pack(encodeValue(value));
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = MARK;
  out.set(body, 1);
  return out;
}

/** A stored value back from its first `size` bytes: either encoding of this file, or plain msgpack (written before them). */
function decodeRecord(buf: Uint8Array, size: number): unknown {
  if (buf[0] !== MARK) return legacy.unpack(size === buf.length ? buf : buf.subarray(0, size));
  if (size > 1 && buf[1] === MARK) return decodeParticipantRecord(buf, size);
  return decodeValue(packr.unpack(buf.subarray(1, size)));
}

/** A stored value back: either encoding of this file, or plain msgpack (written before them). */
export function decodeSnapshotRecord(buf: Uint8Array): unknown {
  return decodeRecord(buf, buf.length);
}

/**
 * The snapshots database's encoder (lmdb-js `encoder` option), so every read and write of it
 * goes through this file. lmdb-js passes a range read's value in a larger reused buffer, with
 * the value's size as the second argument (a `get`'s second argument is its options).
 */
export const snapshotRecordEncoder = {
  encode: encodeSnapshotRecord,
  decode: (buf: Uint8Array, size?: unknown): unknown => decodeRecord(buf, typeof size === 'number' ? Math.min(size, buf.length) : buf.length),
};
