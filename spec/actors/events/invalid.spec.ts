/** Every way to be invalid, for every field of every payload and of the envelope. */
import { expect } from 'chai';
import { decodeEvent, decodeEventJson } from '../../../actors/events/index.js';
import { FIXTURE_NAMES, PAYLOADS, event, isPlanFixture } from './fixtures.js';

function errors(json: unknown): readonly string[] {
  const r = decodeEvent(json);
  if (r._tag === 'Right') expect.fail(`expected invalid, got ${JSON.stringify(r.right)}`);
  return r.left;
}

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const OPTIONAL = new Set(['optOutWindowExpires', 'previousPreTaxRate', 'previousRothRate']);

describe('actors/events invalid input', () => {
  for (const name of FIXTURE_NAMES) {
    describe(name, () => {
      const fields = Object.keys(PAYLOADS[name]).filter((k) => k !== 'eventType');
      const envelopeFields = Object.keys(event(name)).filter((k) => k !== 'payload');

      it('a missing required field is "required", with its path', () => {
        for (const f of fields.filter((k) => !OPTIONAL.has(k))) {
          const e = event(name);
          delete e.payload[f];
          expect(errors(e), f).to.deep.equal([`payload.${f}: required`]);
        }
        for (const f of envelopeFields) {
          const e = event(name);
          delete e[f];
          expect(errors(e), f).to.deep.equal([`${f}: required`]);
        }
      });

      it('an extra field is an "unknown field" error, not stripped', () => {
        const e = event(name);
        e.payload.bonus = '1.00';
        e.extra = true;
        expect(errors(e)).to.deep.equal(['payload.bonus: unknown field', 'extra: unknown field']);
      });

      it('a value of the wrong JSON type is refused with its path', () => {
        for (const f of fields) {
          for (const wrong of [null, [], { a: 1 }, true, 'x']) {
            const e = event(name);
            if (kind(wrong) === kind(e.payload[f])) continue;
            e.payload[f] = wrong;
            const errs = errors(e);
            expect(errs, `${f} = ${JSON.stringify(wrong)}`).to.have.length(1);
            expect(errs[0]).to.match(new RegExp(`^payload\\.${f}: `));
          }
        }
      });

      if (isPlanFixture(name)) {
        it('a plan-level event must not carry an employeeId', () => {
          expect(errors({ ...event(name), employeeId: 'E1' })).to.deep.equal([
            'employeeId: plan-level events (ADP/ACP results) have no employeeId',
          ]);
        });
      }
    });
  }

  it('an unknown eventType names the allowed ones, and nothing else', () => {
    const e = { ...event('hire'), payload: { eventType: 'bonus', amount: '5.00' } };
    expect(errors(e)).to.deep.equal([
      'payload.eventType: "bonus" is not one of hire, promotion, merit, termination, eligibility, enrollment, enrollment_change, contribution, vesting, forfeiture, hce_status, compliance',
    ]);
    expect(errors({ ...event('hire'), payload: { hireDate: '2025-01-01' } })).to.deep.equal(['payload.eventType: required']);
    const c = event('compliance_participant');
    c.payload.complianceType = 'top_heavy';
    expect(errors(c)).to.deep.equal([
      'payload.complianceType: "top_heavy" is not one of 402g_limit_reached, 415c_limit_reached, catch_up_eligible, adp_test, acp_test',
    ]);
  });

  it('an impossible date is refused', () => {
    expect(errors({ ...event('hire'), effectiveDate: '2025-02-30' })).to.deep.equal([
      'effectiveDate: "2025-02-30" is not a real date: 2025-02 has 28 days',
    ]);
    expect(errors({ ...event('hire'), effectiveDate: '2025-04-31' })).to.deep.equal([
      'effectiveDate: "2025-04-31" is not a real date: 2025-04 has 30 days',
    ]);
  });

  it('a bad UUID is refused', () => {
    for (const id of ['abc', '0F8FAD5B-D9CB-469F-A165-70867728950E', '0f8fad5b-d9cb-469f-a165-70867728950', '0f8fad5bd9cb469fa16570867728950e00000', '0f8fad5b-d9cb-469f-a165_70867728950e', 'g0f8fad5-d9cb-469f-a165-70867728950e']) {
      expect(errors({ ...event('hire'), eventId: id }), id).to.deep.equal([
        `eventId: ${JSON.stringify(id)} is not a UUID (8-4-4-4-12 lowercase hex digits)`,
      ]);
    }
    expect(errors({ ...event('hire'), eventId: 7 })).to.deep.equal(['eventId: expected a UUID string, got 7']);
  });

  it('envelope integers and strings are checked', () => {
    expect(errors({ ...event('hire'), sequence: -1 })).to.deep.equal(['sequence: -1 is out of range; a sequence is 0 or more']);
    expect(errors({ ...event('hire'), sequence: '4' })).to.deep.equal(['sequence: expected an integer, got "4"']);
    expect(errors({ ...event('hire'), schemaVersion: 1 })).to.deep.equal([
      'schemaVersion: schema version 1 is not supported; this version of vested reads 2',
    ]);
    expect(errors({ ...event('hire'), employeeId: '' })).to.deep.equal(['employeeId: must not be empty']);
    expect(errors({ ...event('hire'), scenarioId: 5 })).to.deep.equal(['scenarioId: expected a string, got 5']);
  });

  it('several problems give several lines, envelope first, in field order', () => {
    const e = event('contribution');
    e.sequence = 1.5;
    e.payload.amount = '12.345';
    e.payload.irsLimitApplied = 'no';
    delete e.payload.planId;
    expect(errors(e)).to.deep.equal([
      'sequence: expected an integer, got 1.5',
      'payload.planId: required',
      'payload.amount: "12.345" has 3 decimals; money allows at most 2',
      'payload.irsLimitApplied: expected true or false, got "no"',
    ]);
  });

  it('input that is not an event object, or not JSON', () => {
    expect(errors(null)).to.deep.equal(['expected an object, got null']);
    expect(errors([event('hire')])).to.deep.equal(['expected an object, got an array']);
    expect(errors({ ...event('hire'), payload: 'hire' })).to.deep.equal(['payload: expected an object, got "hire"']);
    const r = decodeEventJson('{"eventId": ');
    expect(r._tag).to.equal('Left');
    if (r._tag === 'Left') expect(r.left[0]).to.match(/^not valid JSON \(/);
  });
});
