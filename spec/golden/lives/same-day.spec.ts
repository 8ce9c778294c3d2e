/**
 * Classic peer bug: two input events on one day processed in an undefined order (same-day.json).
 * CONTRACTS reading 10(b): input events of one participant on one date are processed in input
 * order, so the later one in the input is the latest compensation change (§3: "the latest hire,
 * merit or promotion event with effective date ≤ d").
 *
 * E1: census, 62,400, 10 % pre-tax. On 2024-07-01 a merit to 74,880 and a promotion to 87,360.
 *   Jan-Jun: monthly 5,200 × 10 % = 520 (×6); semimonthly 2,600 × 10 % = 260 (×12).
 *   input [merit, promotion] → 87,360 from July: 7,280 → 728 (×6) monthly; 3,640 → 364 (×12) semimonthly.
 *     Year: 3,120 + 4,368 = 7,488.00.
 *   input [promotion, merit] → 74,880 from July: 6,240 → 624 (×6) monthly; 3,120 → 312 (×12) semimonthly.
 *     Year: 3,120 + 3,744 = 6,864.00.
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, contributions, dateOf, forEmployee, loadScenario, payload, sumCents, times, typeOf,
  withFrequency, type Ev,
} from './helpers.js';

const CASES = {
  monthly: { n: 6, jan: '520.00', promoLast: '728.00', meritLast: '624.00' },
  semimonthly: { n: 12, jan: '260.00', promoLast: '364.00', meritLast: '312.00' },
} as const;

for (const [frequency, c] of Object.entries(CASES)) {
  describe(`golden peer bug: two input events on the same day (${frequency})`, () => {
    let meritFirst: Ev[] = [];
    let promotionFirst: Ev[] = [];
    before(() => {
      const s = withFrequency(loadScenario('same-day.json'), frequency as 'monthly');
      meritFirst = simulateScriptedJson(s);
      const r = structuredClone(s);
      r['events'] = [...(r['events'] as unknown[])].reverse();
      promotionFirst = simulateScriptedJson(r);
    });

    it('logs the two input events in input order', () => {
      const onDay = (evs: Ev[]) => forEmployee(evs, 'E1').filter((e) => dateOf(e) === '2024-07-01').map(typeOf);
      expect(onDay(meritFirst)).to.deep.equal(['merit', 'promotion']);
      expect(onDay(promotionFirst)).to.deep.equal(['promotion', 'merit']);
    });

    it('[merit, promotion]: the promotion (87,360) sets the pay from July', () => {
      const pre = contributions(meritFirst, 'E1', 'employee_pre_tax');
      expect(amounts(pre)).to.deep.equal([...times(c.n, c.jan), ...times(c.n, c.promoLast)]);
      expect(sumCents(pre)).to.equal(748_800);
      expect(payload(pre.at(-1)!)['ytdAmount']).to.equal('7488.00');
    });

    it('[promotion, merit]: the merit (74,880) sets the pay from July', () => {
      const pre = contributions(promotionFirst, 'E1', 'employee_pre_tax');
      expect(amounts(pre)).to.deep.equal([...times(c.n, c.jan), ...times(c.n, c.meritLast)]);
      expect(sumCents(pre)).to.equal(686_400);
      expect(payload(pre.at(-1)!)['ytdAmount']).to.equal('6864.00');
    });
  });
}
