/**
 * Golden life: death before full vesting (death.json, 2024), against the same life ending in a
 * voluntary quit, and a quit at age 65 (normal retirement age). Every payroll frequency.
 *
 * E1: census, hired 2022-09-15 at 62,400, enrolled at 5 % (census deferral_rate), beginning
 * match balance 1,000.00 (census balance_employer_match). Match 100 % of 3 % + 50 % of next 2 %
 * = 4 % of pay at a 5 % deferral. Default graded vesting 0,0,20,40,… by completed years.
 * Termination 2024-06-30: 1 completed year (2023-09-15), so 0 % vested by the schedule; the second
 * anniversary (2024-09-15, 20 %) is never reached, so the only vesting event is the termination's.
 *
 * Pay dates 2024 up to 06-30: monthly 6 (×5,200), semimonthly 12 (×2,600), biweekly 13
 * (01-05 … 06-21, ×2,400), weekly 26 (01-05 … 06-28, ×1,200): 31,200 of pay in every case.
 * Deferral 5 %: 260×6 = 130×12 = 120×13 = 60×26 = 1,560. Match 4 %: 208×6 = 104×12 = 96×13 = 48×26 = 1,248.
 * Match balance at termination = 1,000 + 1,248 = 2,248.00.
 *   death:                       100 % vested → vested 2,248.00, no forfeiture
 *   voluntary (age 44):            0 % vested → vested 0.00, forfeiture 2,248.00
 *   voluntary at 65 (born 1959-01-15, 65 on 2024-01-15): 100 % vested, no forfeiture
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, contributions, dateOf, forEmployee, kinds, loadScenario, ofType, payload, sumCents, times,
  withFrequency, type Ev, type Frequency,
} from './helpers.js';

const PERIODS: Record<Frequency, { n: number; deferral: string; match: string; lastPay: string }> = {
  monthly: { n: 6, deferral: '260.00', match: '208.00', lastPay: '2024-06-30' },
  semimonthly: { n: 12, deferral: '130.00', match: '104.00', lastPay: '2024-06-30' },
  biweekly: { n: 13, deferral: '120.00', match: '96.00', lastPay: '2024-06-21' },
  weekly: { n: 26, deferral: '60.00', match: '48.00', lastPay: '2024-06-28' },
};

function variant(f: Frequency, reason: string, birthDate?: string): Record<string, any> {
  const s = withFrequency(loadScenario('death.json'), f);
  s['events'][0]['payload']['terminationReason'] = reason;
  if (birthDate !== undefined) s['census'][0]['birth_date'] = birthDate;
  return s;
}

for (const [frequency, p] of Object.entries(PERIODS) as [Frequency, (typeof PERIODS)['monthly']][]) {
  describe(`golden life: death before full vesting (${frequency})`, () => {
    let death: Ev[] = [];
    let quit: Ev[] = [];
    let retire: Ev[] = [];
    before(() => {
      death = forEmployee(simulateScriptedJson(variant(frequency, 'death')), 'E1');
      quit = forEmployee(simulateScriptedJson(variant(frequency, 'voluntary')), 'E1');
      retire = forEmployee(simulateScriptedJson(variant(frequency, 'voluntary', '1959-01-15')), 'E1');
    });

    it('contributes 5 % and a 4 % match on each pay date up to the termination date', () => {
      for (const evs of [death, quit]) {
        const pre = contributions(evs, 'E1', 'employee_pre_tax');
        expect(amounts(pre)).to.deep.equal(times(p.n, p.deferral));
        expect(sumCents(pre)).to.equal(156_000);
        const m = contributions(evs, 'E1', 'employer_match');
        expect(amounts(m)).to.deep.equal(times(p.n, p.match));
        expect(sumCents(m)).to.equal(124_800);
        expect(dateOf(m.at(-1)!)).to.equal(p.lastPay);
        expect(payload(m.at(-1)!)['ytdAmount']).to.equal('1248.00');
      }
    });

    it('death: one vesting event at termination, 100 % of 2,248.00, and no forfeiture', () => {
      const v = ofType(death, 'vesting');
      expect(v.map(dateOf)).to.deep.equal(['2024-06-30']);
      expect(Number(payload(v[0]!)['yearsOfService'])).to.equal(1);
      expect(payload(v[0]!)['vestedPercentages']).to.deep.equal({ employer_match: '1.0000' });
      expect(payload(v[0]!)['sourceBalancesVested']).to.deep.equal({ employer_match: '2248.00' });
      expect(ofType(death, 'forfeiture')).to.have.length(0);
      const t = ofType(death, 'termination');
      expect(t).to.have.length(1);
      expect(payload(t[0]!)['terminationReason']).to.equal('death');
      expect(kinds(death.filter((e) => dateOf(e) === '2024-06-30')).slice(-2)).to.deep.equal(['termination', 'vesting']);
    });

    it('voluntary quit at 1 year of service: 0 % vested, the whole 2,248.00 is forfeited', () => {
      const v = ofType(quit, 'vesting');
      expect(v.map(dateOf)).to.deep.equal(['2024-06-30']);
      expect(payload(v[0]!)['vestedPercentages']).to.deep.equal({ employer_match: '0.0000' });
      expect(payload(v[0]!)['sourceBalancesVested']).to.deep.equal({ employer_match: '0.00' });
      const f = ofType(quit, 'forfeiture');
      expect(f).to.have.length(1);
      expect(dateOf(f[0]!)).to.equal('2024-06-30');
      expect(payload(f[0]!)).to.include({
        forfeitedFromSource: 'employer_match', amount: '2248.00', reason: 'unvested_termination', vestedPercentage: '0.0000',
      });
      expect(kinds(quit.filter((e) => dateOf(e) === '2024-06-30')).slice(-3))
        .to.deep.equal(['termination', 'vesting', 'forfeiture:employer_match']);
    });

    it('quit at age 65: fully vested, no forfeiture', () => {
      const v = ofType(retire, 'vesting');
      expect(v.map(dateOf)).to.deep.equal(['2024-06-30']);
      expect(payload(v[0]!)['vestedPercentages']).to.deep.equal({ employer_match: '1.0000' });
      expect(payload(v[0]!)['sourceBalancesVested']).to.deep.equal({ employer_match: '2248.00' });
      expect(ofType(retire, 'forfeiture')).to.have.length(0);
    });

    it('emits nothing after the death', () => {
      expect(death.filter((e) => dateOf(e) > '2024-06-30')).to.deep.equal([]);
    });
  });
}
