/**
 * Golden life: the 2025 age 60-63 catch-up (catch-up-60-63.json), monthly and semimonthly.
 *
 * §2: catch-up eligibility by age on Dec 31 of Y; from 2025 ages 60-63 use 11,250 instead of 7,500.
 *   E60 born 1965-06-01: 60 on 2025-12-31 → 11,250.   E64 born 1961-03-01: 64 → the regular 7,500.
 * Both: 93,600 a year at 50 % pre-tax: 3,900 a month / 1,950 a half-month. 402(g)(2025) = 23,500.
 *   monthly: Jan-Jun 6 × 3,900 = 23,400; Jul 100 pre-tax (402(g) reached 07-31) + 3,800 catch-up.
 *     E60: Aug 3,900 (7,700), Sep 3,550 (11,250; 350 not deferred → irsLimitApplied); nothing after.
 *     E64: Aug 3,700 (7,500; 200 not deferred → irsLimitApplied); nothing after.
 *   semimonthly: 01-15 … 06-30 12 × 1,950 = 23,400; 07-15 100 pre-tax (402(g) reached 07-15) + 1,850.
 *     E60: 07-31, 08-15, 08-31, 09-15 1,950 each (9,650), 09-30 1,600 (11,250; flagged).
 *     E64: 07-31, 08-15 1,950 each (5,750), 08-31 1,750 (7,500; flagged).
 * catch_up_eligible on 2025-01-01 (enrolled then) with each one's own limit.
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, compliance, contributions, dateOf, dates, forEmployee, loadScenario, ofType, payload, times,
  withFrequency, type Ev,
} from './helpers.js';

interface Who { catchUp: string[]; catchUpDates: string[]; flagged: string; limit: string; ytd: string }
interface Case { pre: string[]; limitDate: string; E60: Who; E64: Who }
const CASES: Record<'monthly' | 'semimonthly', Case> = {
  monthly: {
    pre: [...times(6, '3900.00'), '100.00'], limitDate: '2025-07-31',
    E60: { catchUp: ['3800.00', '3900.00', '3550.00'], catchUpDates: ['2025-07-31', '2025-08-31', '2025-09-30'], flagged: '2025-09-30', limit: '11250.00', ytd: '11250.00' },
    E64: { catchUp: ['3800.00', '3700.00'], catchUpDates: ['2025-07-31', '2025-08-31'], flagged: '2025-08-31', limit: '7500.00', ytd: '7500.00' },
  },
  semimonthly: {
    pre: [...times(12, '1950.00'), '100.00'], limitDate: '2025-07-15',
    E60: { catchUp: ['1850.00', ...times(4, '1950.00'), '1600.00'], catchUpDates: ['2025-07-15', '2025-07-31', '2025-08-15', '2025-08-31', '2025-09-15', '2025-09-30'], flagged: '2025-09-30', limit: '11250.00', ytd: '11250.00' },
    E64: { catchUp: ['1850.00', '1950.00', '1950.00', '1750.00'], catchUpDates: ['2025-07-15', '2025-07-31', '2025-08-15', '2025-08-31'], flagged: '2025-08-31', limit: '7500.00', ytd: '7500.00' },
  },
};

for (const [frequency, c] of Object.entries(CASES)) {
  describe(`golden life: 2025 catch-up at 60 vs 64 (${frequency})`, () => {
    let all: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('catch-up-60-63.json'), frequency as 'monthly'));
    });

    for (const id of ['E60', 'E64'] as const) {
      const w = c[id];
      it(`${id}: regular deferrals stop at 23,500 on ${c.limitDate}`, () => {
        const pre = contributions(all, id, 'employee_pre_tax');
        expect(amounts(pre)).to.deep.equal(c.pre);
        expect(payload(pre.at(-1)!)['ytdAmount']).to.equal('23500.00');
        const g = compliance(forEmployee(all, id), '402g_limit_reached');
        expect(g.map(dateOf)).to.deep.equal([c.limitDate]);
        expect(payload(g[0]!)).to.include({ applicableLimit: '23500.00', currentAmount: '23500.00' });
      });

      it(`${id}: catch-up up to ${w.limit}, then nothing more is deferred`, () => {
        const cu = contributions(all, id, 'employee_catch_up');
        expect(amounts(cu)).to.deep.equal(w.catchUp);
        expect(dates(cu)).to.deep.equal(w.catchUpDates);
        expect(payload(cu.at(-1)!)['ytdAmount']).to.equal(w.ytd);
        const flagged = ofType(forEmployee(all, id), 'contribution').filter((e) => payload(e)['irsLimitApplied'] === true);
        expect(flagged.map(dateOf)).to.deep.equal([w.flagged]);
        const elig = compliance(forEmployee(all, id), 'catch_up_eligible');
        expect(elig.map(dateOf)).to.deep.equal(['2025-01-01']);
        expect(payload(elig[0]!)['applicableLimit']).to.equal(w.limit);
      });
    }
  });
}
