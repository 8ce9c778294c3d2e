/**
 * Golden life: a 401(a)(17) earner (comp-limit.json, 2024). Every payroll frequency.
 *
 * E1: census, 421,200 a year (= 312 × 1,350: 35,100 monthly, 17,550 semimonthly, 16,200 biweekly,
 * 8,100 weekly), enrolled at 5 % from the census, match 100 % of 3 % + 50 % of the next 2 % = 4 %.
 * 401(a)(17)(2024) = 345,000: plan compensation stops once 345,000 has been counted (§3).
 *   monthly:     9 × 35,100 = 315,900; 10th (10-31) 29,100; then 0
 *   semimonthly: 19 × 17,550 = 333,450; 20th (10-31) 11,550; then 0
 *   biweekly:    21 × 16,200 = 340,200; 22nd (01-05 + 21×14 = 10-25) 4,800; then 0
 *   weekly:      42 × 8,100 = 340,200; 43rd (01-05 + 42×7 = 10-25) 4,800; then 0
 * Deferral 5 %: 1,755 / 877.50 / 810 / 405 per full period; last partial 1,455 / 577.50 / 240 / 240;
 *   year 5 % × 345,000 = 17,250 (< 402(g) 23,000).
 * Match 4 %: 1,404 / 702 / 648 / 324; partial 1,164 / 462 / 192 / 192; year 4 % × 345,000 = 13,800.
 * No contribution events once plan compensation is 0 (amounts of 0 are not emitted).
 * 415(c): 17,250 + 13,800 = 31,050 < 69,000: no cut, no 415(c) event, irsLimitApplied false everywhere.
 * HCE 2024: census prior_year_compensation 421,200 > 414(q)(2023) 150,000.
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, compliance, contributions, dateOf, forEmployee, loadScenario, ofType, payload, sumCents, times,
  withFrequency, type Ev, type Frequency,
} from './helpers.js';

interface Case { full: number; deferral: string; lastDeferral: string; match: string; lastMatch: string; lastDate: string }
const CASES: Record<Frequency, Case> = {
  monthly: { full: 9, deferral: '1755.00', lastDeferral: '1455.00', match: '1404.00', lastMatch: '1164.00', lastDate: '2024-10-31' },
  semimonthly: { full: 19, deferral: '877.50', lastDeferral: '577.50', match: '702.00', lastMatch: '462.00', lastDate: '2024-10-31' },
  biweekly: { full: 21, deferral: '810.00', lastDeferral: '240.00', match: '648.00', lastMatch: '192.00', lastDate: '2024-10-25' },
  weekly: { full: 42, deferral: '405.00', lastDeferral: '240.00', match: '324.00', lastMatch: '192.00', lastDate: '2024-10-25' },
};

for (const [frequency, c] of Object.entries(CASES) as [Frequency, Case][]) {
  describe(`golden life: 401(a)(17) earner (${frequency})`, () => {
    let all: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('comp-limit.json'), frequency));
    });

    it('defers 5 % of plan compensation until 345,000 has been counted, then nothing', () => {
      const pre = contributions(all, 'E1', 'employee_pre_tax');
      expect(amounts(pre)).to.deep.equal([...times(c.full, c.deferral), c.lastDeferral]);
      expect(dateOf(pre.at(-1)!)).to.equal(c.lastDate);
      expect(sumCents(pre)).to.equal(1_725_000);
      expect(payload(pre.at(-1)!)['ytdAmount']).to.equal('17250.00');
    });

    it('matches 4 % of plan compensation, 13,800.00 for the year', () => {
      const m = contributions(all, 'E1', 'employer_match');
      expect(amounts(m)).to.deep.equal([...times(c.full, c.match), c.lastMatch]);
      expect(dateOf(m.at(-1)!)).to.equal(c.lastDate);
      expect(payload(m.at(-1)!)['ytdAmount']).to.equal('13800.00');
    });

    it('hits no 402(g)/415(c) limit and flags no contribution', () => {
      const mine = forEmployee(all, 'E1');
      expect(compliance(mine, '402g_limit_reached')).to.have.length(0);
      expect(compliance(mine, '415c_limit_reached')).to.have.length(0);
      expect(ofType(mine, 'contribution').filter((e) => payload(e)['irsLimitApplied'] !== false)).to.have.length(0);
    });

    it('is HCE for 2024 from the census prior-year compensation', () => {
      const h = ofType(forEmployee(all, 'E1'), 'hce_status');
      expect(h).to.have.length(1);
      expect(dateOf(h[0]!)).to.equal('2024-01-01');
      expect(payload(h[0]!)).to.include({ priorYearCompensation: '421200.00', hceThreshold: '150000.00', isHce: true });
    });
  });
}
