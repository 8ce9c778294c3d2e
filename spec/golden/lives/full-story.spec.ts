/**
 * Golden life: one participant from hire to forfeiture, computed by hand from RULES.md and the
 * readings of docs/CONTRACTS.md. Scenario: full-story.json (2023-2025), run monthly and semimonthly.
 *
 * Plan: eligibility age 21 + 3 months of service, monthly entry; auto-enrollment 6 % after 30 days
 * (new hires); escalation +1 %/year to 10 %; match 100 % of the first 3 % + 50 % of the next 2 %
 * (= 4 % of pay whenever D ≥ 5 % of C; = D when D ≤ 3 % of C), on catch-up, with true-up;
 * default graded vesting 0,0,20,40,60,80,100 %; forfeitures reduce_employer.
 *
 * E100: born 1974-06-15 (age 49 on 2023-12-31: no catch-up in 2023; 50 on 2024-12-31 and 51 on
 * 2025-12-31: catch-up limit 7,500 both years), hired 2023-03-10 at 124,800
 * (= 12 × 10,400 = 24 × 5,200). Merit 2024-07-01 to 187,200 (= 12 × 15,600 = 24 × 7,800).
 * Rate change to 40 % pre-tax 2024-08-01. Voluntary termination 2025-03-31.
 *
 * Dates (§4, §5, readings 3, 17):
 *   requirements met = 2023-03-10 + 3 months = 2023-06-10 (age 48 ≥ 21);
 *   eligibility = first of a month on/after = 2023-07-01 (reason age_and_service);
 *   auto-enrollment = 2023-07-01 + 30 days = 2023-07-31 at 6 %.
 *   2024-01-01: escalation 6 % → 7 %. 2025-01-01: 40 % ≥ cap 10 % → no escalation.
 *
 * 2023 monthly: paid 03-31..12-31 (10 × 10,400 = 104,000 gross). Deferring on pay dates ≥ 07-31:
 *   07-31..12-31 = 6 periods × 6 % × 10,400 = 6 × 624 = 3,744; match 6 × 4 % × 10,400 = 6 × 416 = 2,496.
 *   True-up: C (pay dates ≥ 07-01 while match-eligible) = 6 × 10,400 = 62,400; D = 3,744 ≥ 5 % →
 *   4 % × 62,400 = 2,496 = paid → no true-up.
 * 2023 semimonthly: paid 03-15..12-31 (20 × 5,200 = 104,000 gross). Deferring 07-31..12-31 =
 *   11 periods × 312 = 3,432; match 11 × 208 = 2,288.
 *   True-up: C = pay dates ≥ 07-01 = 07-15..12-31 = 12 × 5,200 = 62,400 (07-15 was match-eligible
 *   but not yet enrolled); D = 3,432 = 5.5 % of C → formula 1,872 + 50 % × 1,248 = 2,496;
 *   true-up = 2,496 − 2,288 = 208.00 dated 2023-12-31.
 *
 * 2024 (402(g) 23,000; catch-up 7,500; HCE test: 2023 gross 104,000 ≤ 150,000 → not HCE):
 *   monthly:  Jan-Jun 10,400 × 7 % = 728 (×6 = 4,368), match 416 (×6 = 2,496)
 *             Jul 15,600 × 7 % = 1,092 (YTD 5,460), match 624
 *             Aug 15,600 × 40 % = 6,240 (YTD 11,700), Sep 6,240 (YTD 17,940)
 *             Oct 6,240: room 23,000 − 17,940 = 5,060 pre-tax (402(g) reached 10-31), 1,180 catch-up
 *             Nov 6,240 catch-up (YTD 7,420); Dec catch-up room 80 → 80, 6,160 not deferred
 *             (irsLimitApplied on Dec 31's catch-up and match)
 *             match Aug-Nov 4 % × 15,600 = 624 each; Dec D = 80 < 3 % × 15,600 → match 80
 *             match paid = 2,496 + 5 × 624 + 80 = 5,696.
 *   semimonthly: Jan-Jun 12 × 364 (4,368), match 12 × 208 (2,496); Jul 2 × 546 (YTD 5,460), match 2 × 312
 *             08-15..10-15: 5 × 3,120 (YTD 21,060); 10-31: 1,940 pre-tax (402(g) reached 10-31) +
 *             1,180 catch-up; 11-15 and 11-30: 3,120 catch-up (YTD 7,420); 12-15: 80 catch-up
 *             (irsLimitApplied), 12-31: nothing deferred, no match.
 *             match 08-15..11-30 = 8 × 312; 12-15 D = 80 → 80; paid = 2,496 + 624 + 2,496 + 80 = 5,696.
 *   Both: C = 6 × 10,400 + 6 × 15,600 = 156,000 (gross too); D = 30,500 ≥ 5 % → formula 4 % = 6,240;
 *   true-up = 6,240 − 5,696 = 544.00 on 2024-12-31. 415(c): 23,000 + 5,696 + 544 ≪ 69,000.
 *
 * 2025 (2024 gross 156,000 > 414(q)(2024) 155,000 → HCE): 40 % × 15,600 = 6,240 monthly
 *   (Jan-Mar: 18,720 < 23,500), 3,120 semimonthly (6 periods, 18,720); match 624 (×3) / 312 (×6).
 *
 * Vesting: 2024-03-10 = 1 year → 0 % (unchanged, no event). 2025-03-10 = 2 years → 20 %: event.
 *   monthly balances then: match 2,496 + 5,696 + 2 × 624 = 9,440 → vested 1,888.00; true-up 544 → 108.80
 *   semimonthly: match 2,288 + 5,696 + 4 × 312 = 9,232 → 1,846.40; true-up 208 + 544 = 752 → 150.40
 * Termination 2025-03-31 (2 years, 20 %):
 *   monthly: match 2,496 + 5,696 + 1,872 = 10,064 → vested 2,012.80, forfeited 8,051.20;
 *            true-up 544 → vested 108.80, forfeited 435.20
 *   semimonthly: match 2,288 + 5,696 + 1,872 = 9,856 → vested 1,971.20, forfeited 7,884.80;
 *            true-up 752 → vested 150.40, forfeited 601.60
 *
 * Plan-level ADP / ACP (reading 15; E900 is eligible all along, never defers, NHCE every year):
 *   2023: E100 was hired in 2023 → NHCE; denominator = pay while eligible = 62,400 (both frequencies).
 *     ADR E100 monthly 3,744 / 62,400 = 600 bp; semimonthly 3,432 / 62,400 = 550 bp; E900 0.
 *     NHCE avg monthly 300 → limit max(375, min(600, 500)) = 500; semimonthly 275 → max(343.75, min(550, 475)) = 475.
 *     ACR E100 (match + true-up) 2,496 / 62,400 = 400 bp (both) → avg 200 → limit max(250, min(400, 400)) = 400.
 *     No HCE → HCE average 0, passes, no refunds.
 *   2024: E100 still NHCE (2023 pay 104,000). ADR 23,000 / 156,000 = 1474.36 → 1474; avg (1474 + 0) / 2 = 737;
 *     limit max(921.25, min(1474, 937)) = 937. ACR 6,240 / 156,000 = 400 → avg 200, limit 400. Both pass.
 *   2025: E100 is HCE and, terminated 03-31, still in the population (eligible on a day of 2025).
 *     ADR 18,720 / 46,800 (3 months × 15,600) = 4000 bp; NHCE (E900) average 0 → limit max(0, min(0, 200)) = 0.
 *     Fails; E100 leveled to 0 % → excess and refund = all 18,720.00 of regular deferrals.
 *     ACR 1,872 / 46,800 = 400 bp vs limit 0 → fails, refund 1,872.00 (reported only).
 */
import { expect } from 'chai';
import { simulateScriptedJson } from '../../../engine/scripted.js';
import {
  amounts, compliance, contributions, dateOf, dates, forEmployee, inYear, kinds, loadScenario, ofType,
  payload, planLevel, sumCents, times, withFrequency, type Ev,
} from './helpers.js';

interface YearExpect {
  preTax: string[]; catchUp: string[]; match: string[]; trueUp: string[];
}
interface Case {
  y2023: YearExpect; y2024: YearExpect; y2025: YearExpect;
  firstDeferral2023: string;
  ytd2023: { preTax: string; match: string };
  catchUpDates2024: string[];
  limitAppliedDate2024: string;
  anniversaryVested: Record<string, string>;
  terminationVested: Record<string, string>;
  forfeited: { employer_match: string; employer_match_true_up: string };
  adp2023: { nhceAverage: string; limit: string };
}

const CASES: Record<'monthly' | 'semimonthly', Case> = {
  monthly: {
    y2023: { preTax: times(6, '624.00'), catchUp: [], match: times(6, '416.00'), trueUp: [] },
    y2024: {
      preTax: [...times(6, '728.00'), '1092.00', '6240.00', '6240.00', '5060.00'],
      catchUp: ['1180.00', '6240.00', '80.00'],
      match: [...times(6, '416.00'), ...times(5, '624.00'), '80.00'],
      trueUp: ['544.00'],
    },
    y2025: { preTax: times(3, '6240.00'), catchUp: [], match: times(3, '624.00'), trueUp: [] },
    firstDeferral2023: '2023-07-31',
    ytd2023: { preTax: '3744.00', match: '2496.00' },
    catchUpDates2024: ['2024-10-31', '2024-11-30', '2024-12-31'],
    limitAppliedDate2024: '2024-12-31',
    anniversaryVested: { employer_match: '1888.00', employer_match_true_up: '108.80' },
    terminationVested: { employer_match: '2012.80', employer_match_true_up: '108.80' },
    forfeited: { employer_match: '8051.20', employer_match_true_up: '435.20' },
    adp2023: { nhceAverage: '0.0300', limit: '0.0500' },
  },
  semimonthly: {
    y2023: { preTax: times(11, '312.00'), catchUp: [], match: times(11, '208.00'), trueUp: ['208.00'] },
    y2024: {
      preTax: [...times(12, '364.00'), '546.00', '546.00', ...times(5, '3120.00'), '1940.00'],
      catchUp: ['1180.00', '3120.00', '3120.00', '80.00'],
      match: [...times(12, '208.00'), ...times(10, '312.00'), '80.00'],
      trueUp: ['544.00'],
    },
    y2025: { preTax: times(6, '3120.00'), catchUp: [], match: times(6, '312.00'), trueUp: [] },
    firstDeferral2023: '2023-07-31',
    ytd2023: { preTax: '3432.00', match: '2288.00' },
    catchUpDates2024: ['2024-10-31', '2024-11-15', '2024-11-30', '2024-12-15'],
    limitAppliedDate2024: '2024-12-15',
    anniversaryVested: { employer_match: '1846.40', employer_match_true_up: '150.40' },
    terminationVested: { employer_match: '1971.20', employer_match_true_up: '150.40' },
    forfeited: { employer_match: '7884.80', employer_match_true_up: '601.60' },
    adp2023: { nhceAverage: '0.0275', limit: '0.0475' },
  },
};

for (const [frequency, c] of Object.entries(CASES)) {
  describe(`golden life: full story of E100 (${frequency})`, () => {
    let all: Ev[] = [];
    let mine: Ev[] = [];
    before(() => {
      all = simulateScriptedJson(withFrequency(loadScenario('full-story.json'), frequency as 'monthly'));
      mine = forEmployee(all, 'E100');
    });

    it('has unique event ids and increasing sequence numbers; E100 events are in date order', () => {
      const ids = all.map((e) => e['eventId']);
      expect(new Set(ids).size).to.equal(all.length);
      const seqs = all.map((e) => Number(e['sequence']));
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]! > seqs[i - 1]!, `sequence at ${i}`).to.equal(true);
      const ds = dates(mine);
      expect([...ds].sort()).to.deep.equal(ds);
    });

    it('is eligible on 2023-07-01 (3 months to 06-10, next monthly entry) and auto-enrolled 30 days later', () => {
      const hire = ofType(mine, 'hire');
      expect(hire).to.have.length(1);
      expect(dateOf(hire[0]!)).to.equal('2023-03-10');
      const elig = ofType(mine, 'eligibility');
      expect(elig).to.have.length(1);
      expect(dateOf(elig[0]!)).to.equal('2023-07-01');
      expect(payload(elig[0]!)).to.include({ eligible: true, eligibilityDate: '2023-07-01', reason: 'age_and_service' });
      const enr = ofType(mine, 'enrollment');
      expect(enr).to.have.length(1);
      expect(dateOf(enr[0]!)).to.equal('2023-07-31');
      expect(payload(enr[0]!)).to.include({
        enrollmentDate: '2023-07-31', preTaxRate: '0.0600', rothRate: '0.0000', enrollmentSource: 'auto',
      });
    });

    it('2023: 6 % deferrals and 4 % match from the auto-enrollment date; true-up only for the match-eligible gap', () => {
      const pre = contributions(all, 'E100', 'employee_pre_tax', 2023);
      expect(amounts(pre)).to.deep.equal(c.y2023.preTax);
      expect(dateOf(pre[0]!)).to.equal(c.firstDeferral2023);
      expect(payload(pre.at(-1)!)['ytdAmount']).to.equal(c.ytd2023.preTax);
      const match = contributions(all, 'E100', 'employer_match', 2023);
      expect(amounts(match)).to.deep.equal(c.y2023.match);
      expect(payload(match.at(-1)!)['ytdAmount']).to.equal(c.ytd2023.match);
      expect(amounts(contributions(all, 'E100', 'employee_catch_up', 2023))).to.deep.equal([]);
      const tu = contributions(all, 'E100', 'employer_match_true_up', 2023);
      expect(amounts(tu)).to.deep.equal(c.y2023.trueUp);
      for (const e of tu) expect(dateOf(e)).to.equal('2023-12-31');
      expect(compliance(inYear(mine, 2023), 'catch_up_eligible')).to.have.length(0);
    });

    it('2024-01-01: not HCE (104,000 ≤ 150,000), escalated 6 % → 7 %, catch-up eligible, in that order', () => {
      const jan1 = mine.filter((e) => dateOf(e) === '2024-01-01');
      expect(kinds(jan1)).to.deep.equal(['hce_status', 'enrollment_change:auto_escalation', 'compliance:catch_up_eligible']);
      expect(payload(jan1[0]!)).to.include({
        determinationMethod: 'prior_year', priorYearCompensation: '104000.00', hceThreshold: '150000.00', isHce: false,
      });
      expect(payload(jan1[1]!)).to.include({
        newPreTaxRate: '0.0700', newRothRate: '0.0000', previousPreTaxRate: '0.0600', previousRothRate: '0.0000',
      });
      expect(payload(jan1[2]!)['applicableLimit']).to.equal('7500.00');
    });

    it('2024: merit and 40 % election run into 402(g) on 10-31, then catch-up is exhausted', () => {
      const pre = contributions(all, 'E100', 'employee_pre_tax', 2024);
      expect(amounts(pre)).to.deep.equal(c.y2024.preTax);
      expect(sumCents(pre)).to.equal(2_300_000);
      expect(payload(pre.at(-1)!)['ytdAmount']).to.equal('23000.00');
      expect(dateOf(pre.at(-1)!)).to.equal('2024-10-31');

      const cu = contributions(all, 'E100', 'employee_catch_up', 2024);
      expect(amounts(cu)).to.deep.equal(c.y2024.catchUp);
      expect(dates(cu)).to.deep.equal(c.catchUpDates2024);
      expect(sumCents(cu)).to.equal(750_000);
      expect(payload(cu.at(-1)!)['ytdAmount']).to.equal('7500.00');

      const match = contributions(all, 'E100', 'employer_match', 2024);
      expect(amounts(match)).to.deep.equal(c.y2024.match);
      expect(sumCents(match)).to.equal(569_600);
      expect(payload(match.at(-1)!)['ytdAmount']).to.equal('5696.00');

      const g = compliance(mine, '402g_limit_reached');
      expect(g).to.have.length(1);
      expect(dateOf(g[0]!)).to.equal('2024-10-31');
      expect(payload(g[0]!)).to.include({ applicableLimit: '23000.00', currentAmount: '23000.00' });
      expect(kinds(mine.filter((e) => dateOf(e) === '2024-10-31'))).to.deep.equal([
        'contribution:employee_pre_tax', 'contribution:employee_catch_up', 'contribution:employer_match',
        'compliance:402g_limit_reached',
      ]);
      expect(compliance(mine, '415c_limit_reached')).to.have.length(0);
    });

    it('2024: irsLimitApplied only on the period whose deferral exceeded 402(g) + catch-up', () => {
      const flagged = ofType(mine, 'contribution').filter((e) => payload(e)['irsLimitApplied'] === true);
      expect(flagged.map((e) => `${dateOf(e)} ${String(payload(e)['source'])}`)).to.deep.equal([
        `${c.limitAppliedDate2024} employee_catch_up`,
        `${c.limitAppliedDate2024} employer_match`,
      ]);
    });

    it('2024-12-31: match true-up of 544.00 (4 % × 156,000 − 5,696), after the period contributions', () => {
      const tu = contributions(all, 'E100', 'employer_match_true_up', 2024);
      expect(amounts(tu)).to.deep.equal(c.y2024.trueUp);
      expect(dateOf(tu[0]!)).to.equal('2024-12-31');
      expect(payload(tu[0]!)['ytdAmount']).to.equal('544.00');
      const dec31 = kinds(mine.filter((e) => dateOf(e) === '2024-12-31'));
      expect(dec31.at(-1)).to.equal('contribution:employer_match_true_up');
    });

    it('2025-01-01: HCE (156,000 > 155,000), no escalation at 40 %, catch-up eligible', () => {
      const jan1 = mine.filter((e) => dateOf(e) === '2025-01-01');
      expect(kinds(jan1)).to.deep.equal(['hce_status', 'compliance:catch_up_eligible']);
      expect(payload(jan1[0]!)).to.include({ priorYearCompensation: '156000.00', hceThreshold: '155000.00', isHce: true });
      expect(ofType(mine, 'enrollment_change').filter((e) => payload(e)['changeType'] === 'auto_escalation'))
        .to.have.length(1);
    });

    it('2025: deferrals and match until the termination date only', () => {
      expect(amounts(contributions(all, 'E100', 'employee_pre_tax', 2025))).to.deep.equal(c.y2025.preTax);
      expect(amounts(contributions(all, 'E100', 'employer_match', 2025))).to.deep.equal(c.y2025.match);
      expect(contributions(all, 'E100', 'employee_catch_up', 2025)).to.have.length(0);
      expect(contributions(all, 'E100', 'employer_match_true_up', 2025)).to.have.length(0);
      expect(payload(contributions(all, 'E100', 'employee_pre_tax', 2025).at(-1)!)['ytdAmount']).to.equal('18720.00');
    });

    it('vests 20 % on the second anniversary (2025-03-10) and nothing on the first', () => {
      const v = ofType(mine, 'vesting');
      expect(dates(v)).to.deep.equal(['2025-03-10', '2025-03-31']);
      expect(Number(payload(v[0]!)['yearsOfService'])).to.equal(2);
      expect(payload(v[0]!)['vestedPercentages']).to.deep.equal({ employer_match: '0.2000', employer_match_true_up: '0.2000' });
      expect(payload(v[0]!)['sourceBalancesVested']).to.deep.equal(c.anniversaryVested);
    });

    it('terminates on 2025-03-31: last pay, then termination, vesting, forfeitures of the unvested 80 %', () => {
      const last = mine.filter((e) => dateOf(e) === '2025-03-31');
      expect(kinds(last)).to.deep.equal([
        'contribution:employee_pre_tax', 'contribution:employer_match', 'termination', 'vesting',
        'forfeiture:employer_match', 'forfeiture:employer_match_true_up',
      ]);
      const v = last[3]!;
      expect(payload(v)['vestedPercentages']).to.deep.equal({ employer_match: '0.2000', employer_match_true_up: '0.2000' });
      expect(payload(v)['sourceBalancesVested']).to.deep.equal(c.terminationVested);
      const [fm, ft] = [last[4]!, last[5]!];
      expect(payload(fm)).to.include({ amount: c.forfeited.employer_match, reason: 'unvested_termination', vestedPercentage: '0.2000' });
      expect(payload(ft)).to.include({ amount: c.forfeited.employer_match_true_up, reason: 'unvested_termination', vestedPercentage: '0.2000' });
    });

    it('emits nothing for E100 after the termination date', () => {
      expect(mine.filter((e) => dateOf(e) > '2025-03-31')).to.deep.equal([]);
    });

    it('runs ADP and ACP each Dec 31 with the mid-year entrant NHCE, then fails 2025 on the terminated HCE', () => {
      const plan = planLevel(all);
      const test = (type: string, year: number): Record<string, any> => {
        const found = compliance(plan, type).filter((e) => Number(payload(e)['planYear']) === year);
        expect(found, `${type} ${year}`).to.have.length(1);
        expect(dateOf(found[0]!)).to.equal(`${year}-12-31`);
        return payload(found[0]!);
      };
      expect(test('adp_test', 2023)).to.deep.include({ hceAverage: '0.0000', ...c.adp2023, passed: true, refunds: {} });
      expect(test('acp_test', 2023)).to.deep.include({ hceAverage: '0.0000', nhceAverage: '0.0200', limit: '0.0400', passed: true, refunds: {} });
      expect(test('adp_test', 2024)).to.deep.include({ hceAverage: '0.0000', nhceAverage: '0.0737', limit: '0.0937', passed: true, refunds: {} });
      expect(test('acp_test', 2024)).to.deep.include({ hceAverage: '0.0000', nhceAverage: '0.0200', limit: '0.0400', passed: true, refunds: {} });
      expect(test('adp_test', 2025)).to.deep.include({
        hceAverage: '0.4000', nhceAverage: '0.0000', limit: '0.0000', passed: false, refunds: { E100: '18720.00' },
      });
      expect(test('acp_test', 2025)).to.deep.include({
        hceAverage: '0.0400', nhceAverage: '0.0000', limit: '0.0000', passed: false, refunds: { E100: '1872.00' },
      });
    });

    it('never auto-enrolls the census bystander under scope new_hires', () => {
      const bystander = forEmployee(all, 'E900');
      // E900 hired 2015-01-01: 3 months → 2015-04-01, already a first of a month → eligibility date
      // 2015-04-01 (≠ hire date: age_and_service), event dated max(that, start) = 2023-01-01 (reading 3).
      const elig = ofType(bystander, 'eligibility');
      expect(elig.map(dateOf)).to.deep.equal(['2023-01-01']);
      expect(payload(elig[0]!)).to.include({ eligibilityDate: '2015-04-01', reason: 'age_and_service' });
      expect(ofType(bystander, 'enrollment')).to.have.length(0);
      expect(ofType(bystander, 'contribution')).to.have.length(0);
    });
  });
}

/**
 * Variant: the same life with `match.onCatchUp: false` (match on regular deferrals only, §6.2).
 * 2024 monthly: Jan-Jun 416 × 6; Jul-Sep 624 × 3; Oct D = 5,060 regular (≥ 5 % × 15,600 = 780) → 624;
 *   Nov-Dec regular 0 → no match. Paid 2,496 + 4 × 624 = 4,992.
 * 2024 semimonthly: 208 × 12; 312 × 2 (Jul); 08-15 … 10-15 312 × 5; 10-31 D = 1,940 (≥ 390) → 312;
 *   then nothing. Paid 2,496 + 624 + 6 × 312 = 4,992.
 * True-up (reading 14, D regular only): 23,000 ≥ 5 % × 156,000 → 6,240 − 4,992 = 1,248.00 in both.
 */
describe('golden life: full story with match.onCatchUp false', () => {
  const expected = {
    monthly: [...times(6, '416.00'), ...times(4, '624.00')],
    semimonthly: [...times(12, '208.00'), ...times(8, '312.00')],
  } as const;
  for (const [frequency, match] of Object.entries(expected)) {
    it(`${frequency}: no match on catch-up, 1,248.00 trued up on 2024-12-31`, () => {
      const s = withFrequency(loadScenario('full-story.json'), frequency as 'monthly');
      s['plan']['match']['onCatchUp'] = false;
      const all = simulateScriptedJson(s);
      expect(amounts(contributions(all, 'E100', 'employer_match', 2024))).to.deep.equal([...match]);
      const tu = contributions(all, 'E100', 'employer_match_true_up', 2024);
      expect(amounts(tu)).to.deep.equal(['1248.00']);
      expect(dateOf(tu[0]!)).to.equal('2024-12-31');
      expect(sumCents(contributions(all, 'E100', 'employee_catch_up', 2024))).to.equal(750_000);
    });
  }
});
