/**
 * Golden life: 415(c) bound by pay rather than dollars (annual-additions.json, 2024), every frequency.
 *
 * E1: 15,600 a year (= 12 × 1,300 = 24 × 650 = 26 × 600 = 52 × 300), 90 % deferral (census),
 * match 100 % of the first 3 %, core 10 %. Each period wants 90 % + 3 % + 10 % = 103 % of pay
 * as annual additions, but the period room (reading 9) is min(69,000, gross YTD) − additions YTD
 * = 100 % of the period pay. The 3 % excess is cut from core first: core paid = 7 % of pay.
 *   monthly 1,170 / 39 / 91     semimonthly 585 / 19.50 / 45.50
 *   biweekly 540 / 18 / 42      weekly 270 / 9 / 21
 * Year: deferral 14,040 (< 402(g) 23,000), match 468, core 1,092; additions 15,600 = gross.
 * Every contribution event carries irsLimitApplied true (a 415(c) cut in each period, reading 8);
 * the 69,000 dollar limit is never reached: no 415c_limit_reached event.
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, compliance, contributions, forEmployee, loadScenario, ofType, payload, times,
  withFrequency, type Ev, type Frequency,
} from './helpers.js';

interface Case { n: number; pre: string; match: string; core: string }
const CASES: Record<Frequency, Case> = {
  monthly: { n: 12, pre: '1170.00', match: '39.00', core: '91.00' },
  semimonthly: { n: 24, pre: '585.00', match: '19.50', core: '45.50' },
  biweekly: { n: 26, pre: '540.00', match: '18.00', core: '42.00' },
  weekly: { n: 52, pre: '270.00', match: '9.00', core: '21.00' },
};

for (const [frequency, c] of Object.entries(CASES) as [Frequency, Case][]) {
  describe(`golden life: 415(c) limited by pay, core cut first (${frequency})`, () => {
    let all: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('annual-additions.json'), frequency));
    });

    it('contributes 90 % deferral and 3 % match in full, and core cut from 10 % to 7 % each period', () => {
      const pre = contributions(all, 'E1', 'employee_pre_tax');
      const match = contributions(all, 'E1', 'employer_match');
      const core = contributions(all, 'E1', 'employer_nonelective');
      expect(amounts(pre)).to.deep.equal(times(c.n, c.pre));
      expect(amounts(match)).to.deep.equal(times(c.n, c.match));
      expect(amounts(core)).to.deep.equal(times(c.n, c.core));
      expect(payload(pre.at(-1)!)['ytdAmount']).to.equal('14040.00');
      expect(payload(match.at(-1)!)['ytdAmount']).to.equal('468.00');
      expect(payload(core.at(-1)!)['ytdAmount']).to.equal('1092.00');
    });

    it('flags every contribution irsLimitApplied and emits no 415(c) dollar-limit event', () => {
      const mine = forEmployee(all, 'E1');
      const evs = ofType(mine, 'contribution');
      expect(evs).to.have.length(3 * c.n);
      expect(evs.filter((e) => payload(e)['irsLimitApplied'] !== true)).to.have.length(0);
      expect(compliance(mine, '415c_limit_reached')).to.have.length(0);
      expect(compliance(mine, '402g_limit_reached')).to.have.length(0);
    });
  });
}

/**
 * Golden life: the 415(c) dollar limit reached (annual-additions-dollar.json, 2024).
 * E1: 312,000 (26,000 a month, 13,000 a half-month), 10 % deferral, match 100 % of 3 % + 50 % of
 * the next 2 % (4 % at D ≥ 5 %), core 15 %; age 39: no catch-up. 402(g) 23,000, 415(c) 69,000.
 *   monthly: Jan-Aug 2,600 + 1,040 + 3,900 = 7,540 a month → 60,320 (regular 20,800);
 *     Sep: 2,200 deferred (402(g) reached 09-30, 400 not deferred → flagged), match on 2,200
 *     (≥ 5 % × 26,000 = 1,300) = 1,040, core 3,900 → additions 67,460;
 *     Oct: nothing deferred (flagged), match 0, core room 69,000 − 67,460 = 1,540 (cut from 3,900)
 *     → 69,000 reached on 10-31: one 415c_limit_reached; Nov-Dec: no room, no events.
 *   semimonthly: 17 periods (to 09-15) of 1,300 + 520 + 1,950 = 3,770 → 64,090 (regular 22,100);
 *     09-30: 900 deferred (402(g) reached, flagged) + 520 (900 ≥ 650) + 1,950 → 67,460;
 *     10-15: core 1,540 (cut) → 69,000 reached on 10-15; nothing after.
 */
const DOLLAR = {
  monthly: {
    pre: [...times(8, '2600.00'), '2200.00'], match: times(9, '1040.00'), core: [...times(9, '3900.00'), '1540.00'],
    g402: '2024-09-30', c415: '2024-10-31',
    flagged: ['2024-09-30 employee_pre_tax', '2024-09-30 employer_match', '2024-09-30 employer_nonelective', '2024-10-31 employer_nonelective'],
  },
  semimonthly: {
    pre: [...times(17, '1300.00'), '900.00'], match: times(18, '520.00'), core: [...times(18, '1950.00'), '1540.00'],
    g402: '2024-09-30', c415: '2024-10-15',
    flagged: ['2024-09-30 employee_pre_tax', '2024-09-30 employer_match', '2024-09-30 employer_nonelective', '2024-10-15 employer_nonelective'],
  },
};

for (const [frequency, c] of Object.entries(DOLLAR)) {
  describe(`golden life: 415(c) dollar limit reached, core cut (${frequency})`, () => {
    let all: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('annual-additions-dollar.json'), frequency as 'monthly'));
    });

    it('contributes until the additions reach 69,000.00, cutting core in the last period', () => {
      expect(amounts(contributions(all, 'E1', 'employee_pre_tax'))).to.deep.equal(c.pre);
      expect(amounts(contributions(all, 'E1', 'employer_match'))).to.deep.equal(c.match);
      const core = contributions(all, 'E1', 'employer_nonelective');
      expect(amounts(core)).to.deep.equal(c.core);
      expect(payload(core.at(-1)!)['ytdAmount']).to.equal('36640.00'); // 9 × 3,900 + 1,540 = 18 × 1,950 + 1,540
    });

    it('reports 402(g) and 415(c) reached once each, and flags the limited periods', () => {
      const mine = forEmployee(all, 'E1');
      const g = compliance(mine, '402g_limit_reached');
      expect(g.map((e) => String(e['effectiveDate']))).to.deep.equal([c.g402]);
      const a = compliance(mine, '415c_limit_reached');
      expect(a.map((e) => String(e['effectiveDate']))).to.deep.equal([c.c415]);
      expect(payload(a[0]!)).to.include({ applicableLimit: '69000.00', currentAmount: '69000.00' });
      const flagged = ofType(mine, 'contribution').filter((e) => payload(e)['irsLimitApplied'] === true);
      expect(flagged.map((e) => `${String(e['effectiveDate'])} ${String(payload(e)['source'])}`)).to.deep.equal(c.flagged);
    });
  });
}
