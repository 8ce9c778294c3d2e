/**
 * Classic peer bug: a census enrollment that stops deferring in year two (census-enrollment.json,
 * 2024-2025; census values given as JSON numbers where allowed).
 *
 * E1: census, 62,400, deferral_rate 5 % pre-tax and roth_rate 2 % Roth → one `enrollment`
 * (voluntary) dated the start date 2024-01-01, after its `eligibility` (reading 2). No escalation.
 * Every year, every pay date: pre-tax 5 % and Roth 2 % of the period pay:
 *   monthly 260 / 104 (×12), semimonthly 130 / 52 (×24), biweekly 120 / 48 (×26), weekly 60 / 24 (×52).
 * Year totals 3,120.00 and 1,248.00 in 2024 and again in 2025 (ytdAmount restarts each plan year).
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, contributions, dateOf, forEmployee, kinds, loadScenario, ofType, payload, times,
  withFrequency, type Ev, type Frequency,
} from './helpers.js';

interface Case { n: number; pre: string; roth: string; firstPay: Record<number, string> }
const CASES: Record<Frequency, Case> = {
  monthly: { n: 12, pre: '260.00', roth: '104.00', firstPay: { 2024: '2024-01-31', 2025: '2025-01-31' } },
  semimonthly: { n: 24, pre: '130.00', roth: '52.00', firstPay: { 2024: '2024-01-15', 2025: '2025-01-15' } },
  biweekly: { n: 26, pre: '120.00', roth: '48.00', firstPay: { 2024: '2024-01-05', 2025: '2025-01-03' } },
  weekly: { n: 52, pre: '60.00', roth: '24.00', firstPay: { 2024: '2024-01-05', 2025: '2025-01-03' } },
};

for (const [frequency, c] of Object.entries(CASES) as [Frequency, Case][]) {
  describe(`golden peer bug: census enrollment still deferring in year two (${frequency})`, () => {
    let all: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('census-enrollment.json'), frequency));
    });

    it('enrolls E1 once, on the start date, voluntary, at the census rates', () => {
      const e1 = forEmployee(all, 'E1');
      const enr = ofType(e1, 'enrollment');
      expect(enr).to.have.length(1);
      expect(dateOf(enr[0]!)).to.equal('2024-01-01');
      expect(payload(enr[0]!)).to.include({ enrollmentSource: 'voluntary', preTaxRate: '0.0500', rothRate: '0.0200', enrollmentDate: '2024-01-01' });
      const order = kinds(e1.filter((e) => dateOf(e) === '2024-01-01')).filter((k) => ['hire', 'eligibility', 'enrollment'].includes(k));
      expect(order).to.deep.equal(['hire', 'eligibility', 'enrollment']);
    });

    for (const year of [2024, 2025]) {
      it(`defers pre-tax and Roth on every pay date of ${year}`, () => {
        const pre = contributions(all, 'E1', 'employee_pre_tax', year);
        expect(amounts(pre)).to.deep.equal(times(c.n, c.pre));
        expect(dateOf(pre[0]!)).to.equal(c.firstPay[year]);
        expect(payload(pre.at(-1)!)['ytdAmount']).to.equal('3120.00');
        const roth = contributions(all, 'E1', 'employee_roth', year);
        expect(amounts(roth)).to.deep.equal(times(c.n, c.roth));
        expect(payload(roth.at(-1)!)['ytdAmount']).to.equal('1248.00');
        expect(payload(roth[0]!)['ytdAmount']).to.equal(c.roth);
      });
    }
  });
}
