import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import {
  DEFAULT_PLAN,
  PlanDesignCodec,
  decodePlanDesign,
  encodePlanDesign,
  planDesign,
  planDesignWarnings,
  type PlanDesign,
} from '../../rules/plan-design.js';

const ids = { planId: 'p1', planDesignId: 'd1' };

function ok(json: Record<string, unknown>): PlanDesign {
  const r = decodePlanDesign({ ...ids, ...json });
  if (isLeft(r)) throw new Error(`expected a valid design, got:\n${r.left.join('\n')}`);
  return r.right;
}

function errors(json: unknown): readonly string[] {
  const r = decodePlanDesign(json);
  if (isRight(r)) throw new Error('expected the design to be refused');
  return r.left;
}
const errorsOf = (json: Record<string, unknown>): readonly string[] => errors({ ...ids, ...json });

describe('rules/plan-design', () => {
  describe('defaults (RULES.md)', () => {
    it('fills every field RULES.md names with its default', () => {
      const e = { minAge: 21, serviceMonths: 0, entry: 'immediate' };
      expect(ok({})).to.deep.equal({
        ...ids,
        payroll: { frequency: 'biweekly' },
        eligibility: e,
        vesting: { type: 'immediate' },
        autoEnrollment: { enabled: false, defaultRate: 600, windowDays: 30, scope: 'new_hires' },
        autoEscalation: { enabled: false, step: 100, cap: 1000, autoEnrolledOnly: false },
        match: { tiers: [], serviceTiers: [], capRate: null, onCatchUp: true, trueUp: false, eligibility: e, vesting: { type: 'immediate' } },
        core: { rate: 0, byService: [], byAge: [], eligibility: e, vesting: { type: 'immediate' } },
        forfeitures: { use: 'reduce_employer' },
        safeHarbor: false,
        catchUp: { enabled: true },
        limits: { indexRate: 0, overrides: {} },
      });
    });

    it('match and core take the plan eligibility and vesting unless they give their own', () => {
      const p = ok({
        eligibility: { minAge: 18, serviceMonths: 3, entry: 'quarterly' },
        vesting: { type: 'cliff' },
        match: { eligibility: { serviceMonths: 12 } },
        core: { vesting: { type: 'graded' } },
      });
      expect(p.match.eligibility).to.deep.equal({ minAge: 18, serviceMonths: 12, entry: 'quarterly' });
      expect(p.core.eligibility).to.deep.equal({ minAge: 18, serviceMonths: 3, entry: 'quarterly' });
      expect(p.match.vesting).to.deep.equal({ type: 'cliff', years: 3 });
      expect(p.core.vesting).to.deep.equal({ type: 'graded', schedule: [0, 0, 2000, 4000, 6000, 8000, 10000] });
    });

    it('DEFAULT_PLAN and planDesign() are the defaults with placeholder ids, deeply frozen', () => {
      expect(DEFAULT_PLAN.planId).to.equal('plan');
      expect(DEFAULT_PLAN.planDesignId).to.equal('default');
      expect(Object.isFrozen(DEFAULT_PLAN.match.tiers)).to.equal(true);
      const p = planDesign({ match: { tiers: [{ upTo: '0.03', rate: '1' }] } });
      expect(Object.isFrozen(p.match.tiers[0])).to.equal(true);
      expect(() => planDesign({ match: { tiers: 3 } })).to.throw(TypeError, 'match.tiers: must be an array, got 3');
    });
  });

  describe('interchange units', () => {
    it('reads rates as decimal fractions, strings or numbers, into basis points', () => {
      const p = ok({
        match: { tiers: [{ upTo: '0.03', rate: '1.00' }, { upTo: 0.05, rate: 0.5 }] },
        autoEnrollment: { enabled: true, defaultRate: '0.0400' },
      });
      expect(p.match.tiers).to.deep.equal([{ upTo: 300, rate: 10000 }, { upTo: 500, rate: 5000 }]);
      expect(p.autoEnrollment.defaultRate).to.equal(400);
    });

    it('reads limit overrides as money into cents', () => {
      const p = ok({ limits: { indexRate: '0.025', overrides: { '2027': { electiveDeferral: '25000', catchUp: 8500.5 } } } });
      expect(p.limits).to.deep.equal({ indexRate: 250, overrides: { '2027': { electiveDeferral: 2_500_000, catchUp: 850_050 } } });
    });

    it('reads the extensions: capRate, serviceTiers, byService, byAge, catchUp.enabled', () => {
      const p = ok({
        match: {
          tiers: [{ upTo: '0.03', rate: '0.5' }],
          serviceTiers: [{ minYears: 5, tiers: [{ upTo: '0.06', rate: '1' }] }],
          capRate: '0.04',
        },
        core: { rate: '0.02', byService: [{ minYears: 0, rate: '0.02' }, { minYears: 10, rate: '0.04' }] },
        catchUp: { enabled: false },
      });
      expect(p.match.serviceTiers).to.deep.equal([{ minYears: 5, tiers: [{ upTo: 600, rate: 10000 }] }]);
      expect(p.match.capRate).to.equal(400);
      expect(p.core.byService).to.deep.equal([{ minYears: 0, rate: 200 }, { minYears: 10, rate: 400 }]);
      expect(p.catchUp.enabled).to.equal(false);
      expect(ok({ core: { byAge: [{ minAge: 50, rate: '0.05' }] } }).core.byAge).to.deep.equal([{ minAge: 50, rate: 500 }]);
    });
  });

  describe('rejections name the field and the reason', () => {
    it('match tiers whose upTo does not increase', () => {
      expect(errorsOf({ match: { tiers: [{ upTo: '0.03', rate: '1' }, { upTo: '0.03', rate: '0.5' }] } })).to.deep.equal([
        "match.tiers.1.upTo: must be greater than the previous tier's upTo (0.0300)",
      ]);
      expect(errorsOf({ match: { tiers: [{ upTo: '0', rate: '1' }] } })).to.deep.equal(['match.tiers.0.upTo: must be greater than 0']);
    });

    it('a rate over 100 %, a negative rate, too many decimals', () => {
      expect(errorsOf({ core: { rate: '1.5' } })).to.deep.equal(['core.rate: must be at most 1 (100 %), got "1.5"']);
      expect(errorsOf({ match: { tiers: [{ upTo: 0.03, rate: -1 }] } })).to.deep.equal(['match.tiers.0.rate: must not be negative, got -1']);
      expect(errorsOf({ autoEnrollment: { defaultRate: '0.06001' } })).to.deep.equal([
        'autoEnrollment.defaultRate: "0.06001" has 5 decimals; a rate allows at most 4',
      ]);
    });

    it('a graded schedule that decreases or never reaches 100 %', () => {
      expect(errorsOf({ vesting: { type: 'graded', schedule: ['0', '0.5', '0.4', '1'] } })).to.deep.equal([
        "vesting.schedule.2: must not be below the previous year's rate (0.5000)",
      ]);
      expect(errorsOf({ vesting: { type: 'graded', schedule: ['0', '0.2', '0.4', '0.6', '0.8'] } })).to.deep.equal([
        'vesting.schedule: must reach 1 (100 %): the last entry holds for longer service, got 0.8000',
      ]);
    });

    it('a cliff longer than 3 years and a graded schedule slower than 2-6 (ERISA: rejected)', () => {
      expect(errorsOf({ match: { vesting: { type: 'cliff', years: 4 } } })).to.deep.equal([
        'match.vesting.years: a cliff of 4 years is longer than ERISA allows (at most 3 years, ERISA §203(a)(2)(B)(ii))',
      ]);
      // 3-7 graded: 20 % after 3 years is below the 2-6 minimum of 40 % after 3 years, and it is not 100 % by year 3.
      expect(errorsOf({ core: { vesting: { type: 'graded', schedule: ['0', '0', '0', '0.2', '0.4', '0.6', '0.8', '1'] } } })).to.deep.equal([
        'core.vesting.schedule.2: 0.0000 after 2 years of service is slower than ERISA allows ' +
          '(2-6 graded minimum 0.2000, or 100 % after 3 years; ERISA §203(a)(2)(B))',
      ]);
    });

    it('accepts schedules that meet either ERISA minimum', () => {
      expect(ok({ vesting: { type: 'cliff', years: 3 } }).vesting).to.deep.equal({ type: 'cliff', years: 3 });
      expect(ok({ vesting: { type: 'graded', schedule: ['0', '0', '0', '1'] } }).vesting).to.deep.equal({ type: 'graded', schedule: [0, 0, 0, 10000] });
      expect(ok({ vesting: { type: 'graded', schedule: ['0', '0.25', '0.5', '0.75', '1'] } }).vesting.type).to.equal('graded');
    });

    it('unknown fields anywhere, and fields of another vesting type', () => {
      expect(errorsOf({ matchTiers: [], match: { tier: [] }, vesting: { type: 'immediate', years: 2 } })).to.deep.equal([
        'matchTiers: unknown field',
        'vesting.years: not a field of an immediate schedule',
        'match.tier: unknown field',
      ]);
    });

    it('missing ids, wrong types and enums, all at once', () => {
      expect(errors({ payroll: { frequency: 'daily' }, safeHarbor: 'yes', eligibility: { minAge: 20.5 } })).to.deep.equal([
        'planId: required',
        'planDesignId: required',
        'eligibility.minAge: must be a whole number, got 20.5',
        'payroll.frequency: must be one of weekly, biweekly, semimonthly, monthly, got "daily"',
        'safeHarbor: must be true or false, got "yes"',
      ]);
      expect(errors([])).to.deep.equal(['(root): must be an object, got an array']);
    });

    it('byService and byAge together, and scales whose thresholds do not increase', () => {
      expect(errorsOf({ core: { byService: [{ minYears: 1, rate: '0.03' }], byAge: [{ minAge: 50, rate: '0.04' }] } })).to.deep.equal([
        'core: give byService or byAge, not both (a core rate is graded by one of service or age)',
      ]);
      expect(
        errorsOf({ match: { serviceTiers: [{ minYears: 5, tiers: [] }, { minYears: 5, tiers: [{ upTo: '0.04', rate: '2' }] }] } }),
      ).to.deep.equal([
        "match.serviceTiers.1.minYears: must be greater than the previous entry's minYears (5)",
        'match.serviceTiers.1.tiers.0.rate: must be at most 1 (100 %), got "2"',
      ]);
    });

    it('bad limit overrides', () => {
      expect(errorsOf({ limits: { indexRate: '-0.01', overrides: { '27': {}, '2027': { deferral: '1', catchUp: '1.005' } } } })).to.deep.equal([
        'limits.indexRate: must not be negative, got "-0.01"',
        'limits.overrides.27: must be a calendar year such as "2027"',
        'limits.overrides.2027.deferral: unknown field',
        'limits.overrides.2027.catchUp: "1.005" has 3 decimals; money allows at most 2',
      ]);
    });
  });

  describe('encoding', () => {
    const rich = {
      ...ids,
      name: 'Rich plan',
      payroll: { frequency: 'semimonthly' },
      vesting: { type: 'graded', schedule: ['0', '0.2', '0.4', '0.6', '0.8', '1'] },
      autoEnrollment: { enabled: true, defaultRate: 0.03, scope: 'all_eligible' },
      autoEscalation: { enabled: true, cap: '0.15' },
      match: {
        tiers: [{ upTo: '0.03', rate: '1' }, { upTo: '0.05', rate: '0.5' }],
        serviceTiers: [{ minYears: 3, tiers: [{ upTo: '0.06', rate: '1' }] }],
        capRate: '0.04',
        trueUp: true,
        vesting: { type: 'cliff', years: 2 },
      },
      core: { rate: '0.03', byAge: [{ minAge: 40, rate: '0.04' }] },
      forfeitures: { use: 'reallocate' },
      limits: { indexRate: '0.025', overrides: { '2030': { hceThreshold: '170000' } } },
    };

    it('writes canonical interchange: every field, rates with 4 decimals, money with 2', () => {
      const enc = encodePlanDesign(ok(rich)) as Record<string, Record<string, unknown>>;
      expect(enc['match']).to.deep.equal({
        tiers: [{ upTo: '0.0300', rate: '1.0000' }, { upTo: '0.0500', rate: '0.5000' }],
        serviceTiers: [{ minYears: 3, tiers: [{ upTo: '0.0600', rate: '1.0000' }] }],
        capRate: '0.0400',
        onCatchUp: true,
        trueUp: true,
        eligibility: { minAge: 21, serviceMonths: 0, entry: 'immediate' },
        vesting: { type: 'cliff', years: 2 },
      });
      expect(enc['limits']).to.deep.equal({ indexRate: '0.0250', overrides: { '2030': { hceThreshold: '170000.00' } } });
      expect(enc['name']).to.equal('Rich plan');
    });

    it('decode → encode → decode is stable', () => {
      for (const json of [{ ...ids }, rich]) {
        const once = ok(json);
        const enc = encodePlanDesign(once);
        expect(decodePlanDesign(enc)).to.deep.equal({ _tag: 'Right', right: once });
        expect(encodePlanDesign(ok(enc as Record<string, unknown>))).to.deep.equal(enc);
      }
    });

    it('PlanDesignCodec decodes, encodes and guards', () => {
      const v = PlanDesignCodec.decode({ ...ids, core: { rate: '2' } });
      expect(isLeft(v) && v.left.map((e) => e.message)).to.deep.equal(['core.rate: must be at most 1 (100 %), got "2"']);
      const p = ok(rich);
      expect(PlanDesignCodec.encode(p)).to.deep.equal(encodePlanDesign(p));
      expect(PlanDesignCodec.is(p)).to.equal(true);
      expect(PlanDesignCodec.is(rich)).to.equal(false);
    });
  });

  describe('planDesignWarnings', () => {
    it('warns on eligibility beyond ERISA §202 and safe harbor contributions that are not fully vested', () => {
      expect(planDesignWarnings(DEFAULT_PLAN)).to.deep.equal([]);
      const p = planDesign({
        eligibility: { minAge: 25, serviceMonths: 12 },
        core: { rate: '0.03', vesting: { type: 'cliff', years: 2 }, eligibility: { serviceMonths: 24 } },
        safeHarbor: true,
      });
      expect(planDesignWarnings(p)).to.deep.equal([
        'eligibility.minAge: 25 is above the ERISA §202(a)(1) maximum of 21',
        'match.eligibility.minAge: 25 is above the ERISA §202(a)(1) maximum of 21',
        'core.eligibility.minAge: 25 is above the ERISA §202(a)(1) maximum of 21',
        'core.eligibility.serviceMonths: 24 months is above the ERISA §202(a)(1) maximum of 12 unless the contributions vest immediately',
        'core.vesting: safe harbor contributions must be 100 % vested immediately (a QACA may use a 2-year cliff); the ADP/ACP tests are still skipped',
      ]);
    });
  });
});

describe('examples/plans', () => {
  const dir = fileURLToPath(new URL('../../examples/plans/', import.meta.url));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(`${file} decodes and has no warnings`, () => {
      const r = decodePlanDesign(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      expect(isLeft(r) ? r.left : []).to.deep.equal([]);
      if (isRight(r)) expect(planDesignWarnings(r.right)).to.deep.equal([]);
    });
  }
  it('the tiered example: 100 % of 3 % + 50 % of the next 2 %, 2-6 graded, true-up', () => {
    const p = decodePlanDesign(JSON.parse(readFileSync(join(dir, 'auto-enroll-tiered.json'), 'utf8')));
    expect(isRight(p) && p.right.match.tiers).to.deep.equal([{ upTo: 300, rate: 10000 }, { upTo: 500, rate: 5000 }]);
    expect(isRight(p) && p.right.match.eligibility).to.deep.equal({ minAge: 18, serviceMonths: 12, entry: 'quarterly' });
  });
});
