import { expect } from 'chai';
import fc from 'fast-check';
import { Packr, pack } from 'msgpackr';
import { Participant } from '../../actors/participant/participant.js';
import { decodeSnapshotRecord, encodeSnapshotRecord, SNAPSHOT_SHAPES, snapshotRecordEncoder } from '../../storage/snapshot-record.js';
import { storedHire } from '../../engine/year-loop.js';
import { d, enroll, env, hire, merit } from '../actors/participant/fixtures.js';

/** The exact value and key order back, as JSON shows them. */
const same = (a: unknown, b: unknown): void => {
  expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
};

/** Plain data as snapshots hold it, with objects of the known shapes (some with keys reordered) and arrays that start with 0 or a negative number. */
const shaped = fc.constantFrom(...SNAPSHOT_SHAPES).chain((keys) =>
  fc.tuple(fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { minLength: keys.length, maxLength: keys.length }), fc.boolean()).map(([values, reversed]) => {
    const order = reversed ? [...keys].reverse() : keys;
    return Object.fromEntries(order.map((k) => [k, values[keys.indexOf(k)]]));
  }),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.integer({ min: -5, max: 5 }), fc.string(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }),
    shaped,
    fc.array(tie('v')),
    fc.dictionary(fc.string().filter((k) => k !== '__proto__'), tie('v')),
    fc.tuple(fc.constantFrom(0, -1, -2, -1000), tie('v')).map(([head, rest]) => [head, rest]),
  ),
})).v;

describe('storage/snapshot-record', () => {
  it('gives back any plain value, key order included', () => {
    fc.assert(fc.property(value, (v) => same(decodeSnapshotRecord(encodeSnapshotRecord(v)), v)), { numRuns: 500 });
  });

  it('refuses a key "__proto__", which it could not give back, rather than dropping it', () => {
    expect(() => encodeSnapshotRecord({ a: [JSON.parse('{"__proto__": 0}')] })).to.throw(RangeError, 'snapshot record: a key "__proto__" cannot be stored');
  });

  it('stores a participant snapshot as its values, in half the bytes of msgpack, and reads it back exactly', () => {
    const p = Participant.hire(env(), hire('E1', '2025-03-01', { pay: 5_200_000 }));
    p.drain();
    p.input(merit('E1', '2026-04-01', 6_500_000));
    p.input(enroll('E1', '2026-05-04', 400, 100));
    p.advance(d('2026-12-31'));
    const snap = p.snapshot();
    const record = encodeSnapshotRecord(snap);
    same(decodeSnapshotRecord(record), snap);
    expect(record.length).to.be.below(pack(snap).length / 1.8);
    // Every object of the state but the balance maps (their keys vary) matched a known shape: no context key is written.
    expect(record.includes('employeeId')).to.equal(false);
    expect(record.includes('annualAdditions')).to.equal(false);
    // A hire snapshot as the log stores it: the participant inside a { participant, year, through } record.
    const hired = storedHire(2026, { employeeId: 'E1', snapshot: snap, through: 3 }).value;
    same(decodeSnapshotRecord(encodeSnapshotRecord(hired)), hired);
  });

  it('reads values stored before it (plain msgpack), and through lmdb-js reads a value inside a larger buffer', () => {
    // lmdb-js's msgpack encoder (records, each describing itself) wrote them.
    const lmdbMsgpack = new Packr({ copyBuffers: true });
    same(decodeSnapshotRecord(lmdbMsgpack.pack({ machineVersion: 1, value: 'x', context: { a: [1, 2] } })), { machineVersion: 1, value: 'x', context: { a: [1, 2] } });
    const record = encodeSnapshotRecord({ date: '2026-12-31', phase: 7 });
    const padded = Buffer.concat([record, Buffer.from([0xff, 0xff, 0xff])]);
    same(snapshotRecordEncoder.decode(padded, record.length), { date: '2026-12-31', phase: 7 });
  });

  it('refuses a shape index it does not know', () => {
    const record = Buffer.concat([Buffer.from([0xc1]), pack([-1 - SNAPSHOT_SHAPES.length, 1])]);
    expect(() => decodeSnapshotRecord(record)).to.throw(RangeError, `unknown shape ${-1 - SNAPSHOT_SHAPES.length}`);
  });
});
