import { expect } from 'chai';
import fc from 'fast-check';
import { Participant } from '../../actors/participant/participant.js';
import { fromDayNumber } from '../../rules/calendar.js';
import { decodeParticipantRecord, encodeParticipantRecord } from '../../storage/participant-record.js';
import { decodeSnapshotRecord, encodeSnapshotRecord, snapshotRecordEncoder } from '../../storage/snapshot-record.js';
import { VARINT_LIMIT } from '../../storage/varint.js';
import { storedHire } from '../../engine/year-loop.js';
import { change, d, enroll, env, hire, merit, terminate } from '../actors/participant/fixtures.js';

/** The exact value and key order back, as JSON shows them. */
const same = (a: unknown, b: unknown): void => {
  expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
};

/** Encoded in the participant layout, read back exactly (through both entry points), and encoded again to the very same bytes. */
function roundTrips(v: unknown): Buffer {
  const record = encodeSnapshotRecord(v);
  expect([...record.subarray(0, 3)], JSON.stringify(v)).to.deep.equal([0xc1, 0xc1, 1]);
  const back = decodeSnapshotRecord(record);
  same(back, v);
  expect(back).to.deep.equal(v);
  expect(encodeSnapshotRecord(back).equals(record)).to.equal(true);
  expect(encodeSnapshotRecord(v).equals(record)).to.equal(true);
  return record;
}

/** A value the layout does not take: stored generically (`C1` then msgpack), and still given back. */
function fallsBack(v: unknown, roundTrip = true): void {
  expect(encodeParticipantRecord(v)).to.equal(null);
  const record = encodeSnapshotRecord(v);
  expect(record[0]).to.equal(0xc1);
  expect(record[1]).to.not.equal(0xc1);
  if (roundTrip) same(decodeSnapshotRecord(record), v);
}

/** The example of a hire snapshot's participant, as a stored log has it. */
const base = {
  machineVersion: 1,
  value: { employed: 'eligible' },
  context: {
    employeeId: 'E000259', birthDate: '1995-09-23', hireDate: '2024-02-05', department: 'customer_service', fromCensus: true,
    jobLevel: 4, pay: [{ from: '2024-02-05', annual: 7114400 }], termination: null,
    eligibility: { plan: '2024-06-01', match: '2024-06-01', core: '2024-06-01' }, eligibilityAnnounced: true,
    censusElection: { preTax: 400, roth: 0 }, autoEnrollOn: null, enrollment: null, optedOut: false,
    cursor: { date: '2026-01-01', phase: 2 }, lastInputDate: '2026-01-01', year: 2026,
    ytd: { grossPay: 0, planComp: 0, preTax: 0, roth: 0, catchUp: 0, match: 0, trueUp: 0, core: 0, forfeitureAllocation: 0, annualAdditions: 0 },
    yearFlags: 0, deferralComp: 0, matchComp: 0, priorYearComp: 6917900, isHce: false,
    balances: { employee_pre_tax: 678100, employee_roth: 0, employee_catch_up: 0, employer_match: 339100, employer_match_true_up: 0, employer_nonelective: 0, forfeiture_allocation: 0 },
    vested: { employer_match: 0, employer_match_true_up: 0, employer_nonelective: 10000, forfeiture_allocation: 0 },
    forfeitedThisYear: 0, outbox: [] as unknown[], refusal: null as string | null,
  },
};
type Context = typeof base.context;
/** `base` with some context fields replaced (in place: the key order stays). */
const withContext = (fields: Record<string, unknown>): unknown => ({ ...base, context: { ...base.context, ...fields } });

describe('storage/participant-record', () => {
  it('gives back participants of the actor in every state, and their hire snapshots, byte for byte', () => {
    // Monthly payroll, entry monthly after 2 months of service (as the machine spec walks it).
    const e = env({ payroll: { frequency: 'monthly' }, eligibility: { minAge: 21, serviceMonths: 2, entry: 'monthly' }, match: { tiers: [{ upTo: '0.04', rate: '1' }], trueUp: true } });
    const p = Participant.hire(e, hire('E1', '2026-02-10', { pay: 5_200_000 }));
    p.drain();
    const snaps: unknown[] = [p.snapshot()];
    p.advance(d('2026-05-01'));
    snaps.push(p.snapshot());
    p.input(merit('E1', '2026-05-04', 6_500_000));
    p.input(enroll('E1', '2026-05-15', 400, 100));
    p.input(merit('E1', '2026-07-01', 7_000_000));
    p.advance(d('2026-07-31'));
    snaps.push(p.snapshot());
    p.input(change('E1', '2026-08-03', 'opt_out'));
    snaps.push(p.snapshot());
    p.input(terminate('E1', '2026-11-13', 'involuntary'));
    p.advance(d('2026-12-31'));
    snaps.push(p.snapshot());
    p.advance(d('2027-01-01'));
    snaps.push(p.snapshot());
    const states = snaps.map((s) => JSON.stringify((s as { value: unknown }).value));
    expect(states.slice(0, 4)).to.deep.equal(['"notEligible"', '"eligible"', '"deferring"', '"atZero"']);
    expect(states.at(-1)).to.equal('"settled"');
    const last = snaps.at(-1) as { context: Context };
    expect(last.context.termination).to.deep.equal({ date: '2026-11-13', reason: 'involuntary' });
    expect(last.context.pay).to.have.length(3);
    for (const s of snaps) {
      roundTrips(s);
      roundTrips(storedHire(2026, { employeeId: 'E1', snapshot: s as never, through: 3 }).value);
    }
    // A fifth of the generic record's bytes.
    expect(roundTrips(base).length).to.be.below(120);
  });

  it('gives back whatever the fields hold within the layout: negative and large numbers, any text, other key sets, nested states', () => {
    const cases = [
      base,
      { participant: base, year: 2026, through: 3 },
      withContext({ department: 'Réseau – 東京 🚀', employeeId: 'É-1\u{1F600}', refusal: 'refused: \u{FEFF}enrollment before hire' }),
      withContext({ department: 'x'.repeat(200), employeeId: '', refusal: '' }),
      withContext({ department: '\u{FEFF}ops', employeeId: '\u{FEFF}' }),
      // Larger than the scratch buffer it starts with.
      withContext({ refusal: 'r'.repeat(40_000), pay: Array.from({ length: 3000 }, (_, i) => ({ from: fromDayNumber(19_000 + i), annual: i * 1000 })) }),
      withContext({ department: 'a'.repeat(62) }),
      withContext({ department: 'b'.repeat(63) }),
      withContext({ department: `${'c'.repeat(40)}é` }),
      withContext({ jobLevel: -7, yearFlags: 15, priorYearComp: -123_456_789, forfeitedThisYear: VARINT_LIMIT, deferralComp: -VARINT_LIMIT, matchComp: 2 ** 31 }),
      withContext({ ytd: { ...base.context.ytd, grossPay: -1, planComp: 2 ** 40, preTax: -(2 ** 31), roth: 2 ** 31 - 1, catchUp: -(2 ** 31) - 1 } }),
      withContext({ birthDate: '0001-01-01', hireDate: '9999-12-31', lastInputDate: '1969-12-31', cursor: { date: '2000-02-29', phase: 7 } }),
      withContext({ termination: { date: '2026-05-01', reason: 'death' }, enrollment: { date: '2024-06-01', preTax: 600, roth: 200, source: 'auto' }, autoEnrollOn: '2024-07-01', censusElection: null }),
      withContext({ termination: { date: '2026-05-01', reason: 'some other reason' }, enrollment: { date: '2024-06-01', preTax: -1, roth: 0, source: 'payroll' } }),
      withContext({ fromCensus: false, eligibilityAnnounced: false, optedOut: true, isHce: true }),
      withContext({ pay: [] }),
      withContext({ pay: [{ from: '2024-02-05', annual: 1 }, { from: '2025-01-01', annual: 2 }, { from: '2020-01-01', annual: -3 }, { from: '2026-12-31', annual: 0 }] }),
      withContext({ balances: {}, vested: { forfeiture_allocation: 5, employer_match: 10000 } }),
      withContext({ balances: { employer_match: 1, employer_match_true_up: 2, employer_nonelective: 3 }, vested: { employee_pre_tax: 1, 'ключ': 2, '': 3 } }),
      withContext({ balances: { ...base.context.balances, extra: 1 }, vested: { ...base.context.vested, employer_match: -5 } }),
      withContext({ balances: { '2': 1, a: 2, '1': 3 } }),
      { ...base, value: 'employed', machineVersion: 7 },
      { ...base, value: { terminated: 'settled' }, machineVersion: -1 },
      { ...base, value: { employed: { enrolled: 'deferring' }, other: { deep: { er: { still: 'x' } } } } },
      { ...base, value: {} },
    ];
    for (const v of cases) roundTrips(v);
  });

  it('stores generically, and still gives back, whatever the layout cannot give back exactly', () => {
    const { refusal: _refusal, ...missing } = base.context;
    const cases: unknown[] = [
      withContext({ extra: 1 }),
      { ...base, context: missing },
      { ...base, context: Object.fromEntries([['hireDate', base.context.hireDate], ...Object.entries(base.context)]) },
      { ...base, extra: true },
      { participant: base, year: 2026, through: 3, extra: null },
      { participant: base, through: 3, year: 2026 },
      { participant: base, year: 2026.5, through: 3 },
      withContext({ jobLevel: 4.5 }),
      withContext({ priorYearComp: Number.MAX_SAFE_INTEGER }),
      withContext({ priorYearComp: VARINT_LIMIT + 1 }),
      withContext({ matchComp: Infinity }),
      withContext({ matchComp: '12' }),
      withContext({ ytd: { ...base.context.ytd, match: 0.1 } }),
      withContext({ ytd: Object.fromEntries([['planComp', 0], ...Object.entries(base.context.ytd)]) }),
      withContext({ balances: { ...base.context.balances, employee_roth: 1e300 } }),
      withContext({ birthDate: '2026-2-01' }),
      withContext({ hireDate: '2026-02-30' }),
      withContext({ lastInputDate: '2026-01-01T00:00:00Z' }),
      withContext({ cursor: { date: '20260101', phase: 2 } }),
      withContext({ pay: [{ from: '2024-02-05', annual: 7114400, note: 'x' }] }),
      withContext({ pay: [{ annual: 7114400, from: '2024-02-05' }] }),
      withContext({ pay: {} }),
      withContext({ termination: { date: '2026-05-01' } }),
      withContext({ enrollment: { date: '2024-06-01', preTax: 600, roth: 200, source: 7 } }),
      withContext({ autoEnrollOn: 20240601 }),
      withContext({ censusElection: { roth: 0, preTax: 400 } }),
      withContext({ fromCensus: 1 }),
      withContext({ outbox: [{ employeeId: 'E1' }] }),
      withContext({ refusal: 0 }),
      withContext({ department: null }),
      { ...base, value: ['employed'] },
      { ...base, value: 3 },
      { ...base, machineVersion: '1' },
      { ...base, context: null },
      { date: '2026-12-31', phase: 7 },
      [base],
      'a string',
    ];
    for (const v of cases) fallsBack(v);
    // -0 would come back as 0 (so it does from msgpack: the generic encoding is as it was).
    fallsBack(withContext({ jobLevel: -0 }));
    // A lone surrogate cannot be written as UTF-8, nor a Date or a Map in place of plain data.
    fallsBack(withContext({ department: 'ops\uD800' }), false);
    fallsBack(withContext({ hireDate: new Date(Date.UTC(2024, 1, 5)) }), false);
    fallsBack(withContext({ balances: new Map([['employee_pre_tax', 1]]) }), false);
    // A key "__proto__" is refused here, and by the generic encoding (which cannot give it back either).
    const proto = withContext({ vested: JSON.parse('{"__proto__": 1}') });
    expect(encodeParticipantRecord(proto)).to.equal(null);
    expect(() => encodeSnapshotRecord(proto)).to.throw(RangeError, '__proto__');
  });

  it('refuses a truncated, padded or corrupt record with a RangeError', () => {
    const records = [encodeSnapshotRecord(base), encodeSnapshotRecord({ participant: base, year: 2026, through: 3 }), encodeSnapshotRecord(withContext({ department: 'Réseau', termination: { date: '2026-05-01', reason: 'x' } }))];
    for (const record of records) {
      for (let n = 2; n < record.length; n++) {
        expect(() => decodeSnapshotRecord(record.subarray(0, n)), `first ${n} of ${record.length} bytes`).to.throw(RangeError, 'participant record');
      }
      expect(() => decodeSnapshotRecord(Buffer.concat([record, Buffer.from([0])]))).to.throw(RangeError, '1 bytes after the value');
    }
    const record = Buffer.from(records[0]!);
    record[2] = 2;
    expect(() => decodeSnapshotRecord(record)).to.throw(RangeError, 'unknown layout version 2');
    record[2] = 1;
    record[3] = 9;
    expect(() => decodeSnapshotRecord(record)).to.throw(RangeError, 'unknown kind 9');
    // A string code past the dictionary: the state name, right after the machine version and the state's tags.
    record[3] = 0;
    expect(record[8]).to.equal(2 * 2 + 1);
    record[8] = 127;
    expect(() => decodeSnapshotRecord(record)).to.throw(RangeError, 'unknown string code 127');
    // Invalid UTF-8 in an inline string.
    const text = encodeSnapshotRecord(withContext({ department: 'Ré' }));
    const at = text.indexOf(Buffer.from('Ré'));
    text[at + 1] = 0xff;
    expect(() => decodeSnapshotRecord(text)).to.throw(RangeError, 'not UTF-8');
  });

  it('is read through lmdb-js inside a larger reused buffer, and by itself', () => {
    const record = encodeSnapshotRecord(base);
    const padded = Buffer.concat([record, Buffer.from([0xff, 0xff, 0xff])]);
    same(snapshotRecordEncoder.decode(padded, record.length), base);
    same(decodeParticipantRecord(padded, record.length), base);
    same(decodeParticipantRecord(record), base);
    // Each record is a buffer of its own, not a view of the scratch buffer the next one is written in.
    const other = encodeSnapshotRecord(withContext({ employeeId: 'E999999' }));
    same(decodeSnapshotRecord(record), base);
    expect(record.buffer === other.buffer && record.byteOffset === other.byteOffset).to.equal(false);
  });

  it('gives back any participant context of the layout, byte for byte', () => {
    const text = fc.string({ unit: 'binary', maxLength: 80 });
    const date = fc.integer({ min: -719528, max: 2932896 }).map((n) => fromDayNumber(n) as string);
    const int = fc.oneof(fc.integer({ min: -200, max: 200 }), fc.integer(), fc.integer({ min: -VARINT_LIMIT, max: VARINT_LIMIT }));
    const keyed = <T>(keys: readonly string[], value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> =>
      fc.tuple(...keys.map(() => value)).map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i]!])));
    const sources = Object.keys(base.context.balances);
    const amounts = fc.oneof(
      keyed(sources, int),
      keyed(Object.keys(base.context.vested), int),
      fc.dictionary(fc.oneof(fc.constantFrom(...sources), text).filter((k) => k !== '__proto__'), int, { maxKeys: 8 }),
    );
    const name = fc.oneof(fc.constantFrom('employed', 'eligible', 'deferring', 'settled', 'sales', 'auto'), text);
    const state = fc.letrec((tie) => ({
      s: fc.oneof({ depthSize: 'small', maxDepth: 4 }, name, fc.dictionary(name.filter((k) => k !== '__proto__'), tie('s'), { maxKeys: 3 })),
    })).s;
    const context = fc.record({
      employeeId: text, birthDate: date, hireDate: date, department: name, fromCensus: fc.boolean(), jobLevel: int,
      pay: fc.array(fc.record({ from: date, annual: int }), { maxLength: 5 }),
      termination: fc.option(fc.record({ date, reason: name })),
      eligibility: fc.record({ plan: date, match: date, core: date }), eligibilityAnnounced: fc.boolean(),
      censusElection: fc.option(fc.record({ preTax: int, roth: int })), autoEnrollOn: fc.option(date),
      enrollment: fc.option(fc.record({ date, preTax: int, roth: int, source: name })), optedOut: fc.boolean(),
      cursor: fc.record({ date, phase: int }), lastInputDate: date, year: int, ytd: keyed(Object.keys(base.context.ytd), int),
      yearFlags: int, deferralComp: int, matchComp: int, priorYearComp: int, isHce: fc.boolean(), balances: amounts, vested: amounts,
      forfeitedThisYear: int, outbox: fc.constant([]), refusal: fc.option(text),
    });
    const snapshot = fc.record({ machineVersion: int, value: state, context });
    const stored = fc.oneof(snapshot, fc.record({ participant: snapshot, year: int, through: int }));
    fc.assert(fc.property(stored, (v) => void roundTrips(v)), { numRuns: 300 });
  });
});
