/**
 * Golden life: auto-enrollment scope all_eligible and escalation autoEnrolledOnly, as variants of
 * census-enrollment.json (E1: census, hired 2015-01-01, 62,400; 2024-2025; immediate eligibility).
 *
 * Variant A: no census rate, autoEnrollment {enabled, 6 %, 30 days, all_eligible}, escalation +1 %
 *   to 10 % with autoEnrolledOnly true. Reading 17: counted from the start date → auto-enrolled on
 *   2024-01-01 + 30 days = 2024-01-31. Escalated on 2025-01-01 (enrolled before it, auto) to 7 %.
 *   2024 pay dates on/after 01-31: monthly 12 (× 312 = 3,744), semimonthly 23 (01-31 …; × 156 = 3,588),
 *   biweekly 24 (02-02 …; × 144 = 3,456), weekly 48 (02-02 …; × 72 = 3,456). 2025 at 7 %: 4,368 in all.
 * Variant B: the census rates (5 % + 2 % Roth, voluntary) kept, same plan as A: not auto-enrolled again,
 *   and not escalated on 2025-01-01 because escalation is limited to auto-enrolled participants.
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, contributions, dateOf, forEmployee, loadScenario, ofType, payload, sumCents, times,
  withFrequency, type Ev, type Frequency,
} from './helpers.js';

function scenario(f: Frequency, keepCensusRates: boolean): Record<string, any> {
  const s = withFrequency(loadScenario('census-enrollment.json'), f);
  if (!keepCensusRates) {
    delete s['census'][0]['deferral_rate'];
    delete s['census'][0]['roth_rate'];
  }
  s['plan']['autoEnrollment'] = { enabled: true, defaultRate: '0.06', windowDays: 30, scope: 'all_eligible' };
  s['plan']['autoEscalation'] = { enabled: true, step: '0.01', cap: '0.10', autoEnrolledOnly: true };
  return s;
}

const CASES: Record<Frequency, { n: number; first: string; per: string; total: number; per7: string; n2025: number }> = {
  monthly: { n: 12, first: '2024-01-31', per: '312.00', total: 374_400, per7: '364.00', n2025: 12 },
  semimonthly: { n: 23, first: '2024-01-31', per: '156.00', total: 358_800, per7: '182.00', n2025: 24 },
  biweekly: { n: 24, first: '2024-02-02', per: '144.00', total: 345_600, per7: '168.00', n2025: 26 },
  weekly: { n: 48, first: '2024-02-02', per: '72.00', total: 345_600, per7: '84.00', n2025: 52 },
};

for (const [frequency, c] of Object.entries(CASES) as [Frequency, (typeof CASES)['monthly']][]) {
  describe(`golden life: auto-enrollment of a census employee under all_eligible (${frequency})`, () => {
    let auto: Ev[] = [];
    let voluntary: Ev[] = [];
    before(() => {
      auto = simulateScriptedJson(scenario(frequency, false));
      voluntary = simulateScriptedJson(scenario(frequency, true));
    });

    it('auto-enrolls E1 on 2024-01-31 (start + 30 days) at 6 %', () => {
      const enr = ofType(forEmployee(auto, 'E1'), 'enrollment');
      expect(enr.map(dateOf)).to.deep.equal(['2024-01-31']);
      expect(payload(enr[0]!)).to.include({ enrollmentSource: 'auto', preTaxRate: '0.0600', rothRate: '0.0000' });
    });

    it('defers 6 % from the first pay date on/after 01-31, then 7 % after the 2025 escalation', () => {
      const p24 = contributions(auto, 'E1', 'employee_pre_tax', 2024);
      expect(amounts(p24)).to.deep.equal(times(c.n, c.per));
      expect(dateOf(p24[0]!)).to.equal(c.first);
      expect(sumCents(p24)).to.equal(c.total);
      const esc = ofType(forEmployee(auto, 'E1'), 'enrollment_change');
      expect(esc.map((e) => `${dateOf(e)} ${String(payload(e)['changeType'])} ${String(payload(e)['newPreTaxRate'])}`))
        .to.deep.equal(['2025-01-01 auto_escalation 0.0700']);
      const p25 = contributions(auto, 'E1', 'employee_pre_tax', 2025);
      expect(amounts(p25)).to.deep.equal(times(c.n2025, c.per7));
      expect(payload(p25.at(-1)!)['ytdAmount']).to.equal('4368.00');
    });

    it('with a census election: one voluntary enrollment, no escalation under autoEnrolledOnly', () => {
      const e1 = forEmployee(voluntary, 'E1');
      const enr = ofType(e1, 'enrollment');
      expect(enr.map((e) => `${dateOf(e)} ${String(payload(e)['enrollmentSource'])}`)).to.deep.equal(['2024-01-01 voluntary']);
      expect(ofType(e1, 'enrollment_change')).to.have.length(0);
      expect(payload(contributions(voluntary, 'E1', 'employee_pre_tax', 2025).at(-1)!)['ytdAmount']).to.equal('3120.00');
    });
  });
}
