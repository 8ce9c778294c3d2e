/** Exact message text: these lines are what users read, so they are pinned here. */
import { expect } from 'chai';
import * as t from 'io-ts';
import { EventC, decodeEvent, formatErrors } from '../../../actors/events/index.js';
import { event, withField } from './fixtures.js';

const messages = (json: unknown) => {
  const r = decodeEvent(json);
  return r._tag === 'Left' ? r.left : [];
};

describe('actors/events error reporter', () => {
  it('pins the messages of the issue', () => {
    expect(messages(withField('contribution', 'payload.amount', '12.345'))).to.deep.equal([
      'payload.amount: "12.345" has 3 decimals; money allows at most 2',
    ]);
    expect(messages(withField('contribution', 'payload.amount', undefined))).to.deep.equal(['payload.amount: required']);
    expect(messages(withField('contribution', 'payload.foo', 1))).to.deep.equal(['payload.foo: unknown field']);
    expect(messages(withField('hire', 'effectiveDate', '2025-02-30'))).to.deep.equal([
      'effectiveDate: "2025-02-30" is not a real date: 2025-02 has 28 days',
    ]);
    expect(messages(withField('forfeiture', 'payload.amount', '-12.00'))).to.deep.equal([
      'payload.amount: "-12.00" is not positive; this amount must be greater than 0',
    ]);
  });

  it('prefixes the line number when given', () => {
    const r = EventC.validate(withField('contribution', 'payload.amount', '12.345'), [{ key: '', type: EventC, actual: null }]);
    if (r._tag === 'Right') expect.fail('expected invalid');
    expect(formatErrors(r.left, 12)).to.deep.equal(['line 12: payload.amount: "12.345" has 3 decimals; money allows at most 2']);
  });

  it('works without our messages too (a stock io-ts codec), and never dumps union members', () => {
    const r = t.type({ a: t.number }).decode({ a: 'x' });
    if (r._tag === 'Right') expect.fail('expected invalid');
    expect(formatErrors(r.left)).to.deep.equal(['a: expected number, got "x"']);
    const wrongShape = event('hire');
    wrongShape.payload = { eventType: 'promotion', hireDate: '2025-01-01' };
    expect(messages(wrongShape)).to.deep.equal([
      'payload.newJobLevel: required',
      'payload.newAnnualCompensation: required',
      'payload.hireDate: unknown field',
    ]);
  });
});
