import { expect } from 'chai';
import fc from 'fast-check';
import { compileFast, loopFast, optional, strict } from '../../../actors/events/strict.js';
import type { Field } from '../../../actors/events/strict.js';
import { INVALID } from '../../../actors/events/fast.js';
import { money, text, bool } from '../../../actors/events/scalars.js';

const FIELDS: Field[] = [
  { key: 'a', codec: text, optional: false },
  { key: 'b', codec: optional(money(false)).optional, optional: true },
  { key: 'c', codec: bool, optional: false },
  { key: 'weird "key"', codec: money(true), optional: true },
];

describe('actors/events strict objects', () => {
  it('the generated check and the loop agree, key order included', () => {
    const generated = compileFast(FIELDS);
    const loop = loopFast(FIELDS);
    const value = fc.oneof(fc.constant('1.50'), fc.constant('x'), fc.boolean(), fc.constant(''), fc.constant(0));
    const input = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'weird "key"', 'extra'), value, { noNullPrototype: true });
    fc.assert(
      fc.property(input, (u) => {
        const g = generated(u);
        const l = loop(u);
        if (g === INVALID || l === INVALID) expect(g).to.equal(l);
        else expect(JSON.stringify(g)).to.equal(JSON.stringify(l));
      }),
      { numRuns: 1000 },
    );
    expect(generated({ c: true, b: '2', a: 'x' })).to.deep.equal({ a: 'x', b: 200, c: true });
    expect(Object.keys(generated({ c: true, b: '2', a: 'x' }) as object)).to.deep.equal(['a', 'b', 'c']);
  });

  it('refuses a field named __proto__ (a programmer error)', () => {
    expect(() => strict('Bad', Object.fromEntries([['__proto__', text]]))).to.throw(TypeError, 'Bad: a field cannot be named "__proto__"');
  });
});
