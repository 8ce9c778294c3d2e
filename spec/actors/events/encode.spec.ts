import { expect } from 'chai';
import { decodeEvent, encodeEvent, encodePayload, eventToJsonLine } from '../../../actors/events/index.js';
import type { Payload, VestedEvent } from '../../../actors/events/index.js';
import { isoDate } from '../../../rules/calendar.js';
import { bp, cents } from '../../../rules/units.js';
import { event } from './fixtures.js';

describe('actors/events encode', () => {
  it('writes money with 2 decimals and rates with 4, as strings', () => {
    const p: Payload = { eventType: 'merit', newCompensation: cents(123450), meritPercentage: bp(600) };
    expect(encodePayload(p)).to.deep.equal({ eventType: 'merit', newCompensation: '1234.50', meritPercentage: '0.0600' });
    const q: Payload = { eventType: 'merit', newCompensation: cents(5), meritPercentage: bp(10000) };
    expect(encodePayload(q)).to.deep.equal({ eventType: 'merit', newCompensation: '0.05', meritPercentage: '1.0000' });
  });

  it('writes keys in canonical order whatever order the object was built in', () => {
    const e: VestedEvent = {
      payload: { irsLimitApplied: true, ytdAmount: cents(2000), payPeriodEnd: isoDate('2025-01-10'), amount: cents(1000), source: 'employer_match', planId: 'p', eventType: 'contribution' },
      schemaVersion: 2,
      sequence: 0,
      effectiveDate: isoDate('2025-01-10'),
      employeeId: 'E1',
      planDesignId: 'd',
      scenarioId: 's',
      eventId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    };
    expect(eventToJsonLine(e)).to.equal(
      '{"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","scenarioId":"s","planDesignId":"d","employeeId":"E1","effectiveDate":"2025-01-10","sequence":0,"schemaVersion":2,' +
        '"payload":{"eventType":"contribution","planId":"p","source":"employer_match","amount":"10.00","payPeriodEnd":"2025-01-10","ytdAmount":"20.00","irsLimitApplied":true}}',
    );
  });

  it('sorts map keys: sources in RULES.md order, employee ids by code unit', () => {
    const p: Payload = {
      eventType: 'vesting',
      planId: 'p',
      yearsOfService: 2,
      vestedPercentages: { forfeiture_allocation: bp(2000), employer_match: bp(2000) },
      sourceBalancesVested: { employer_nonelective: cents(1), employer_match: cents(2) },
    };
    expect(JSON.stringify(encodePayload(p))).to.equal(
      '{"eventType":"vesting","planId":"p","yearsOfService":2,"vestedPercentages":{"employer_match":"0.2000","forfeiture_allocation":"0.2000"},"sourceBalancesVested":{"employer_match":"0.02","employer_nonelective":"0.01"}}',
    );
    const e = event('compliance_plan');
    e.payload.refunds = { b: '1', a: '2', B: '3' };
    const r = decodeEvent(e);
    if (r._tag === 'Left') expect.fail(r.left.join());
    expect(Object.keys(encodeEvent(r.right).payload)).to.include('refunds');
    expect(JSON.stringify((encodeEvent(r.right).payload as { refunds: object }).refunds)).to.equal('{"B":"3.00","a":"2.00","b":"1.00"}');
  });

  it('normalises non-canonical valid input (numbers, short decimals) to canonical text', () => {
    const e = event('merit');
    e.payload.newCompensation = 87550;
    e.payload.meritPercentage = '0.03';
    const r = decodeEvent(e);
    if (r._tag === 'Left') expect.fail(r.left.join());
    expect(encodeEvent(r.right).payload).to.deep.equal({ eventType: 'merit', newCompensation: '87550.00', meritPercentage: '0.0300' });
  });
});
