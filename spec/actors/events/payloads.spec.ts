import { expect } from 'chai';
import { decodeEvent, decodePayload, encodeEvent } from '../../../actors/events/index.js';
import type { VestedEvent } from '../../../actors/events/index.js';
import { FIXTURE_NAMES, PAYLOADS, event, withField } from './fixtures.js';
import type { FixtureName } from './fixtures.js';

function ok(json: unknown): VestedEvent {
  const r = decodeEvent(json);
  if (r._tag === 'Left') expect.fail(`expected valid, got: ${r.left.join(' | ')}`);
  return r.right;
}
function errors(json: unknown): readonly string[] {
  const r = decodeEvent(json);
  if (r._tag === 'Right') expect.fail(`expected invalid, got ${JSON.stringify(r.right)}`);
  return r.left;
}
const valid = (name: FixtureName, path: string, value: unknown) => ok(withField(name, path, value));
const invalid = (name: FixtureName, path: string, value: unknown) => errors(withField(name, path, value));

describe('actors/events payloads', () => {
  describe('every payload is valid and round-trips', () => {
    for (const name of FIXTURE_NAMES) {
      it(name, () => {
        const e = ok(event(name));
        expect(JSON.stringify(encodeEvent(e))).to.equal(JSON.stringify(event(name)));
      });
    }
  });

  it('decodes to the internal form: cents, basis points, dates as text', () => {
    const c = ok(event('contribution')).payload;
    expect(c).to.deep.equal({
      eventType: 'contribution',
      planId: 'plan-001',
      source: 'employee_pre_tax',
      amount: 19615,
      payPeriodEnd: '2025-03-14',
      ytdAmount: 117790,
      irsLimitApplied: false,
    });
    const v = ok(event('vesting')).payload;
    expect(v).to.deep.include({ vestedPercentages: { employer_match: 4000, employer_nonelective: 10000 } });
    expect(v).to.deep.include({ sourceBalancesVested: { employer_match: 123450, employer_nonelective: 80000 } });
    const p = ok(event('compliance_plan'));
    expect(p.employeeId).to.equal(undefined);
    expect(p.payload).to.deep.include({ hceAverage: 812, limit: 650, refunds: { E000007: 120000, E000123: 31055 } });
  });

  it('decodes a payload alone, with paths from the payload', () => {
    expect(decodePayload(PAYLOADS.merit)._tag).to.equal('Right');
    const r = decodePayload({ ...PAYLOADS.merit, meritPercentage: '0.03001' });
    expect(r).to.deep.equal({ _tag: 'Left', left: ['meritPercentage: "0.03001" has 5 decimals; a rate allows at most 4'] });
  });

  describe('boundaries', () => {
    it('job levels 1 and 10 pass, 0 and 11 fail', () => {
      expect(valid('hire', 'payload.jobLevel', 1).payload).to.include({ jobLevel: 1 });
      expect(valid('promotion', 'payload.newJobLevel', 10).payload).to.include({ newJobLevel: 10 });
      expect(invalid('hire', 'payload.jobLevel', 0)).to.deep.equal(['payload.jobLevel: 0 is out of range; job levels are 1 to 10']);
      expect(invalid('promotion', 'payload.newJobLevel', 11)).to.deep.equal([
        'payload.newJobLevel: 11 is out of range; job levels are 1 to 10',
      ]);
      expect(invalid('hire', 'payload.jobLevel', 2.5)).to.deep.equal(['payload.jobLevel: expected an integer, got 2.5']);
    });

    it('rates 0 and 1 pass in any decimal spelling, above 1 fails', () => {
      expect(valid('merit', 'payload.meritPercentage', '0').payload).to.include({ meritPercentage: 0 });
      expect(valid('merit', 'payload.meritPercentage', '1').payload).to.include({ meritPercentage: 10000 });
      expect(valid('merit', 'payload.meritPercentage', '1.0000').payload).to.include({ meritPercentage: 10000 });
      expect(valid('merit', 'payload.meritPercentage', 0.035).payload).to.include({ meritPercentage: 350 });
      expect(valid('enrollment', 'payload.preTaxRate', '0.0001').payload).to.include({ preTaxRate: 1 });
      expect(invalid('enrollment', 'payload.rothRate', '1.0001')).to.deep.equal([
        'payload.rothRate: "1.0001" is out of range; rates are between 0 and 1',
      ]);
      expect(invalid('enrollment', 'payload.rothRate', '-0.0100')).to.deep.equal([
        'payload.rothRate: "-0.0100" is out of range; rates are between 0 and 1',
      ]);
    });

    it('the ADP/ACP limit may pass 1 (1.25 × a high NHCE average), up to 2', () => {
      expect(valid('compliance_plan', 'payload.limit', '1.1250').payload).to.include({ limit: 11250 });
      expect(invalid('compliance_plan', 'payload.limit', '2.0001')).to.deep.equal([
        'payload.limit: "2.0001" is out of range; rates are between 0 and 2',
      ]);
      expect(invalid('compliance_plan', 'payload.hceAverage', '1.0100')).to.have.length(1);
    });

    it('positive amounts: one cent passes, zero and negative fail', () => {
      expect(valid('contribution', 'payload.amount', '0.01').payload).to.include({ amount: 1 });
      expect(invalid('contribution', 'payload.amount', '0.00')).to.deep.equal([
        'payload.amount: "0.00" is not positive; this amount must be greater than 0',
      ]);
      for (const [name, field] of [
        ['hire', 'annualCompensation'],
        ['promotion', 'newAnnualCompensation'],
        ['merit', 'newCompensation'],
        ['forfeiture', 'amount'],
      ] as const) {
        expect(invalid(name, `payload.${field}`, '-1.00')).to.deep.equal([
          `payload.${field}: "-1.00" is not positive; this amount must be greater than 0`,
        ]);
      }
    });

    it('other amounts may be zero but not negative', () => {
      expect(valid('contribution', 'payload.ytdAmount', '0').payload).to.include({ ytdAmount: 0 });
      expect(valid('hce_status', 'payload.priorYearCompensation', '0.00').payload).to.include({ priorYearCompensation: 0 });
      expect(invalid('compliance_participant', 'payload.currentAmount', '-0.01')).to.deep.equal([
        'payload.currentAmount: "-0.01" is negative; this amount must be 0 or more',
      ]);
    });

    it('money: up to 2 decimals, as a string or a JSON number; large values exact', () => {
      expect(valid('contribution', 'payload.amount', '12.5').payload).to.include({ amount: 1250 });
      expect(valid('contribution', 'payload.amount', 12.34).payload).to.include({ amount: 1234 });
      expect(valid('contribution', 'payload.amount', '90071992547409.91').payload).to.include({ amount: 9007199254740991 });
      expect(invalid('contribution', 'payload.amount', 12.345)).to.deep.equal([
        'payload.amount: 12.345 has 3 decimals; money allows at most 2',
      ]);
      expect(invalid('contribution', 'payload.amount', '90071992547409.92')).to.deep.equal([
        'payload.amount: "90071992547409.92" is too large',
      ]);
      for (const bad of ['1.', '.5', '1,000.00', ' 1.00', '1e3', '$5', '']) {
        expect(invalid('contribution', 'payload.amount', bad)).to.deep.equal([
          `payload.amount: ${JSON.stringify(bad)} is not a decimal number`,
        ]);
      }
    });

    it('dates: leap days only in leap years, months 1-12', () => {
      expect(valid('termination', 'payload.finalPayDate', '2024-02-29').payload).to.include({ finalPayDate: '2024-02-29' });
      expect(valid('hire', 'payload.birthDate', '2000-02-29').payload).to.include({ birthDate: '2000-02-29' });
      expect(invalid('hire', 'payload.birthDate', '1900-02-29')).to.deep.equal([
        'payload.birthDate: "1900-02-29" is not a real date: 1900-02 has 28 days',
      ]);
      expect(invalid('termination', 'payload.finalPayDate', '2025-13-01')).to.deep.equal([
        'payload.finalPayDate: "2025-13-01" is not a real date: month 13',
      ]);
      expect(invalid('termination', 'payload.finalPayDate', '2025-1-01')).to.deep.equal([
        'payload.finalPayDate: "2025-1-01" is not a date in the form YYYY-MM-DD',
      ]);
      expect(invalid('termination', 'payload.finalPayDate', '2025-01-01T00:00:00Z')).to.have.length(1);
    });

    it('optional fields may be absent', () => {
      expect(valid('enrollment', 'payload.optOutWindowExpires', undefined).payload).to.not.have.property('optOutWindowExpires');
      const e = ok(withField('enrollment_change', 'payload.previousPreTaxRate', undefined));
      expect(e.payload).to.not.have.property('previousPreTaxRate');
      expect(ok(withField('enrollment_change', 'payload.previousRothRate', undefined)).payload).to.include({ previousPreTaxRate: 600 });
    });

    it('maps may be empty; their keys are checked', () => {
      expect(valid('vesting', 'payload.vestedPercentages', {}).payload).to.deep.include({ vestedPercentages: {} });
      expect(valid('compliance_plan', 'payload.refunds', {}).payload).to.deep.include({ refunds: {} });
      expect(invalid('vesting', 'payload.vestedPercentages', { employer_bonus: '1' })).to.deep.equal([
        'payload.vestedPercentages.employer_bonus: key "employer_bonus" is not one of employee_pre_tax, employee_roth, employee_catch_up, employer_match, employer_match_true_up, employer_nonelective, forfeiture_allocation',
      ]);
      expect(invalid('vesting', 'payload.sourceBalancesVested', { employer_match: '-3.00' })).to.deep.equal([
        'payload.sourceBalancesVested.employer_match: "-3.00" is negative; this amount must be 0 or more',
      ]);
      expect(invalid('compliance_plan', 'payload.refunds', { E1: '1.001' })).to.deep.equal([
        'payload.refunds.E1: "1.001" has 3 decimals; money allows at most 2',
      ]);
      expect(invalid('vesting', 'payload.vestedPercentages', ['0.2'])).to.deep.equal([
        'payload.vestedPercentages: expected an object, got an array',
      ]);
    });

    it('enums are closed', () => {
      const cases: Array<[FixtureName, string, string]> = [
        ['termination', 'terminationReason', 'voluntary, involuntary, retirement, death, disability'],
        ['eligibility', 'reason', 'age_and_service, immediate, rehire'],
        ['enrollment', 'enrollmentSource', 'auto, voluntary'],
        ['enrollment_change', 'changeType', 'opt_out, rate_change, auto_escalation'],
        ['forfeiture', 'reason', 'unvested_termination'],
        ['hce_status', 'determinationMethod', 'prior_year'],
        ['compliance_participant', 'complianceType', '402g_limit_reached, 415c_limit_reached, catch_up_eligible, adp_test, acp_test'],
      ];
      for (const [name, field, list] of cases) {
        expect(invalid(name, `payload.${field}`, 'Other')).to.deep.equal([`payload.${field}: "Other" is not one of ${list}`]);
      }
      expect(invalid('contribution', 'payload.source', 'employer_bonus')[0]).to.match(/^payload\.source: "employer_bonus" is not one of employee_pre_tax, /);
    });
  });

  describe('compliance: two shapes behind one eventType, chosen by complianceType', () => {
    it('a participant-level type with plan-level fields is reported against the participant shape', () => {
      const e = event('compliance_plan');
      e.payload.complianceType = 'catch_up_eligible';
      e.employeeId = 'E1';
      expect(errors(e)).to.deep.equal([
        'payload.applicableLimit: required',
        'payload.currentAmount: required',
        'payload.monitoringDate: required',
        'payload.planYear: unknown field',
        'payload.hceAverage: unknown field',
        'payload.nhceAverage: unknown field',
        'payload.limit: unknown field',
        'payload.passed: unknown field',
        'payload.refunds: unknown field',
      ]);
    });

    it('every participant-level type is accepted', () => {
      for (const t of ['402g_limit_reached', '415c_limit_reached', 'catch_up_eligible']) {
        expect(valid('compliance_participant', 'payload.complianceType', t).payload).to.include({ complianceType: t });
      }
      expect(valid('compliance_plan', 'payload.complianceType', 'acp_test').payload).to.include({ complianceType: 'acp_test' });
    });
  });
});
