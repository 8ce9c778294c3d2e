import { expect } from 'chai';
import fc from 'fast-check';
import { decodeSegment, encodeSegment, viewSegment } from '../../storage/segment.js';
import type { RowEvent, Segment } from '../../storage/segment.js';
import { participantYear } from './fixtures/events.js';

const row = fc.record({
  effectiveDate: fc.constantFrom('2025-01-01', '2025-06-30', '2025-12-31'),
  payload: fc.record({
    eventType: fc.constantFrom('contribution', 'vesting', 'hire'),
    planId: fc.constantFrom('P1', 'P2'),
    amount: fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.constant(Number.MAX_SAFE_INTEGER)),
    flag: fc.boolean(),
    map: fc.dictionary(fc.constantFrom('employer_match', 'employer_nonelective'), fc.integer({ min: 0, max: 10_000 })),
  }, { requiredKeys: ['eventType'] }),
}) as fc.Arbitrary<RowEvent>;

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
          for (const key of ['eventType', 'amount', 'map', 'absent']) expect(view.field(k, key)).to.deep.equal(rows[k]!.payload[key]);
        }
      }),
    );
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
