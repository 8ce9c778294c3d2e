import { expect } from 'chai';
import fc from 'fast-check';
import { INVALID } from '../../../actors/events/fast.js';
import { date, uuid } from '../../../actors/events/scalars.js';
import { parseIsoDate } from '../../../rules/calendar.js';

/** The definition the UUID check's loop stands for. */
const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('actors/events scalars', () => {
  it('a UUID is accepted exactly when it is 8-4-4-4-12 lowercase hex digits', () => {
    // near misses: a canonical id with a char replaced, inserted or removed
    const chars = fc.constantFrom('0', '9', 'a', 'f', 'g', 'A', 'F', '-', '_', ' ', '/', ':', '`', '\u0000', '\u0080', '\u00e9', '\u0130', '\u0661', '\uff10', '\ud83d');
    const nearMiss = fc.tuple(fc.uuid(), fc.nat(36), chars, fc.constantFrom('replace', 'insert', 'remove', 'keep')).map(([id, at, c, how]) =>
      how === 'replace' ? id.slice(0, at) + c + id.slice(at + 1)
        : how === 'insert' ? id.slice(0, at) + c + id.slice(at)
          : how === 'remove' ? id.slice(0, at) + id.slice(at + 1)
            : id,
    );
    fc.assert(
      fc.property(fc.oneof(nearMiss, fc.string({ minLength: 34, maxLength: 38 })), (s) => {
        expect(uuid.fast(s) !== INVALID, s).to.equal(CANONICAL.test(s));
      }),
      { numRuns: 20_000 },
    );
    expect(uuid.fast('0f8fad5b-d9cb-469f-a165-70867728950e')).to.equal('0f8fad5b-d9cb-469f-a165-70867728950e');
    // the hyphens where they belong, but 5 of them (a hyphen in place of a digit)
    expect(uuid.fast('0f8fad5b-d9cb-469f-a165-70867728950-')).to.equal(INVALID);
    expect(uuid.fast('0f8fad5b-d9cb-469f-a165--0867728950e')).to.equal(INVALID);
    expect(uuid.fast(36)).to.equal(INVALID);
  });

  it('a date is accepted exactly when parseIsoDate accepts it, before 1970 too (negative day numbers)', () => {
    const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
      ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
    fc.assert(fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 })), (s) => {
      expect(date.fast(s) !== INVALID, s).to.equal(parseIsoDate(s).ok);
    }), { numRuns: 5_000 });
    for (const s of ['1969-12-31', '1960-01-01', '0000-01-01']) expect(date.fast(s), s).to.equal(s);
  });
});
