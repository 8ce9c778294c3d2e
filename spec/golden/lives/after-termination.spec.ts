/**
 * Classic peer bug: events generated after termination (after-termination.json, 2024-2025).
 *
 * E1 and E2: census, 62,400, enrolled at 5 % (census), match 4 % at that rate, core 1 %, match
 * true-up, escalation +1 % on Jan 1, auto-enrollment all_eligible (both already have an election,
 * so neither is auto-enrolled). E1 quits on 2024-08-20 (a Tuesday; finalPayDate 2024-08-23 is
 * informational only, §3). Pay dates on or before 08-20:
 *   monthly Jan-Jul = 7 (5,200: 260 / 208 / 52)       semimonthly 01-15 … 08-15 = 15 (2,600: 130 / 104 / 26)
 *   biweekly 01-05 … 08-16 = 17 (2,400: 120 / 96 / 24)  weekly 01-05 … 08-16 = 33 (1,200: 60 / 48 / 12)
 * (Weekly 08-23 is past the termination date: not paid, whatever finalPayDate says.)
 * Immediate vesting: termination is followed by its vesting event (100 %), no forfeiture.
 * Then nothing for E1: no true-up on 2024-12-31, no hce_status / escalation on 2025-01-01.
 * E2 is the control: on 2025-01-01 it is escalated 5 % → 6 % (enrolled 2024-01-01, i.e. not
 * before 2024-01-01, so no escalation in 2024) and defers 6 % all of 2025 (3,744.00).
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, contributions, dateOf, forEmployee, inYear, kinds, loadScenario, ofType, payload, times,
  withFrequency, type Ev, type Frequency,
} from './helpers.js';

interface Case { n: number; last: string; pre: string; match: string; core: string; n2025: number }
const CASES: Record<Frequency, Case> = {
  monthly: { n: 7, last: '2024-07-31', pre: '260.00', match: '208.00', core: '52.00', n2025: 12 },
  semimonthly: { n: 15, last: '2024-08-15', pre: '130.00', match: '104.00', core: '26.00', n2025: 24 },
  biweekly: { n: 17, last: '2024-08-16', pre: '120.00', match: '96.00', core: '24.00', n2025: 26 },
  weekly: { n: 33, last: '2024-08-16', pre: '60.00', match: '48.00', core: '12.00', n2025: 52 },
};

for (const [frequency, c] of Object.entries(CASES) as [Frequency, Case][]) {
  describe(`golden peer bug: no events after termination (${frequency})`, () => {
    let all: Ev[] = [];
    let e1: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('after-termination.json'), frequency));
      e1 = forEmployee(all, 'E1');
    });

    it('has no E1 event dated after 2024-08-20', () => {
      expect(e1.filter((e) => dateOf(e) > '2024-08-20').map((e) => `${dateOf(e)} ${kinds([e])[0]!}`)).to.deep.equal([]);
      expect(inYear(e1, 2025)).to.have.length(0);
    });

    it('pays E1 on pay dates up to the termination date only', () => {
      for (const [source, amount] of [['employee_pre_tax', c.pre], ['employer_match', c.match], ['employer_nonelective', c.core]] as const) {
        const evs = contributions(all, 'E1', source);
        expect(amounts(evs), source).to.deep.equal(times(c.n, amount));
        expect(dateOf(evs.at(-1)!), source).to.equal(c.last);
      }
      expect(contributions(all, 'E1', 'employer_match_true_up')).to.have.length(0);
    });

    it('ends E1 with termination then its vesting event, and never escalates or re-enrolls E1', () => {
      expect(kinds(e1).slice(-2)).to.deep.equal(['termination', 'vesting']);
      expect(dateOf(e1.at(-1)!)).to.equal('2024-08-20');
      expect(payload(e1.at(-1)!)['vestedPercentages']).to.deep.equal({ employer_match: '1.0000', employer_nonelective: '1.0000' });
      expect(ofType(e1, 'enrollment')).to.have.length(1);
      expect(ofType(e1, 'enrollment_change')).to.have.length(0);
      expect(ofType(e1, 'forfeiture')).to.have.length(0);
    });

    it('keeps simulating E2 in 2025 (control): escalated to 6 % on 2025-01-01', () => {
      const e2 = forEmployee(all, 'E2');
      expect(ofType(e2, 'enrollment')).to.have.length(1);
      const esc = ofType(e2, 'enrollment_change');
      expect(esc.map((e) => `${dateOf(e)} ${String(payload(e)['newPreTaxRate'])}`)).to.deep.equal(['2025-01-01 0.0600']);
      const pre25 = contributions(all, 'E2', 'employee_pre_tax', 2025);
      expect(pre25).to.have.length(c.n2025);
      expect(payload(pre25.at(-1)!)['ytdAmount']).to.equal('3744.00');
    });
  });
}
