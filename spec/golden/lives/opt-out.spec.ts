/**
 * Golden life: an opt-out before the auto-enrollment date (opt-out.json, 2024-2025), against a
 * colleague hired the same day who lets auto-enrollment happen. Every payroll frequency.
 *
 * Plan: immediate eligibility at 21; auto-enrollment 6 % after 30 days (new hires); escalation
 * +1 % to 10 %; no match; core 3 % of pay to every eligible employee, enrolled or not.
 * E1 and E2: hired 2024-02-05 at 62,400 (= 12 × 5,200 = 24 × 2,600 = 26 × 2,400 = 52 × 1,200).
 * Eligible on the hire date (reason immediate). Auto-enrollment date = 2024-02-05 + 30 days =
 * 2024-03-06 (Feb 2024 has 29 days). E1 opts out on 2024-02-20 (< 03-06): never enrolled, never
 * escalated, never deferring, but still receives core. E2 is enrolled 2024-03-06 at 6 % and
 * escalated to 7 % on 2025-01-01 (enrolled before that Jan 1, 6 % in (0, 10 %)).
 *
 * Pay dates of 2024 (first Friday 2024-01-05) on/after the hire 02-05 and on/after 03-06:
 *   monthly:      from 02-29: 11 dates;    from 03-31: 10
 *   semimonthly:  from 02-15: 22;          from 03-15: 20
 *   biweekly:     from 02-16: 23 (01-05, 01-19, 02-02 precede); from 03-15: 21 (03-01 precedes)
 *   weekly:       from 02-09: 47 (5 Fridays precede);           from 03-08: 43 (9 precede)
 * Core 3 % per period: 156 / 78 / 72 / 36 → 2024: 11×156 = 1,716; 22×78 = 1,716; 23×72 = 1,656;
 *   47×36 = 1,692. 2025: 3 % × 62,400 = 1,872 for all.
 * E2 6 % per period: 312 / 156 / 144 / 72 → 2024: 3,120; 3,120; 21×144 = 3,024; 43×72 = 3,096.
 *   2025 7 %: 364 / 182 / 168 / 84 per period → 4,368 for all.
 * 2025-01-01 hce_status: 2024 gross = 11×5,200 = 57,200; 22×2,600 = 57,200; 23×2,400 = 55,200;
 *   47×1,200 = 56,400, against 414(q)(2024) = 155,000 → not HCE.
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, contributions, dateOf, forEmployee, kinds, loadScenario, ofType, payload, sumCents, times,
  withFrequency, type Ev, type Frequency,
} from './helpers.js';

interface Case {
  periods2024: number; periods2025: number; firstPay: string;
  core: string; core2024: number;
  e2Periods2024: number; e2First: string; e2Rate6: string; e2Rate7: string; e2Total2024: number;
  prior2024Gross: string;
}
const CASES: Record<Frequency, Case> = {
  monthly: { periods2024: 11, periods2025: 12, firstPay: '2024-02-29', core: '156.00', core2024: 171_600,
    e2Periods2024: 10, e2First: '2024-03-31', e2Rate6: '312.00', e2Rate7: '364.00', e2Total2024: 312_000, prior2024Gross: '57200.00' },
  semimonthly: { periods2024: 22, periods2025: 24, firstPay: '2024-02-15', core: '78.00', core2024: 171_600,
    e2Periods2024: 20, e2First: '2024-03-15', e2Rate6: '156.00', e2Rate7: '182.00', e2Total2024: 312_000, prior2024Gross: '57200.00' },
  biweekly: { periods2024: 23, periods2025: 26, firstPay: '2024-02-16', core: '72.00', core2024: 165_600,
    e2Periods2024: 21, e2First: '2024-03-15', e2Rate6: '144.00', e2Rate7: '168.00', e2Total2024: 302_400, prior2024Gross: '55200.00' },
  weekly: { periods2024: 47, periods2025: 52, firstPay: '2024-02-09', core: '36.00', core2024: 169_200,
    e2Periods2024: 43, e2First: '2024-03-08', e2Rate6: '72.00', e2Rate7: '84.00', e2Total2024: 309_600, prior2024Gross: '56400.00' },
};

for (const [frequency, c] of Object.entries(CASES) as [Frequency, Case][]) {
  describe(`golden life: opt-out before auto-enrollment (${frequency})`, () => {
    let all: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('opt-out.json'), frequency));
    });

    it('E1 is eligible on the hire date and its opt-out is logged on 2024-02-20', () => {
      const e1 = forEmployee(all, 'E1');
      const elig = ofType(e1, 'eligibility');
      expect(elig).to.have.length(1);
      expect(dateOf(elig[0]!)).to.equal('2024-02-05');
      expect(payload(elig[0]!)).to.include({ eligibilityDate: '2024-02-05', reason: 'immediate' });
      expect(kinds(e1.filter((e) => dateOf(e) === '2024-02-05'))).to.deep.equal(['hire', 'eligibility']);
      const changes = ofType(e1, 'enrollment_change');
      expect(changes.map((e) => `${dateOf(e)} ${String(payload(e)['changeType'])}`)).to.deep.equal(['2024-02-20 opt_out']);
    });

    it('E1 is never auto-enrolled, never escalated and never defers', () => {
      const e1 = forEmployee(all, 'E1');
      expect(ofType(e1, 'enrollment')).to.have.length(0);
      expect(contributions(all, 'E1', 'employee_pre_tax')).to.have.length(0);
      expect(contributions(all, 'E1', 'employee_roth')).to.have.length(0);
    });

    it('E1 still receives 3 % core on every pay date from the hire date', () => {
      const core24 = contributions(all, 'E1', 'employer_nonelective', 2024);
      expect(amounts(core24)).to.deep.equal(times(c.periods2024, c.core));
      expect(dateOf(core24[0]!)).to.equal(c.firstPay);
      expect(sumCents(core24)).to.equal(c.core2024);
      const core25 = contributions(all, 'E1', 'employer_nonelective', 2025);
      expect(amounts(core25)).to.deep.equal(times(c.periods2025, c.core));
      expect(payload(core25.at(-1)!)['ytdAmount']).to.equal('1872.00');
    });

    it('E2 (no opt-out) is auto-enrolled on 2024-03-06 at 6 % and escalated to 7 % on 2025-01-01', () => {
      const e2 = forEmployee(all, 'E2');
      const enr = ofType(e2, 'enrollment');
      expect(enr).to.have.length(1);
      expect(dateOf(enr[0]!)).to.equal('2024-03-06');
      expect(payload(enr[0]!)).to.include({ enrollmentSource: 'auto', preTaxRate: '0.0600', rothRate: '0.0000' });
      const esc = ofType(e2, 'enrollment_change');
      expect(esc.map((e) => `${dateOf(e)} ${String(payload(e)['changeType'])} ${String(payload(e)['newPreTaxRate'])}`))
        .to.deep.equal(['2025-01-01 auto_escalation 0.0700']);
    });

    it('E2 defers 6 % from the first pay date on/after 03-06, then 7 % in 2025', () => {
      const p24 = contributions(all, 'E2', 'employee_pre_tax', 2024);
      expect(amounts(p24)).to.deep.equal(times(c.e2Periods2024, c.e2Rate6));
      expect(dateOf(p24[0]!)).to.equal(c.e2First);
      expect(sumCents(p24)).to.equal(c.e2Total2024);
      const p25 = contributions(all, 'E2', 'employee_pre_tax', 2025);
      expect(amounts(p25)).to.deep.equal(times(c.periods2025, c.e2Rate7));
      expect(payload(p25.at(-1)!)['ytdAmount']).to.equal('4368.00');
    });

    it('2025-01-01 HCE determination uses the 2024 gross pay of the partial year', () => {
      for (const id of ['E1', 'E2']) {
        const h = ofType(forEmployee(all, id), 'hce_status');
        expect(h.map(dateOf), id).to.deep.equal(['2025-01-01']);
        expect(payload(h[0]!)).to.include({ priorYearCompensation: c.prior2024Gross, hceThreshold: '155000.00', isHce: false });
      }
    });
  });
}
