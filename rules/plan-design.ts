/**
 * The plan design (RULES.md §3-§10 choices, DESIGN.md "plan"): the internal, frozen form the
 * engine reads, and its strict codec from interchange JSON (rates as decimal fractions
 * `"0.03"`, money as decimal strings). Every field has the default RULES.md gives; every
 * problem is reported as `path: reason`. The reference is docs/plan-design.md.
 */
import * as t from 'io-ts';
import { isRight, left, right, type Either } from 'fp-ts/lib/Either.js';
import { bp, formatRate, type BasisPoints } from './units.js';
import type { IrsLimitValues } from './limit-values.js';
import { Reader, join, type Json } from './plan-design/read.js';
import { encodeVesting, readVesting } from './plan-design/vesting.js';
import { encodeTiers, readCoreByAge, readCoreByService, readServiceTiers, readTiers } from './plan-design/formulas.js';
import { encodeLimits, readOverrides } from './plan-design/overrides.js';

export type PayFrequency = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly';
export type EntryFrequency = 'immediate' | 'monthly' | 'quarterly' | 'semiannual';
export interface EligibilityRules {
  readonly minAge: number;
  readonly serviceMonths: number;
  readonly entry: EntryFrequency;
}
export type VestingSchedule =
  | { readonly type: 'immediate' }
  | { readonly type: 'cliff'; readonly years: number }
  /** index = completed years of service; the last entry holds for longer service. */
  | { readonly type: 'graded'; readonly schedule: readonly BasisPoints[] };
export interface MatchTier {
  readonly upTo: BasisPoints;
  readonly rate: BasisPoints;
}
export interface ServiceMatchTiers {
  readonly minYears: number;
  readonly tiers: readonly MatchTier[];
}
export type AutoEnrollmentScope = 'new_hires' | 'all_eligible';
export type ForfeitureUse = 'reduce_employer' | 'reallocate';

export interface PlanDesign {
  readonly planId: string;
  readonly planDesignId: string;
  readonly name?: string;
  readonly payroll: { readonly frequency: PayFrequency };
  readonly eligibility: EligibilityRules;
  readonly vesting: VestingSchedule;
  readonly autoEnrollment: {
    readonly enabled: boolean;
    readonly defaultRate: BasisPoints;
    readonly windowDays: number;
    readonly scope: AutoEnrollmentScope;
  };
  readonly autoEscalation: {
    readonly enabled: boolean;
    readonly step: BasisPoints;
    readonly cap: BasisPoints;
    readonly autoEnrolledOnly: boolean;
  };
  readonly match: {
    readonly tiers: readonly MatchTier[];
    readonly serviceTiers: readonly ServiceMatchTiers[];
    readonly capRate: BasisPoints | null;
    readonly onCatchUp: boolean;
    readonly trueUp: boolean;
    readonly eligibility: EligibilityRules;
    readonly vesting: VestingSchedule;
  };
  readonly core: {
    readonly rate: BasisPoints;
    readonly byService: readonly { readonly minYears: number; readonly rate: BasisPoints }[];
    readonly byAge: readonly { readonly minAge: number; readonly rate: BasisPoints }[];
    readonly eligibility: EligibilityRules;
    readonly vesting: VestingSchedule;
  };
  readonly forfeitures: { readonly use: ForfeitureUse };
  readonly safeHarbor: boolean;
  readonly catchUp: { readonly enabled: boolean };
  readonly limits: {
    readonly indexRate: BasisPoints;
    readonly overrides: Readonly<Record<string, Partial<IrsLimitValues>>>;
  };
}

export const PAY_FREQUENCIES: readonly PayFrequency[] = ['weekly', 'biweekly', 'semimonthly', 'monthly'];
export const ENTRY_FREQUENCIES: readonly EntryFrequency[] = ['immediate', 'monthly', 'quarterly', 'semiannual'];
const SCOPES: readonly AutoEnrollmentScope[] = ['new_hires', 'all_eligible'];
const FORFEITURE_USES: readonly ForfeitureUse[] = ['reduce_employer', 'reallocate'];

/** RULES.md §4 defaults. */
export const DEFAULT_ELIGIBILITY: EligibilityRules = Object.freeze({ minAge: 21, serviceMonths: 0, entry: 'immediate' });

const TOP = [
  'planId', 'planDesignId', 'name', 'payroll', 'eligibility', 'vesting', 'autoEnrollment', 'autoEscalation',
  'match', 'core', 'forfeitures', 'safeHarbor', 'catchUp', 'limits',
] as const;

function readEligibility(rd: Reader, value: unknown, path: string, base: EligibilityRules): EligibilityRules {
  if (value === undefined) return base;
  const o = rd.object(value, path, ['minAge', 'serviceMonths', 'entry']);
  if (o === undefined) return base;
  return Object.freeze({
    minAge: rd.integer(o, 'minAge', path, base.minAge, 0, 100),
    serviceMonths: rd.integer(o, 'serviceMonths', path, base.serviceMonths, 0, 600),
    entry: rd.oneOf(o, 'entry', path, ENTRY_FREQUENCIES, base.entry),
  });
}

function vestingOf(rd: Reader, o: Json, path: string, base: VestingSchedule): VestingSchedule {
  const v = o['vesting'];
  return v === undefined ? base : (readVesting(rd, v, join(path, 'vesting')) ?? base);
}

function readPlan(json: unknown): { errors: readonly string[]; plan: PlanDesign | undefined } {
  const rd = new Reader();
  const o = rd.object(json, '', TOP);
  if (o === undefined) return { errors: rd.errors, plan: undefined };

  const planId = rd.requiredString(o, 'planId', '');
  const planDesignId = rd.requiredString(o, 'planDesignId', '');
  const name = rd.string(o, 'name', '');
  const payroll = rd.section(o, 'payroll', '', ['frequency']);
  const eligibility = readEligibility(rd, o['eligibility'], 'eligibility', DEFAULT_ELIGIBILITY);
  const vesting = vestingOf(rd, o, '', { type: 'immediate' });

  const ae = rd.section(o, 'autoEnrollment', '', ['enabled', 'defaultRate', 'windowDays', 'scope']);
  const esc = rd.section(o, 'autoEscalation', '', ['enabled', 'step', 'cap', 'autoEnrolledOnly']);
  const m = rd.section(o, 'match', '', ['tiers', 'serviceTiers', 'capRate', 'onCatchUp', 'trueUp', 'eligibility', 'vesting']);
  const c = rd.section(o, 'core', '', ['rate', 'byService', 'byAge', 'eligibility', 'vesting']);
  const forfeitures = rd.section(o, 'forfeitures', '', ['use']);
  const catchUp = rd.section(o, 'catchUp', '', ['enabled']);
  const limits = rd.section(o, 'limits', '', ['indexRate', 'overrides']);

  const byService = readCoreByService(rd, rd.array(c, 'byService', 'core'), 'core.byService');
  const byAge = readCoreByAge(rd, rd.array(c, 'byAge', 'core'), 'core.byAge');

  const plan: PlanDesign = {
    planId,
    planDesignId,
    ...(name === undefined ? {} : { name }),
    payroll: { frequency: rd.oneOf(payroll, 'frequency', 'payroll', PAY_FREQUENCIES, 'biweekly') },
    eligibility,
    vesting,
    autoEnrollment: {
      enabled: rd.boolean(ae, 'enabled', 'autoEnrollment', false),
      defaultRate: rd.rate(ae, 'defaultRate', 'autoEnrollment', bp(600)),
      windowDays: rd.integer(ae, 'windowDays', 'autoEnrollment', 30, 0, 366),
      scope: rd.oneOf(ae, 'scope', 'autoEnrollment', SCOPES, 'new_hires'),
    },
    autoEscalation: {
      enabled: rd.boolean(esc, 'enabled', 'autoEscalation', false),
      step: rd.rate(esc, 'step', 'autoEscalation', bp(100)),
      cap: rd.rate(esc, 'cap', 'autoEscalation', bp(1000)),
      autoEnrolledOnly: rd.boolean(esc, 'autoEnrolledOnly', 'autoEscalation', false),
    },
    match: {
      tiers: readTiers(rd, rd.array(m, 'tiers', 'match'), 'match.tiers'),
      serviceTiers: readServiceTiers(rd, rd.array(m, 'serviceTiers', 'match'), 'match.serviceTiers'),
      capRate: m['capRate'] === undefined || m['capRate'] === null ? null : (rd.rateValue(m['capRate'], 'match.capRate') ?? null),
      onCatchUp: rd.boolean(m, 'onCatchUp', 'match', true),
      trueUp: rd.boolean(m, 'trueUp', 'match', false),
      eligibility: readEligibility(rd, m['eligibility'], 'match.eligibility', eligibility),
      vesting: vestingOf(rd, m, 'match', vesting),
    },
    core: {
      rate: rd.rate(c, 'rate', 'core', bp(0)),
      byService,
      byAge,
      eligibility: readEligibility(rd, c['eligibility'], 'core.eligibility', eligibility),
      vesting: vestingOf(rd, c, 'core', vesting),
    },
    forfeitures: { use: rd.oneOf(forfeitures, 'use', 'forfeitures', FORFEITURE_USES, 'reduce_employer') },
    safeHarbor: rd.boolean(o, 'safeHarbor', '', false),
    catchUp: { enabled: rd.boolean(catchUp, 'enabled', 'catchUp', true) },
    limits: {
      indexRate: rd.rate(limits, 'indexRate', 'limits', bp(0)),
      overrides: readOverrides(rd, limits['overrides'], 'limits.overrides'),
    },
  };
  if (byService.length > 0 && byAge.length > 0) {
    rd.fail('core', 'give byService or byAge, not both (a core rate is graded by one of service or age)');
  }
  return rd.errors.length > 0 ? { errors: rd.errors, plan: undefined } : { errors: [], plan: deepFreeze(plan) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Decodes an interchange plan design; every problem as `path: reason` (e.g. `match.tiers.1.upTo: …`). */
export function decodePlanDesign(json: unknown): Either<readonly string[], PlanDesign> {
  const { errors, plan } = readPlan(json);
  return plan === undefined ? left(Object.freeze([...errors])) : right(plan);
}

const encodeEligibility = (e: EligibilityRules) => ({ minAge: e.minAge, serviceMonths: e.serviceMonths, entry: e.entry });

/** The canonical interchange JSON: every field explicit, rates `"0.0300"`, money `"25000.00"`. */
export function encodePlanDesign(plan: PlanDesign): unknown {
  const { match: m, core: c } = plan;
  return {
    planId: plan.planId,
    planDesignId: plan.planDesignId,
    ...(plan.name === undefined ? {} : { name: plan.name }),
    payroll: { frequency: plan.payroll.frequency },
    eligibility: encodeEligibility(plan.eligibility),
    vesting: encodeVesting(plan.vesting),
    autoEnrollment: {
      enabled: plan.autoEnrollment.enabled,
      defaultRate: formatRate(plan.autoEnrollment.defaultRate),
      windowDays: plan.autoEnrollment.windowDays,
      scope: plan.autoEnrollment.scope,
    },
    autoEscalation: {
      enabled: plan.autoEscalation.enabled,
      step: formatRate(plan.autoEscalation.step),
      cap: formatRate(plan.autoEscalation.cap),
      autoEnrolledOnly: plan.autoEscalation.autoEnrolledOnly,
    },
    match: {
      tiers: encodeTiers(m.tiers),
      serviceTiers: m.serviceTiers.map((s) => ({ minYears: s.minYears, tiers: encodeTiers(s.tiers) })),
      capRate: m.capRate === null ? null : formatRate(m.capRate),
      onCatchUp: m.onCatchUp,
      trueUp: m.trueUp,
      eligibility: encodeEligibility(m.eligibility),
      vesting: encodeVesting(m.vesting),
    },
    core: {
      rate: formatRate(c.rate),
      byService: c.byService.map((s) => ({ minYears: s.minYears, rate: formatRate(s.rate) })),
      byAge: c.byAge.map((s) => ({ minAge: s.minAge, rate: formatRate(s.rate) })),
      eligibility: encodeEligibility(c.eligibility),
      vesting: encodeVesting(c.vesting),
    },
    forfeitures: { use: plan.forfeitures.use },
    safeHarbor: plan.safeHarbor,
    catchUp: { enabled: plan.catchUp.enabled },
    limits: encodeLimits(plan.limits),
  };
}

/** A value is a PlanDesign when it encodes to interchange that decodes again (all invariants hold). */
function isPlanDesign(u: unknown): u is PlanDesign {
  try {
    return isRight(decodePlanDesign(encodePlanDesign(u as PlanDesign)));
  } catch {
    return false;
  }
}

/** io-ts codec: interchange JSON ⇄ PlanDesign; each failure's `message` is one `path: reason`. */
export const PlanDesignCodec: t.Type<PlanDesign, unknown, unknown> = new t.Type<PlanDesign, unknown, unknown>(
  'PlanDesign',
  isPlanDesign,
  (u, context) => {
    const { errors, plan } = readPlan(u);
    return plan !== undefined ? t.success(plan) : t.failures(errors.map((message) => ({ value: u, context, message })));
  },
  encodePlanDesign,
);

/**
 * A plan design for code and tests: RULES.md defaults plus the given interchange fields
 * (`planId` "plan", `planDesignId` "default" unless given). Throws a TypeError listing the
 * problems: a bad literal in code is a programmer error.
 */
export function planDesign(fields: Readonly<Record<string, unknown>> = {}): PlanDesign {
  const { errors, plan } = readPlan({ planId: 'plan', planDesignId: 'default', ...fields });
  if (plan === undefined) throw new TypeError(`invalid plan design:\n  ${errors.join('\n  ')}`);
  return plan;
}

/** Every default of RULES.md, frozen. */
export const DEFAULT_PLAN: PlanDesign = planDesign();

export { planDesignWarnings } from './plan-design/warnings.js';
