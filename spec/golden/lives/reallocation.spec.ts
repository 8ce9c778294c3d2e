/**
 * Golden life: an unvested termination whose forfeiture is reallocated on Dec 31
 * (reallocation.json, 2024; monthly and semimonthly, where E1's pay to 04-30 is round).
 *
 * Plan: eligibility 21 + 3 months, immediate entry; match 100 % of the first 3 %; 3-year cliff
 * vesting; forfeitures.use = reallocate (§8, reading 13).
 * E1: hired 2022-06-01, 3 % deferral (census), beginning match balance 376.00. Quits 2024-04-30
 *   with 1 completed year (2023-06-01) → 0 % vested. Match Jan-Apr: monthly 4 × 156 (3 % × 5,200),
 *   semimonthly 8 × 78 (3 % × 2,600) = 624 → balance 376 + 624 = 1,000.00, all forfeited.
 * E2 (62,400) and E3 (124,800): long-serving, eligible, never defer; employed and eligible on Dec 31;
 *   weights = plan compensation of 2024 = 62,400 and 124,800, Σ = 187,200.
 * E4: hired 2024-11-01, eligible only on 2025-02-01 → employed but not eligible on Dec 31: no share.
 * Account on 2024-12-31 = 1,000.00 = 100,000 cents:
 *   E2 floor(100,000 × 62,400 / 187,200) = floor(33,333.3) = 33,333 → 333.33
 *   E3 floor(100,000 × 124,800 / 187,200) = floor(66,666.6) = 66,666 → 666.66
 *   1 cent stays in the account. Allocations are dated Dec 31, source forfeiture_allocation.
 * They vest like the match (cliff 3): E2 (9 years) and E3 (12 years) are fully vested anyway.
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, contributions, dateOf, forEmployee, kinds, loadScenario, ofType, payload, sumCents,
  withFrequency, type Ev,
} from './helpers.js';

for (const frequency of ['monthly', 'semimonthly'] as const) {
  describe(`golden life: forfeiture reallocated on Dec 31 (${frequency})`, () => {
    let all: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('reallocation.json'), frequency));
    });

    it('E1 forfeits the whole 1,000.00 match balance at 0 % vested', () => {
      expect(sumCents(contributions(all, 'E1', 'employer_match'))).to.equal(62_400);
      const e1 = forEmployee(all, 'E1');
      const v = ofType(e1, 'vesting');
      expect(v.map(dateOf)).to.deep.equal(['2024-04-30']);
      expect(payload(v[0]!)['vestedPercentages']).to.deep.equal({ employer_match: '0.0000' });
      const f = ofType(e1, 'forfeiture');
      expect(f).to.have.length(1);
      expect(payload(f[0]!)).to.include({ forfeitedFromSource: 'employer_match', amount: '1000.00', vestedPercentage: '0.0000' });
    });

    it('allocates 333.33 to E2 and 666.66 to E3 on Dec 31 (floor; 1 cent stays)', () => {
      const a2 = contributions(all, 'E2', 'forfeiture_allocation');
      const a3 = contributions(all, 'E3', 'forfeiture_allocation');
      expect(amounts(a2)).to.deep.equal(['333.33']);
      expect(amounts(a3)).to.deep.equal(['666.66']);
      expect(dateOf(a2[0]!)).to.equal('2024-12-31');
      expect(dateOf(a3[0]!)).to.equal('2024-12-31');
      expect(payload(a2[0]!)['ytdAmount']).to.equal('333.33');
      expect(kinds(forEmployee(all, 'E3')).at(-1)).to.equal('contribution:forfeiture_allocation');
    });

    it('gives nothing to the terminated E1 nor to E4, employed but not yet eligible on Dec 31', () => {
      expect(contributions(all, 'E1', 'forfeiture_allocation')).to.have.length(0);
      expect(contributions(all, 'E4', 'forfeiture_allocation')).to.have.length(0);
      const e4elig = ofType(forEmployee(all, 'E4'), 'eligibility');
      expect(e4elig.map(dateOf)).to.deep.equal([]);
    });
  });
}
