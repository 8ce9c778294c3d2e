/**
 * Golden life: eligibility reached during the year (late-eligibility.json, 2024), monthly and semimonthly.
 * Plan: age 21 and 1 month of service, monthly entry (first day of a month).
 *   E1 (census, 5 % census rate): hired 2023-01-10 (service met 2023-02-10), 21 on 2024-05-20 →
 *     requirements met 2024-05-20 → eligibility 2024-06-01 (age_and_service). Reading 2: not eligible at
 *     the start, so the census rate enrolls on the eligibility date 2024-06-01 (voluntary).
 *     Deferrals: monthly Jun-Dec 7 × 260 = 1,820; semimonthly 06-15 … 12-31 14 × 130 = 1,820.
 *   E2: hired 2024-01-31; + 1 month clamps to 2024-02-29 (leap year) → eligibility 2024-03-01.
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, contributions, dateOf, forEmployee, kinds, loadScenario, ofType, payload, times,
  withFrequency, type Ev,
} from './helpers.js';

const CASES = {
  monthly: { n: 7, amount: '260.00', first: '2024-06-30' },
  semimonthly: { n: 14, amount: '130.00', first: '2024-06-15' },
} as const;

for (const [frequency, c] of Object.entries(CASES)) {
  describe(`golden life: eligibility during the year (${frequency})`, () => {
    let all: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('late-eligibility.json'), frequency as 'monthly'));
    });

    it('E1 becomes eligible on 2024-06-01 (21 on 05-20, next first of a month) and enrolls that day', () => {
      const e1 = forEmployee(all, 'E1');
      const elig = ofType(e1, 'eligibility');
      expect(elig.map(dateOf)).to.deep.equal(['2024-06-01']);
      expect(payload(elig[0]!)).to.include({ eligibilityDate: '2024-06-01', reason: 'age_and_service' });
      const enr = ofType(e1, 'enrollment');
      expect(enr.map(dateOf)).to.deep.equal(['2024-06-01']);
      expect(payload(enr[0]!)).to.include({ enrollmentSource: 'voluntary', preTaxRate: '0.0500' });
      expect(kinds(e1.filter((e) => dateOf(e) === '2024-06-01'))).to.deep.equal(['eligibility', 'enrollment']);
    });

    it('E1 defers only from the first pay date on/after 06-01', () => {
      const pre = contributions(all, 'E1', 'employee_pre_tax');
      expect(amounts(pre)).to.deep.equal(times(c.n, c.amount));
      expect(dateOf(pre[0]!)).to.equal(c.first);
      expect(payload(pre.at(-1)!)['ytdAmount']).to.equal('1820.00');
    });

    it('E2 (hired 01-31, one month clamps to 02-29) is eligible on 2024-03-01', () => {
      const elig = ofType(forEmployee(all, 'E2'), 'eligibility');
      expect(elig.map(dateOf)).to.deep.equal(['2024-03-01']);
      expect(payload(elig[0]!)).to.include({ eligibilityDate: '2024-03-01', reason: 'age_and_service' });
    });
  });
}
