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

  it('stores a participant snapshot in its own layout (participant-record.ts), in a fifth of the bytes of msgpack, and reads it back exactly', () => {
    const p = Participant.hire(env(), hire('E1', '2025-03-01', { pay: 5_200_000 }));
    p.drain();
    p.input(merit('E1', '2026-04-01', 6_500_000));
    p.input(enroll('E1', '2026-05-04', 400, 100));
    p.advance(d('2026-12-31'));
    const snap = p.snapshot();
    const record = encodeSnapshotRecord(snap);
    expect([...record.subarray(0, 3)]).to.deep.equal([0xc1, 0xc1, 1]);
    same(decodeSnapshotRecord(record), snap);
    expect(record.length).to.be.below(pack(snap).length / 5);
    // No key is written, not even the balance maps' (a known key set).
    expect(record.includes('employeeId')).to.equal(false);
    expect(record.includes('employer_match')).to.equal(false);
    // A hire snapshot as the log stores it: the participant inside a { participant, year, through } record.
    const hired = storedHire(2026, { employeeId: 'E1', snapshot: snap, through: 3 }).value;
    const hiredRecord = encodeSnapshotRecord(hired);
    expect([...hiredRecord.subarray(0, 3)]).to.deep.equal([0xc1, 0xc1, 1]);
    same(decodeSnapshotRecord(hiredRecord), hired);
    // The same value, the same bytes.
    expect(encodeSnapshotRecord(storedHire(2026, { employeeId: 'E1', snapshot: p.snapshot(), through: 3 }).value).equals(hiredRecord)).to.equal(true);
  });

  it('stores generically what the participant layout cannot give back exactly, and reads it back', () => {
    const p = Participant.hire(env(), hire('E1', '2025-03-01'));
    p.drain();
    const snap = p.snapshot();
    for (const odd of [
      { ...snap, context: { ...snap.context, jobLevel: 3.5 } },
      { ...snap, context: { ...snap.context, birthDate: '1980-6-15' } },
      { ...snap, context: { ...snap.context, hireDate: '2025-02-30' } },
      { ...snap, context: { ...snap.context, outbox: [{ employeeId: 'E1', effectiveDate: '2025-03-01' }] } },
      { ...snap, context: { ...snap.context, extra: 1 } },
    ]) {
      const record = encodeSnapshotRecord(odd);
      expect(record[0]).to.equal(0xc1);
      expect(record[1]).to.not.equal(0xc1);
      same(decodeSnapshotRecord(record), odd);
    }
  });

  it('reads a participant record written by the generic encoding (before the participant layout)', () => {
    // A hire snapshot as this file wrote it before participant-record.ts: 0xC1, then msgpack of known shapes as arrays.
    const old = Buffer.from(
      'wZT+lP8BgahlbXBsb3llZIGoZW5yb2xsZWSpZGVmZXJyaW5n3AAd/adFMDAwMjU5qjE5OTUtMDktMjOqMjAyNC0wMi0wNbBjdXN0' +
        'b21lcl9zZXJ2aWNlwwSTAJP4qjIwMjQtMDItMDXOAGyOoJP4qjIwMjUtMDQtMDHOAHDqQJP3qjIwMjYtMDMtMzGqcmV0aXJlbWVu' +
        'dJT7qjIwMjQtMDYtMDGqMjAyNC0wNi0wMaoyMDI0LTA2LTAxw8DAlfmqMjAyNC0wNi0wMc0BkGSpdm9sdW50YXJ5wpP6qjIwMjYt' +
        'MDMtMzEGqjIwMjYtMDMtMzHNB+qb/M4AHDqQzgAcOpDOAAEhEM1IRADOAAFpVAAAAM4AAtKoAM4AHDqQzgAcOpDOAHDqQMKHsGVt' +
        'cGxveWVlX3ByZV90YXjOAApY1K1lbXBsb3llZV9yb3Ro57FlbXBsb3llZV9jYXRjaF91cACuZW1wbG95ZXJfbWF0Y2jOAAUsnLZl' +
        'bXBsb3llcl9tYXRjaF90cnVlX3VwALRlbXBsb3llcl9ub25lbGVjdGl2ZQC1Zm9yZmVpdHVyZV9hbGxvY2F0aW9uAISuZW1wbG95' +
        'ZXJfbWF0Y2jNJxC2ZW1wbG95ZXJfbWF0Y2hfdHJ1ZV91cM0nELRlbXBsb3llcl9ub25lbGVjdGl2Zc0nELVmb3JmZWl0dXJlX2Fs' +
        'bG9jYXRpb27NJxAAkQDAzQfqAw==',
      'base64',
    );
    const value = decodeSnapshotRecord(old) as { participant: { value: unknown; context: Record<string, unknown> }; year: number; through: number };
    same(value.participant.value, { employed: { enrolled: 'deferring' } });
    same(value.participant.context['termination'], { date: '2026-03-31', reason: 'retirement' });
    same((value.participant.context['balances'] as Record<string, number>)['employee_roth'], -25);
    expect([value.year, value.through]).to.deep.equal([2026, 3]);
    // Written again, it takes the participant layout, and reads back the same.
    const record = encodeSnapshotRecord(value);
    expect(record[1]).to.equal(0xc1);
    same(decodeSnapshotRecord(record), value);
    same(snapshotRecordEncoder.decode(Buffer.concat([old, Buffer.from([0xff])]), old.length), value);
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
