import { expect } from 'chai';
import type { ScriptedEvent } from '../../actors/events/index.js';
import { syntheticCensus } from '../../engine/census/synthetic.js';
import { DEFAULT_WORKFORCE, decodeWorkforce, fromCensusRow, hiresFor, hiresNeeded, workforceYear, yearEvents } from '../../engine/workforce/index.js';
import type { WorkforceContext, WorkforceEmployee } from '../../engine/workforce/index.js';
import { planDesign } from '../../rules/plan-design.js';
import type { PlanDesign } from '../../rules/plan-design.js';
import { eligibilityDate } from '../../rules/eligibility.js';
import { isoDate } from '../../rules/calendar.js';
import type { BasisPoints, Cents } from '../../rules/units.js';

const ctxFor = (plan: PlanDesign, seed = 2026): WorkforceContext => ({ model: DEFAULT_WORKFORCE, plan, seed, startYear: 2026 });

function fromCensus(n: number, plan: PlanDesign = planDesign()): WorkforceEmployee[] {
  return syntheticCensus(n, 2026, 2026).map((r) => fromCensusRow(r, plan, 2026));
}

const byEmployee = (evs: readonly ScriptedEvent[]) => {
  const m = new Map<string, ScriptedEvent[]>();
  for (const e of evs) m.set(e.employeeId!, [...(m.get(e.employeeId!) ?? []), e]);
  return m;
};

/**
 * Plays one year's events over the employees the way the participant machine judges them
 * (CONTRACTS.md reading 18), failing on anything it would refuse; auto-enrollment is applied
 * at year end for whoever is still without an election. Returns the employees at Jan 1 next year.
 */
function playYear(ctx: WorkforceContext, year: number, employees: WorkforceEmployee[]): WorkforceEmployee[] {
  const evs = workforceYear(ctx, year, employees);
  const state = new Map(employees.map((e) => [e.employeeId, { ...e }] as [string, { -readonly [K in keyof WorkforceEmployee]: WorkforceEmployee[K] }]));
  const seenGroups = new Set<string>();
  let lastId = '';
  for (const [id, mine] of byEmployee(evs)) {
    expect(seenGroups.has(id), `${id}'s events are together`).to.equal(false);
    seenGroups.add(id);
    lastId = id;
    let previous = `${year}-01-01`;
    let terminated = false;
    for (const ev of mine) {
      const p = ev.payload;
      const what = `${id} ${p.eventType} on ${ev.effectiveDate}`;
      expect(ev.effectiveDate >= previous, `${what}: date order`).to.equal(true);
      expect(ev.effectiveDate <= `${year}-12-31`, `${what}: within the year`).to.equal(true);
      expect(terminated, `${what}: after termination`).to.equal(false);
      previous = ev.effectiveDate;
      if (p.eventType === 'hire') {
        expect(state.has(id), `${what}: second hire`).to.equal(false);
        expect(id).to.match(new RegExp(`^H${year}-\\d{6}$`));
        state.set(id, { employeeId: id, birthDate: p.birthDate, hireDate: p.hireDate, jobLevel: p.jobLevel, annualCompensation: p.annualCompensation, enrolled: false, enrollmentSource: null, preTaxRate: 0 as BasisPoints, rothRate: 0 as BasisPoints, optedOut: false });
        continue;
      }
      const e = state.get(id);
      expect(e, `${what}: unknown employee`).to.not.equal(undefined);
      if (e === undefined) continue;
      const eligible = eligibilityDate(e.birthDate, e.hireDate, ctx.plan.eligibility);
      switch (p.eventType) {
        case 'termination':
          terminated = true;
          state.delete(id);
          break;
        case 'promotion':
          expect(p.newJobLevel).to.equal(e.jobLevel + 1);
          e.jobLevel = p.newJobLevel;
          e.annualCompensation = p.newAnnualCompensation;
          break;
        case 'merit':
          e.annualCompensation = p.newCompensation;
          break;
        case 'enrollment':
          expect(e.enrolled, `${what}: already enrolled`).to.equal(false);
          expect(ev.effectiveDate >= eligible, `${what}: before eligibility ${eligible}`).to.equal(true);
          Object.assign(e, { enrolled: true, enrollmentSource: 'voluntary', preTaxRate: p.preTaxRate, rothRate: p.rothRate });
          break;
        case 'enrollment_change':
          if (p.changeType === 'rate_change') expect(e.enrolled, `${what}: not enrolled`).to.equal(true);
          if (p.changeType === 'opt_out') {
            expect(ev.effectiveDate >= eligible, `${what}: before eligibility`).to.equal(true);
            e.optedOut = true;
          }
          e.preTaxRate = p.newPreTaxRate;
          e.rothRate = p.newRothRate;
          break;
        default:
          expect.fail(`${what}: the model emits no ${p.eventType} events`);
      }
    }
  }
  expect(lastId).to.not.equal('');
  const ae = ctx.plan.autoEnrollment;
  for (const e of state.values()) {
    const inScope = ae.scope === 'all_eligible' || e.hireDate >= '2026-01-01';
    if (ae.enabled && inScope && !e.enrolled && !e.optedOut && eligibilityDate(e.birthDate, e.hireDate, ctx.plan.eligibility) <= `${year}-11-01`) {
      Object.assign(e, { enrolled: true, enrollmentSource: 'auto', preTaxRate: ae.defaultRate });
    }
  }
  return [...state.values()];
}

describe('engine/workforce', () => {
  describe('decodeWorkforce', () => {
    it('reads {} as the documented defaults and lets any field override them', () => {
      const d = decodeWorkforce({});
      expect(d._tag === 'Right' && d.right).to.deep.equal(DEFAULT_WORKFORCE);
      expect(DEFAULT_WORKFORCE.behaviour.optOut.rate).to.equal(900);
      expect(DEFAULT_WORKFORCE.behaviour.optOut.ageFactors).to.deep.equal([18_000, 11_000, 7000, 4000]);
      expect(DEFAULT_WORKFORCE.behaviour.optOut.payFactors).to.deep.equal([13_000, 10_000, 8000, 5000]);
      const o = decodeWorkforce({ merit: { cola: '0.02', date: '01-01' }, terminations: { byTenure: [{ minYears: 0, rate: 0.1 }] } });
      expect(o._tag).to.equal('Right');
      if (o._tag !== 'Right') return;
      expect(o.right.merit).to.deep.include({ cola: 200, date: { month: 1, day: 1 } });
      expect(o.right.merit.byLevel).to.deep.equal(DEFAULT_WORKFORCE.merit.byLevel);
      expect(o.right.terminations.byTenure).to.deep.equal([{ minYears: 0, rate: 1000 }]);
    });

    it('is strict and names the path of every problem', () => {
      const r = decodeWorkforce({
        growthRate: '3%',
        hiring: { levelMix: ['1'] },
        promotions: { raise: '0.10', bonus: '0.05' },
        behaviour: { optOut: { ageFactors: ['1.8', '1.1', '0.7'] } },
      });
      expect(r._tag === 'Left' && r.left).to.deep.equal([
        'workforce.growthRate: "3%" is not a decimal number',
        'workforce.hiring.levelMix: has 1 entries; needs one entry per job level 1..10',
        'workforce.promotions.bonus: unknown field',
      ]);
      const cross = decodeWorkforce({ behaviour: { optOut: { ageFactors: ['1.8', '1.1', '0.7'] } }, terminations: { byTenure: [{ minYears: 1, rate: '0.1' }] } });
      expect(cross._tag === 'Left' && cross.left).to.deep.equal([
        'workforce.terminations.byTenure.0.minYears: the first tenure band must start at 0',
        'workforce.behaviour.optOut.ageFactors: has 3 entries; needs 4, one per age band',
      ]);
      expect(decodeWorkforce(null)).to.deep.equal({ _tag: 'Left', left: ['workforce: expected an object (use {} for the documented defaults)'] });
    });
  });

  describe('the year', () => {
    const plans: [string, PlanDesign][] = [
      ['no auto-enrollment', planDesign()],
      ['auto-enrollment of new hires, quarterly entry after 3 months', planDesign({ autoEnrollment: { enabled: true }, eligibility: { serviceMonths: 3, entry: 'quarterly' } })],
      ['auto-enrollment of all eligible', planDesign({ autoEnrollment: { enabled: true, scope: 'all_eligible', windowDays: 60 } })],
    ];
    for (const [name, plan] of plans) {
      it(`emits only events the participant machine accepts, for 4 years (${name})`, () => {
        const ctx = ctxFor(plan);
        let employees = fromCensus(1500, plan);
        for (let y = 2026; y < 2030; y++) employees = playYear(ctx, y, employees);
        expect(employees.length).to.be.within(1500 * 1.03 ** 4 * 0.93, 1500 * 1.03 ** 4 * 1.07);
      });
    }

    it('is the same for the same inputs, whatever the order of the employees', () => {
      const ctx = ctxFor(planDesign({ autoEnrollment: { enabled: true } }));
      const employees = fromCensus(300);
      const a = workforceYear(ctx, 2027, employees);
      expect(workforceYear(ctx, 2027, [...employees].reverse())).to.deep.equal(a);
      expect(workforceYear(ctxFor(ctx.plan, 2027), 2027, employees)).to.not.deep.equal(a);
    });

    it('gives an employee the same workforce events under every plan design (common random numbers)', () => {
      const employees = fromCensus(300);
      const hr = (plan: PlanDesign) =>
        yearEvents(ctxFor(plan), 2027, employees).filter((e) => ['termination', 'promotion', 'merit'].includes(e.payload.eventType));
      expect(hr(planDesign({ autoEnrollment: { enabled: true } }))).to.deep.equal(hr(planDesign({ match: { tiers: [{ upTo: '0.06', rate: '0.5' }] } })));
    });

    it('terminates at the tenure-band rate × level factor, as a probability', () => {
      const n = 20_000;
      const employees: WorkforceEmployee[] = Array.from({ length: n }, (_, i) => ({
        employeeId: `T${i}`, birthDate: isoDate('1985-06-01'), hireDate: isoDate('2020-03-01'), jobLevel: 1,
        annualCompensation: 5_000_000 as Cents, enrolled: false, enrollmentSource: null, preTaxRate: 0 as BasisPoints, rothRate: 0 as BasisPoints, optedOut: false,
      }));
      const terms = yearEvents(ctxFor(planDesign()), 2026, employees).filter((e) => e.payload.eventType === 'termination');
      // 5 completed years of service → 8 %; level 1 → × 1.15: 9.2 %.
      expect(terms.length / n).to.be.closeTo(0.092, 0.006);
    });

    it('opts out after auto-enrollment at 9 % × age factor × pay factor, within the window', () => {
      const n = 20_000;
      const young = (i: number): WorkforceEmployee => ({
        employeeId: `Y${i}`, birthDate: isoDate('2000-01-01'), hireDate: isoDate('2026-01-01'), jobLevel: 1,
        annualCompensation: 4_000_000 as Cents, enrolled: false, enrollmentSource: null, preTaxRate: 0 as BasisPoints, rothRate: 0 as BasisPoints, optedOut: false,
      });
      const model = decodeWorkforce({ terminations: { byTenure: [{ minYears: 0, rate: '0' }] } });
      if (model._tag === 'Left') throw new Error(model.left.join());
      const ctx = { ...ctxFor(planDesign({ autoEnrollment: { enabled: true } })), model: model.right };
      const optOuts = yearEvents(ctx, 2026, Array.from({ length: n }, (_, i) => young(i))).filter(
        (e) => e.payload.eventType === 'enrollment_change' && e.payload.changeType === 'opt_out',
      );
      // age 26 (< 31) × 1.8, pay $40K (< $50K) × 1.3: 0.09 × 1.8 × 1.3 = 21.06 %.
      expect(optOuts.length / n).to.be.closeTo(0.2106, 0.01);
      // auto-enrollment on Jan 1 + 30 days = Jan 31; opt-outs follow within 90 days.
      for (const e of optOuts) expect(e.effectiveDate > '2026-01-31' && e.effectiveDate <= '2026-05-01').to.equal(true);
    });
  });

  describe('hiring', () => {
    it('solves for the hires that meet the growth target in expectation', () => {
      // 1000 at Jan 1, 3 % growth → 1030; 150 expected to leave → 850 stay; 180 more must stay,
      // and a hire stays with probability 0.75 → 240 hires.
      expect(hiresNeeded(ctxFor(planDesign()), 1000, 150)).to.equal(240);
      expect(hiresNeeded(ctxFor(planDesign()), 1000, 0)).to.equal(40);
      // -5 %: target 950, 850 stay, 100 more must stay → 133 hires; no hires when leavers alone reach the target.
      const shrink = decodeWorkforce({ growthRate: '-0.05' });
      if (shrink._tag === 'Left') throw new Error(shrink.left.join());
      const ctx = { ...ctxFor(planDesign()), model: shrink.right };
      expect(hiresNeeded(ctx, 1000, 150)).to.equal(133);
      expect(hiresNeeded(ctx, 1000, 60)).to.equal(13); // 940 stay: 10 more → 13
      expect(hiresNeeded(ctx, 1000, 40)).to.equal(0);
    });

    it('gives hires sortable ids, hire dates in the year, legal events, the new-hire termination rate', () => {
      const evs = hiresFor(ctxFor(planDesign()), 2027, 10_000, 1500);
      const hires = evs.filter((e) => e.payload.eventType === 'hire');
      expect(hires).to.have.length(2400);
      expect(hires[0]!.employeeId).to.equal('H2027-000001');
      expect(hires[2399]!.employeeId).to.equal('H2027-002400');
      for (const h of hires) {
        expect(h.effectiveDate >= '2027-01-01' && h.effectiveDate <= '2027-12-31').to.equal(true);
        if (h.payload.eventType === 'hire') {
          expect(h.payload.hireDate).to.equal(h.effectiveDate);
          expect(h.payload.annualCompensation % 100).to.equal(0);
        }
      }
      const terms = evs.filter((e) => e.payload.eventType === 'termination');
      expect(terms.length / 2400).to.be.closeTo(0.25, 0.03);
      const groups = byEmployee(evs);
      for (const [, mine] of groups) {
        expect(mine[0]!.payload.eventType).to.equal('hire');
        const t = mine.findIndex((e) => e.payload.eventType === 'termination');
        if (t >= 0) {
          expect(t).to.equal(mine.length - 1);
          expect(mine[t]!.effectiveDate > mine[0]!.effectiveDate).to.equal(true);
        }
      }
    });
  });
});
