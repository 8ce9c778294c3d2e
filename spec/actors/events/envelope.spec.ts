import { expect } from 'chai';
import { CURRENT_SCHEMA_VERSION, decodeScriptedEvent, encodeDerived } from '../../../actors/events/index.js';
import { PAYLOADS } from './fixtures.js';

describe('actors/events envelope', () => {
  it('the current schema version is 2', () => {
    expect(CURRENT_SCHEMA_VERSION).to.equal(2);
  });

  describe('scripted events (scenario files)', () => {
    it('need only employeeId, effectiveDate and payload', () => {
      const r = decodeScriptedEvent({ employeeId: 'E9', effectiveDate: '2026-06-01', payload: PAYLOADS.merit });
      expect(r).to.deep.equal({
        _tag: 'Right',
        right: {
          employeeId: 'E9',
          effectiveDate: '2026-06-01',
          payload: { eventType: 'merit', newCompensation: 8755000, meritPercentage: 300 },
        },
      });
    });

    it('may carry the other envelope fields, which are then checked', () => {
      const base = { employeeId: 'E9', effectiveDate: '2026-06-01', payload: PAYLOADS.termination };
      expect(decodeScriptedEvent({ ...base, eventId: '0f8fad5b-d9cb-469f-a165-70867728950e', sequence: 3 })._tag).to.equal('Right');
      expect(decodeScriptedEvent({ ...base, eventId: 'x' })).to.deep.equal({
        _tag: 'Left',
        left: ['eventId: "x" is not a UUID (8-4-4-4-12 lowercase hex digits)'],
      });
    });

    it('still require employeeId, effectiveDate and payload, and refuse extras', () => {
      expect(decodeScriptedEvent({ payload: PAYLOADS.hire, note: 'x' })).to.deep.equal({
        _tag: 'Left',
        left: ['employeeId: required', 'effectiveDate: required', 'note: unknown field'],
      });
      expect(decodeScriptedEvent({ employeeId: 'E1', effectiveDate: '2026-01-01' })).to.deep.equal({
        _tag: 'Left',
        left: ['payload: required'],
      });
    });

    it('plan-level results take no employeeId', () => {
      expect(decodeScriptedEvent({ effectiveDate: '2025-12-31', payload: PAYLOADS.compliance_plan })._tag).to.equal('Right');
    });

    it('encode back to the scripted interchange form', () => {
      const json = { employeeId: 'E9', effectiveDate: '2026-06-01', payload: PAYLOADS.promotion };
      const r = decodeScriptedEvent(json);
      if (r._tag === 'Left') expect.fail(r.left.join());
      expect(JSON.stringify(encodeDerived(r.right))).to.equal(JSON.stringify(json));
    });
  });
});
