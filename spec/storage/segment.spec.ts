import { expect } from 'chai';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { KNOWN_SHAPES, decodeSegment, encodeSegment, viewSegment } from '../../storage/segment.js';
import type { RowEvent, Segment } from '../../storage/segment.js';
import { participantYear } from './fixtures/events.js';

/** Real dates (leap day, the epoch, the ends of the 4-digit range) and strings that only look like one. */
const dateLike = fc.constantFrom('2025-01-01', '2024-02-29', '1970-01-01', '1969-12-31', '0000-03-01', '9999-12-31', '2025-02-29', '2025-13-01', '2025-1-01', '2025-01-01x', '2025/01/01');

const row = fc
  .record({
    effectiveDate: fc.oneof(fc.constantFrom('2025-01-01', '2025-06-30', '2025-12-31'), dateLike),
    payload: fc.record({
      eventType: fc.constantFrom('contribution', 'vesting', 'hire'),
      planId: fc.constantFrom('P1', 'P2'),
      amount: fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.constant(Number.MAX_SAFE_INTEGER)),
      flag: fc.boolean(),
      day: dateLike,
      map: fc.dictionary(fc.constantFrom('employer_match', 'employer_nonelective'), fc.integer({ min: 0, max: 10_000 })),
    }, { requiredKeys: ['eventType'] }),
    // A pay period's end is its row's effective date: stored as "the row's date".
    ownDate: fc.boolean(),
  })
  .map(({ effectiveDate, payload, ownDate }) => ({ effectiveDate, payload: ownDate ? { ...payload, periodEnd: effectiveDate } : payload })) as fc.Arbitrary<RowEvent>;

/** A contribution row of the shape the engine writes most (KNOWN_SHAPES[0]). */
const contribution = (date: string, amount: number, ytd: number): RowEvent => ({
  effectiveDate: date,
  payload: { eventType: 'contribution', planId: 'acme', source: 'employee_pre_tax', amount, payPeriodEnd: date, ytdAmount: ytd, irsLimitApplied: false },
});
const packr = new Packr({ useRecords: false, mapsAsObjects: true, variableMapSize: true });

describe('storage/segment', () => {
  it('round-trips any rows, in order, with key order and optional keys kept', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), (rows, external) => {
        const seg: Segment = {
          kind: external ? 'external' : 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: external ? null : 2025,
          count: rows.length, ids: external ? rows.map((_, i) => `id-${i}`) : null, rows,
        };
        const back = decodeSegment(encodeSegment(seg));
        expect(back).to.deep.equal(seg);
        back.rows.forEach((r, i) => expect(Object.keys((r as RowEvent).payload)).to.deep.equal(Object.keys(rows[i]!.payload)));
      }),
    );
  });

  it('stores a participant-year in a fraction of its JSON size', () => {
    const rows = participantYear('E000042', 2025) as unknown as RowEvent[];
    const bytes = encodeSegment({ kind: 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E000042', year: 2025, count: rows.length, ids: null, rows }).length;
    const json = rows.reduce((n, r) => n + JSON.stringify(r).length, 0);
    expect(bytes / rows.length).to.be.below(40);
    expect(bytes).to.be.below(json / 8);
  });

  it('a view reads any row, date and field exactly as decodeSegment rebuilds them, without rebuilding the rest', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 5 }), (rows, external, picks) => {
        const inputs = [...new Set(picks.map((k) => k % rows.length))].sort((a, b) => a - b);
        const seg: Segment = {
          kind: external ? 'external' : 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: external ? null : 2025,
          count: rows.length, ids: external ? rows.map((_, i) => `id-${i}`) : null, rows, ...(external || inputs.length === 0 ? {} : { inputs }),
        };
        const buf = encodeSegment(seg);
        const back = decodeSegment(buf).rows as readonly RowEvent[];
        const view = viewSegment(buf)!;
        expect(view.header).to.deep.equal({ kind: seg.kind, schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: seg.year, count: rows.length });
        expect(view.inputs).to.deep.equal(external ? [] : inputs);
        // Backwards, so a delta column is first read at its last row.
        for (let k = rows.length - 1; k >= 0; k--) {
          expect(view.row(k)).to.deep.equal(back[k]);
          expect(Object.keys(view.row(k).payload)).to.deep.equal(Object.keys(rows[k]!.payload));
          expect(view.date(k)).to.equal(rows[k]!.effectiveDate);
          for (const key of ['eventType', 'amount', 'map', 'day', 'periodEnd', 'absent']) expect(view.field(k, key)).to.deep.equal(rows[k]!.payload[key]);
        }
      }),
    );
  });

  it('stores a shape of KNOWN_SHAPES as its index, and pay dates as one small number each', () => {
    // Two biweekly pay dates, 14 days apart; the pay period end is each row's own date.
    const rows = [contribution('2025-01-10', 150_00, 150_00), contribution('2025-01-24', 150_00, 300_00)];
    const buf = encodeSegment({ kind: 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: 2025, count: 2, ids: null, rows });
    const record = packr.unpack(buf) as unknown[];
    expect(record[0]).to.equal(3);
    const [dates, shapeIdx, shapes] = (record[7] as unknown[])[0] as [unknown, unknown, [unknown, unknown[]][]];
    // 2025-01-10 is day 20,098 since 1970-01-01 (55 × 365 + 14 leap days, 1972-2024, + 9): then +14.
    // Zigzag varints: 20,098 → 40,196 = 4 + 58·128 + 2·128² → bytes 0x84 0xBA 0x02; 14 → 28 = 0x1C, one byte.
    expect(dates).to.deep.equal([5, Buffer.from([0x84, 0xba, 0x02, 0x1c])]);
    // Both rows of shape 0: zigzag 0, one byte each.
    expect(shapeIdx).to.deep.equal(Buffer.from([0, 0]));
    expect(shapes[0]![0]).to.equal(0);
    expect(KNOWN_SHAPES[0]).to.deep.equal(Object.keys(rows[0]!.payload));
    // eventType, planId, source, amount: constant; ytdAmount: deltas 15,000 and 15,000 (zigzag
    // 30,000 = 48 + 106·128 + 1·128² → 0xB0 0xEA 0x01); payPeriodEnd: the row's date; the flag: constant.
    const ytd = Buffer.from([0xb0, 0xea, 0x01, 0xb0, 0xea, 0x01]);
    expect(shapes[0]![1]).to.deep.equal([[3, 'contribution'], [3, 'acme'], [3, 'employee_pre_tax'], [3, 150_00], [4], [2, ytd], [3, false]]);
    expect(decodeSegment(buf).rows).to.deep.equal(rows);
  });

  it('stores negative deltas and dates before 1970 as varints, and a delta beyond 2^50 as a plain value', () => {
    const huge = 2 ** 51;
    const rows = [contribution('1969-12-31', -5, -5), contribution('1970-01-01', 7, huge), contribution('2025-01-10', -(2 ** 50), 0)];
    const buf = encodeSegment({ kind: 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: 2025, count: 3, ids: null, rows, inputs: [0, 2] });
    const cols = ((((packr.unpack(buf) as unknown[])[7] as unknown[])[0] as unknown[])[2] as [unknown, unknown[][]][])[0]![1];
    // amount -5, 7, -2^50: deltas -5, 12, -2^50 - 7 is past the limit, so the column is raw.
    expect(cols[3]).to.deep.equal([0, [-5, 7, -(2 ** 50)]]);
    // ytdAmount -5, 2^51, 0: the second delta is past 2^50: raw as well.
    expect(cols[5]).to.deep.equal([0, [-5, huge, 0]]);
    expect(decodeSegment(buf)).to.deep.equal({ kind: 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: 2025, count: 3, ids: null, rows, inputs: [0, 2] });
  });

  it('reads a format 2 record (number runs as msgpack arrays)', () => {
    const body = [[[5, [20_098, 14]], [0, 0], [[0, [[3, 'contribution'], [3, 'acme'], [3, 'employee_pre_tax'], [3, 150_00], [4], [2, [150_00, 150_00]], [3, false]]]]], [1]];
    const buf = packr.pack([2, 0, 2, 'pd', 'E1', 2025, 2, body]);
    const rows = [contribution('2025-01-10', 150_00, 150_00), contribution('2025-01-24', 150_00, 300_00)];
    expect(decodeSegment(buf)).to.deep.equal({ kind: 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: 2025, count: 2, ids: null, rows, inputs: [1] });
    expect(viewSegment(buf)!.row(1)).to.deep.equal(rows[1]);
    expect(viewSegment(buf)!.inputs).to.deep.equal([1]);
  });

  it('refuses a varint run cut inside a number', () => {
    // 0x84 has its continuation bit set and nothing follows it.
    const buf = packr.pack([3, 0, 2, 'pd', 'E1', 2025, 1, [[[5, Buffer.from([0x84])], Buffer.from([0]), [[['eventType'], [[3, 'hire']]]]]]]);
    expect(() => decodeSegment(buf)).to.throw(RangeError, 'a varint run ends inside a number');
  });

  it('writes a record piece by piece exactly as msgpackr packs the structure it reads back', () => {
    // encodeSegment writes the record's arrays as it finds their parts (msgpack-writer.ts
    // begin/array/write/end): the bytes must be those of the whole structure packed at once.
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.constantFrom('derived', 'external') as fc.Arbitrary<'derived' | 'external'>, fc.boolean(), (rows, kind, withInputs) => {
        const seg: Segment = {
          kind, schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: kind === 'derived' ? 2025 : null, count: rows.length,
          ids: kind === 'external' ? rows.map((_, i) => `id-${i}`) : null, rows, ...(withInputs && kind === 'derived' ? { inputs: [0, rows.length - 1] } : {}),
        };
        const buf = encodeSegment(seg);
        expect(Buffer.from(packr.pack(packr.unpack(buf))).equals(Buffer.from(buf))).to.equal(true);
      }),
    );
  });

  it('round-trips payloads whose keys are any text (quotes, backslashes, line breaks, U+2028)', () => {
    // Each shape's fields are read by a function made from its key list (segment.ts `gatherer`).
    const key = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"', '\\', "'];\n//", '\u2028', '${x}', 'a`b')).filter((k) => k !== '__proto__' && k !== 'eventType');
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 6 }), fc.array(fc.integer(), { minLength: 1, maxLength: 5 }), (keys, values) => {
        const rows: RowEvent[] = values.map((v, i) => ({ effectiveDate: '2025-03-01', payload: { eventType: 'odd', ...Object.fromEntries(keys.map((k, j) => [k, v + i + j])) } }));
        const back = decodeSegment(encodeSegment({ kind: 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: 2025, count: rows.length, ids: null, rows }));
        expect(back.rows).to.deep.equal(rows);
      }),
    );
  });

  it('stores inline a key list that only joins like a known one (a key holding a comma)', () => {
    const rows: RowEvent[] = [{ effectiveDate: '2025-04-01', payload: { eventType: 'merit', 'newCompensation,meritPercentage': 1 } }];
    const buf = encodeSegment({ kind: 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: 2025, count: 1, ids: null, rows });
    const shapes = (((packr.unpack(buf) as unknown[])[7] as unknown[])[0] as unknown[])[2] as [unknown, unknown][];
    expect(shapes[0]![0]).to.deep.equal(['eventType', 'newCompensation,meritPercentage']);
    expect(decodeSegment(buf).rows).to.deep.equal(rows);
  });

  it('gives the rows of one key list one shape, also once the cache of key lists met is full, and no values of an earlier segment', () => {
    const seg = (rows: RowEvent[]): Segment => ({ kind: 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: 2025, count: rows.length, ids: null, rows });
    const shapesOf = (buf: Uint8Array) => (((packr.unpack(buf) as unknown[])[7] as unknown[])[0] as unknown[])[2] as [unknown, unknown[]][];
    // 1,100 key lists never met before: more than the 1,024 the encoder keeps.
    const many: RowEvent[] = Array.from({ length: 1100 }, (_, i) => ({ effectiveDate: '2025-03-01', payload: { eventType: 'odd', [`k${i}`]: i } }));
    expect(decodeSegment(encodeSegment(seg(many))).rows).to.deep.equal(many);
    const late = (v: number): RowEvent => ({ effectiveDate: '2025-05-01', payload: { eventType: 'late', a: v, b: 'x' } });
    const rows = [late(1), late(2), late(3)];
    const buf = encodeSegment(seg(rows));
    expect(shapesOf(buf)).to.have.length(1);
    expect(decodeSegment(buf).rows).to.deep.equal(rows);
    // A shorter segment of a shape used before holds its own rows only (the scratch columns are reused).
    const one = [contribution('2025-01-10', 5, 5)];
    encodeSegment(seg([contribution('2025-01-10', 1, 1), contribution('2025-01-24', 2, 3), contribution('2025-02-07', 3, 6)]));
    expect(decodeSegment(encodeSegment(seg(one))).rows).to.deep.equal(one);
  });

  it('reads a format 1 record (dates as a dictionary, key lists inline)', () => {
    const body = [[[1, ['2025-01-10', '2025-01-24'], [0, 1]], [0, 0], [[Object.keys(contribution('x', 0, 0).payload), [[3, 'contribution'], [3, 'acme'], [3, 'employee_pre_tax'], [2, [150_00, 0]], [1, ['2025-01-10', '2025-01-24'], [0, 1]], [2, [150_00, 150_00]], [3, false]]]]], [1]];
    const buf = packr.pack([1, 0, 2, 'pd', 'E1', 2025, 2, body]);
    const rows = [contribution('2025-01-10', 150_00, 150_00), contribution('2025-01-24', 150_00, 300_00)];
    expect(decodeSegment(buf)).to.deep.equal({ kind: 'derived', schemaVersion: 2, planDesignId: 'pd', employeeId: 'E1', year: 2025, count: 2, ids: null, rows, inputs: [1] });
    expect(viewSegment(buf)!.row(1)).to.deep.equal(rows[1]);
  });

  it('refuses an unknown shape index or column code', () => {
    const record = (shape: unknown, col: unknown): Buffer => packr.pack([2, 0, 2, 'pd', 'E1', 2025, 1, [[[3, '2025-01-01'], [0], [[shape, [col]]]]]]);
    expect(() => decodeSegment(record(KNOWN_SHAPES.length, [3, 'hire']))).to.throw(RangeError, `unknown segment shape ${KNOWN_SHAPES.length}`);
    expect(() => decodeSegment(record(['eventType'], [9, 'hire']))).to.throw(RangeError, 'unknown segment column code 9');
  });

  it('has no view of a legacy segment (those go through the upcasters)', () => {
    const rows = [{ eventId: 'x', schemaVersion: 1, effectiveDate: '2024-01-01', payload: { eventType: 'hire' } }];
    expect(viewSegment(encodeSegment({ kind: 'legacy', schemaVersion: 1, planDesignId: 'pd', employeeId: 'E1', year: null, count: 1, ids: ['x'], rows }))).to.equal(null);
  });

  it('refuses a record of another format', () => {
    expect(() => decodeSegment(Buffer.from([0x93, 0x07, 0x00, 0x00]))).to.throw(RangeError, 'unknown segment format 7');
    expect(() => viewSegment(Buffer.from([0x93, 0x07, 0x00, 0x00]))).to.throw(RangeError, 'unknown segment format 7');
  });
});
