/**
 * Golden case: an ADP failure with refunds (adp-refunds.json, 2024). Every payroll frequency:
 * all salaries are multiples of 312, so every period is exact and every ADR is exactly the rate.
 *
 * HCE for 2024 = census prior_year_compensation > 414(q)(2023) = 150,000 (strictly):
 *   E1 NHCE 62,400 at 2 % → 1,248.00, ADR 200 bp      E3 HCE 187,200 at 10 % → 18,720.00, ADR 1000 bp
 *   E2 NHCE 62,400 at 4 % → 2,496.00, ADR 400 bp      E4 HCE 249,600 at  8 % → 19,968.00, ADR  800 bp
 * (nobody is 50 by 2024-12-31: no catch-up; all under 402(g) 23,000 and 401(a)(17) 345,000.)
 * NHCE average a = (200 + 400) / 2 = 300 bp. Limit = max(1.25 × 300 = 375, min(2 × 300 = 600, 300 + 200 = 500)) = 500 bp.
 * HCE average = (1000 + 800) / 2 = 900 bp > 500 → fails.
 * Step 1 (leveling ratios): lower E3 1000 → 800 (average 800, still > 500), then both together to L with
 *   (L + L) / 2 = 500 → L = 500 bp. Excess E3 = (10 % − 5 %) × 187,200 = 9,360.00;
 *   E4 = (8 % − 5 %) × 249,600 = 7,488.00. Total excess = 16,848.00.
 * Step 2 (leveling dollars, largest first): E4 19,968 → down to E3's 18,720 takes 1,248.00; the remaining
 *   15,600.00 is taken equally from both (7,800.00 each, both end at 10,920.00).
 *   Refunds: E3 7,800.00; E4 1,248 + 7,800 = 9,048.00 (sum 16,848.00).
 * With safeHarbor: true the test is skipped: no adp_test event.
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  compliance, contributions, dateOf, forEmployee, loadScenario, ofType, payload, planLevel, sumCents,
  withFrequency, type Ev, type Frequency,
} from './helpers.js';

const FREQUENCIES: Frequency[] = ['monthly', 'semimonthly', 'biweekly', 'weekly'];

for (const frequency of FREQUENCIES) {
  describe(`golden case: ADP failure with refunds (${frequency})`, () => {
    let all: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('adp-refunds.json'), frequency));
    });

    it('defers the census rates for the whole year', () => {
      const expected: Record<string, number> = { E1: 124_800, E2: 249_600, E3: 1_872_000, E4: 1_996_800 };
      for (const [id, total] of Object.entries(expected)) {
        expect(sumCents(contributions(all, id, 'employee_pre_tax')), id).to.equal(total);
      }
    });

    it('determines E3 and E4 HCE on 2024-01-01, E1 and E2 not', () => {
      const expected: Record<string, boolean> = { E1: false, E2: false, E3: true, E4: true };
      for (const [id, hce] of Object.entries(expected)) {
        const h = ofType(forEmployee(all, id), 'hce_status');
        expect(h, id).to.have.length(1);
        expect(payload(h[0]!)['isHce'], id).to.equal(hce);
        expect(payload(h[0]!)['hceThreshold'], id).to.equal('150000.00');
      }
    });

    it('fails the ADP test: HCE 9.00 % vs NHCE 3.00 %, limit 5.00 %, refunds E3 7,800.00 and E4 9,048.00', () => {
      const adp = compliance(planLevel(all), 'adp_test');
      expect(adp).to.have.length(1);
      expect(dateOf(adp[0]!)).to.equal('2024-12-31');
      const p = payload(adp[0]!);
      expect(Number(p['planYear'])).to.equal(2024);
      expect(p).to.include({ hceAverage: '0.0900', nhceAverage: '0.0300', limit: '0.0500', passed: false });
      const refunds = p['refunds'] as Record<string, string>;
      expect(refunds['E3']).to.equal('7800.00');
      expect(refunds['E4']).to.equal('9048.00');
      for (const id of ['E1', 'E2']) expect(refunds[id] === undefined || refunds[id] === '0.00', id).to.equal(true);
    });

    it('reports refunds only: the HCE deferral balances are unchanged', () => {
      expect(payload(contributions(all, 'E3', 'employee_pre_tax').at(-1)!)['ytdAmount']).to.equal('18720.00');
      expect(payload(contributions(all, 'E4', 'employee_pre_tax').at(-1)!)['ytdAmount']).to.equal('19968.00');
    });

    it('puts the plan-level test after every participant event of the year', () => {
      const idx = all.findIndex((e) => payload(e)['complianceType'] === 'adp_test');
      expect(all.slice(idx + 1).filter((e) => e['employeeId'] !== undefined && e['employeeId'] !== null)).to.have.length(0);
    });
  });
}

describe('golden case: ADP under safe harbor', () => {
  it('skips the test', () => {
    const s = loadScenario('adp-refunds.json');
    s['plan']['safeHarbor'] = true;
    const all = simulateScriptedJson(s);
    expect(compliance(planLevel(all), 'adp_test')).to.have.length(0);
  });
});
