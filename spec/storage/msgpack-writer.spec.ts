import { expect } from 'chai';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { MsgpackWriter } from '../../storage/msgpack-writer.js';

// The options of the log's records (segment.ts): the writer must give exactly these bytes.
const packr = new Packr({ useRecords: false, mapsAsObjects: true, variableMapSize: true });
const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** Every header boundary of the forms the writer writes itself, and a few values on each side. */
const edges = [0, 0x1f, 0x20, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0xffffffff, 2 ** 32, 2 ** 53 - 1]
  .flatMap((n) => [n, -n, n + 1, -n - 1, n - 1])
  .concat([-0x20, -0x21, -0x80, -0x81, -0x8000, -0x8001, -(2 ** 31), -(2 ** 31) - 1, 0.5, -1.25, Number.NaN, -0]);
/** The lengths where a string's or a byte string's header changes size. */
const lengths = fc.constantFrom(0, 31, 32, 255, 256, 65_535, 65_536);

const leaf = fc.oneof(
  fc.constantFrom(...edges),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }), // non-ASCII: left to msgpackr
  fc.string({ unit: 'binary', maxLength: 6 }), // lone surrogates too
  lengths.map((n) => 'a'.repeat(n)),
  fc.constant(null),
  fc.boolean(),
  fc.uint8Array({ maxLength: 300 }),
  lengths.map((n) => new Uint8Array(n).fill(7)),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer()), // an object: left to msgpackr
);
const tree = fc.letrec<{ value: unknown }>((t) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(t('value'), { maxLength: 20 })),
})).value;

describe('the log records’ msgpack writer', () => {
  it('writes exactly msgpackr’s bytes, for every kind of value and at every header boundary', () => {
    const w = new MsgpackWriter((v) => packr.pack(v));
    fc.assert(
      fc.property(tree, (v) => {
        expect(hex(w.record(v))).to.equal(hex(packr.pack(v)));
      }),
      { numRuns: 500 },
    );
    // Arrays of each header size, of values of each form.
    for (const n of [15, 16, 65_535, 65_536]) {
      const a = Array.from({ length: n }, (_, i) => edges[i % edges.length]);
      expect(hex(w.record(a))).to.equal(hex(packr.pack(a)));
    }
  });

  it('keeps the records it handed out when a record outgrows its block', () => {
    const w = new MsgpackWriter((v) => packr.pack(v), 16);
    const values = [[1, 'abc', new Uint8Array([1, 2, 3])], 'x'.repeat(40), [[], [null, true, false]], 'y'.repeat(3)];
    const records = values.map((v) => w.record(v));
    records.forEach((r, i) => expect(packr.unpack(r)).to.deep.equal(values[i]));
    records.forEach((r, i) => expect(hex(r)).to.equal(hex(packr.pack(values[i]))));
  });
});
