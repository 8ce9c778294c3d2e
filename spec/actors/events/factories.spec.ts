import { expect } from 'chai';
import { decodeEvent, encodeEvent, envelope, events, payloads } from '../../../actors/events/index.js';
import { isoDate } from '../../../rules/calendar.js';
import { bp, cents } from '../../../rules/units.js';
import { PAYLOADS, event } from './fixtures.js';

const ENV = { eventId: '0f8fad5b-d9cb-469f-a165-70867728950e', scenarioId: 'baseline', planDesignId: 'design-a', sequence: 41 };

describe('actors/events factories', () => {
  it('build the same event as the canonical fixture', () => {
    const hire = events.hire({
      employeeId: 'E000123',
      hireDate: isoDate('2025-03-14'),
      birthDate: isoDate('1990-07-01'),
      department: 'engineering',
      jobLevel: 3,
      annualCompensation: cents(8_500_000),
    });
    expect(hire.effectiveDate).to.equal('2025-03-14');
    expect(JSON.stringify(encodeEvent(envelope(hire, ENV)))).to.equal(JSON.stringify(event('hire')));
  });

  it('fill sensible defaults', () => {
    const c = events.contribution({
      employeeId: 'E1',
      planId: 'plan-001',
      source: 'employee_pre_tax',
      amount: cents(100),
      payPeriodEnd: isoDate('2025-01-10'),
      ytdAmount: cents(100),
    });
    expect(c).to.deep.equal({
      employeeId: 'E1',
      effectiveDate: '2025-01-10',
      payload: { eventType: 'contribution', irsLimitApplied: false, planId: 'plan-001', source: 'employee_pre_tax', amount: 100, payPeriodEnd: '2025-01-10', ytdAmount: 100 },
    });
    expect(payloads.enrollment({ planId: 'p', enrollmentDate: isoDate('2025-01-01'), preTaxRate: bp(600) })).to.include({
      rothRate: 0,
      enrollmentSource: 'voluntary',
    });
    expect(payloads.forfeiture({ planId: 'p', forfeitedFromSource: 'employer_match', amount: cents(5), vestedPercentage: bp(0) }).reason).to.equal(
      'unvested_termination',
    );
  });

  it('plan-level results have no employeeId and default to Dec 31 of the plan year', () => {
    const adp = events.planCompliance({
      planId: 'plan-001',
      complianceType: 'adp_test',
      planYear: 2025,
      hceAverage: bp(812),
      nhceAverage: bp(450),
      limit: bp(650),
      passed: false,
      refunds: { E000123: cents(31055), E000007: cents(120000) },
    });
    expect(adp).to.not.have.property('employeeId');
    const e = envelope(adp, ENV);
    const json = event('compliance_plan');
    json.effectiveDate = '2025-12-31';
    expect(JSON.stringify(encodeEvent(e))).to.equal(JSON.stringify(json));
  });

  it('throw a RangeError naming the field for values the codec refuses', () => {
    const bad = () =>
      events.promotion({ employeeId: 'E1', effectiveDate: isoDate('2025-01-01'), newJobLevel: 11, newAnnualCompensation: cents(0) });
    expect(bad).to.throw(
      RangeError,
      'payloads.promotion: newJobLevel: 11 is out of range; job levels are 1 to 10; newAnnualCompensation: "0.00" is not positive; this amount must be greater than 0',
    );
    expect(() => payloads.merit({ newCompensation: cents(1.5), meritPercentage: bp(100) })).to.throw(RangeError, /newCompensation/);
    expect(() => envelope({ effectiveDate: isoDate('2025-01-01'), payload: payloads.merit({ newCompensation: cents(1), meritPercentage: bp(1) }) }, ENV)).to.throw(
      RangeError,
      'envelope: employeeId: required',
    );
  });

  it('every factory result decodes after encoding', () => {
    const made = [
      events.termination({ employeeId: 'E1', effectiveDate: isoDate('2025-05-01'), terminationReason: 'death', finalPayDate: isoDate('2025-05-09') }),
      events.eligibility({ employeeId: 'E1', planId: 'p', eligibilityDate: isoDate('2025-05-01'), reason: 'age_and_service' }),
      events.enrollmentChange({ employeeId: 'E1', effectiveDate: isoDate('2025-05-01'), planId: 'p', changeType: 'opt_out', newPreTaxRate: bp(0), newRothRate: bp(0) }),
      events.vesting({ employeeId: 'E1', effectiveDate: isoDate('2025-05-01'), planId: 'p', yearsOfService: 2, vestedPercentages: { employer_match: bp(2000) }, sourceBalancesVested: { employer_match: cents(10) } }),
      events.hceStatus({ employeeId: 'E1', planId: 'p', priorYearCompensation: cents(1), hceThreshold: cents(1), isHce: false, determinationDate: isoDate('2025-01-01') }),
      events.participantCompliance({ employeeId: 'E1', planId: 'p', complianceType: 'catch_up_eligible', applicableLimit: cents(750000), currentAmount: cents(0), monitoringDate: isoDate('2025-01-01') }),
      events.merit({ employeeId: 'E1', effectiveDate: isoDate('2025-05-01'), newCompensation: cents(1), meritPercentage: bp(300) }),
      events.enrollment({ employeeId: 'E1', planId: 'p', enrollmentDate: isoDate('2025-01-01'), preTaxRate: bp(600), enrollmentSource: 'auto', optOutWindowExpires: isoDate('2025-01-31') }),
      events.forfeiture({ employeeId: 'E1', effectiveDate: isoDate('2025-05-01'), planId: 'p', forfeitedFromSource: 'employer_match', amount: cents(1), vestedPercentage: bp(2000) }),
    ];
    for (const d of made) {
      const r = decodeEvent(encodeEvent(envelope(d, ENV)));
      expect(r._tag, d.payload.eventType).to.equal('Right');
    }
    expect(PAYLOADS.enrollment.enrollmentSource).to.equal('auto');
  });
});
