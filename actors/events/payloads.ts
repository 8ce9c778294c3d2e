/**
 * One codec per payload of DESIGN.md's table, fields in the documented order (the canonical
 * key order), and the payload union discriminated by `eventType` (and, for `compliance`,
 * by `complianceType`). Amounts the domain requires positive (compensation, contributions,
 * forfeitures) are > 0; all other money is ≥ 0.
 */
import { bool, date, int, literal, money, rate, text } from './scalars.js';
import { strict, optional } from './strict.js';
import { recordOf, byListOrder, byCodeUnits } from './record.js';
import { tagged } from './union.js';
import {
  CONTRIBUTION_SOURCES,
  ChangeTypeC,
  ContributionSourceC,
  DeterminationMethodC,
  EligibilityReasonC,
  EnrollmentSourceC,
  ForfeitureReasonC,
  ParticipantComplianceTypeC,
  PlanComplianceTypeC,
  TerminationReasonC,
} from './enums.js';
import type { TypeOf } from './fast.js';

const positiveMoney = money(true);
const amount = money(false);
const unitRate = rate();
/**
 * The ADP/ACP limit is max(1.25 × a, min(2 × a, a + 2 %)) of the NHCE average a (RULES.md
 * §10), which passes 1 when a does pass 0.8: it is allowed up to 2.
 */
const testLimitRate = rate(20_000);
const jobLevel = int('JobLevel', 1, 10, 'job levels are 1 to 10');
const years = int('Years', 0, 200, 'years are 0 to 200');
const planYear = int('PlanYear', 1, 9999, 'plan years are 1 to 9999');

export const HirePayloadC = strict('HirePayload', {
  eventType: literal('hire'),
  hireDate: date,
  birthDate: date,
  department: text,
  jobLevel,
  annualCompensation: positiveMoney,
});

export const PromotionPayloadC = strict('PromotionPayload', {
  eventType: literal('promotion'),
  newJobLevel: jobLevel,
  newAnnualCompensation: positiveMoney,
});

export const MeritPayloadC = strict('MeritPayload', {
  eventType: literal('merit'),
  newCompensation: positiveMoney,
  meritPercentage: unitRate,
});

export const TerminationPayloadC = strict('TerminationPayload', {
  eventType: literal('termination'),
  terminationReason: TerminationReasonC,
  finalPayDate: date,
});

export const EligibilityPayloadC = strict('EligibilityPayload', {
  eventType: literal('eligibility'),
  planId: text,
  eligible: bool,
  eligibilityDate: date,
  reason: EligibilityReasonC,
});

export const EnrollmentPayloadC = strict('EnrollmentPayload', {
  eventType: literal('enrollment'),
  planId: text,
  enrollmentDate: date,
  preTaxRate: unitRate,
  rothRate: unitRate,
  enrollmentSource: EnrollmentSourceC,
  optOutWindowExpires: optional(date),
});

export const EnrollmentChangePayloadC = strict('EnrollmentChangePayload', {
  eventType: literal('enrollment_change'),
  planId: text,
  changeType: ChangeTypeC,
  newPreTaxRate: unitRate,
  newRothRate: unitRate,
  previousPreTaxRate: optional(unitRate),
  previousRothRate: optional(unitRate),
});

export const ContributionPayloadC = strict('ContributionPayload', {
  eventType: literal('contribution'),
  planId: text,
  source: ContributionSourceC,
  amount: positiveMoney,
  payPeriodEnd: date,
  ytdAmount: amount,
  irsLimitApplied: bool,
});

const bySource = byListOrder(CONTRIBUTION_SOURCES);

export const VestingPayloadC = strict('VestingPayload', {
  eventType: literal('vesting'),
  planId: text,
  yearsOfService: years,
  vestedPercentages: recordOf('VestedPercentages', ContributionSourceC, unitRate, bySource),
  sourceBalancesVested: recordOf('SourceBalancesVested', ContributionSourceC, amount, bySource),
});

export const ForfeiturePayloadC = strict('ForfeiturePayload', {
  eventType: literal('forfeiture'),
  planId: text,
  forfeitedFromSource: ContributionSourceC,
  amount: positiveMoney,
  reason: ForfeitureReasonC,
  vestedPercentage: unitRate,
});

export const HceStatusPayloadC = strict('HceStatusPayload', {
  eventType: literal('hce_status'),
  planId: text,
  determinationMethod: DeterminationMethodC,
  priorYearCompensation: amount,
  hceThreshold: amount,
  isHce: bool,
  determinationDate: date,
});

/** 402(g) / 415(c) limit reached, catch-up eligible: about one participant. */
export const ParticipantCompliancePayloadC = strict('ParticipantCompliancePayload', {
  eventType: literal('compliance'),
  planId: text,
  complianceType: ParticipantComplianceTypeC,
  applicableLimit: amount,
  currentAmount: amount,
  monitoringDate: date,
});

/** ADP / ACP test result: about the whole plan (its event has no employeeId). */
export const PlanCompliancePayloadC = strict('PlanCompliancePayload', {
  eventType: literal('compliance'),
  planId: text,
  complianceType: PlanComplianceTypeC,
  planYear,
  hceAverage: unitRate,
  nhceAverage: unitRate,
  limit: testLimitRate,
  passed: bool,
  refunds: recordOf('Refunds', text, amount, byCodeUnits),
});

export const CompliancePayloadC = tagged('CompliancePayload', 'complianceType', {
  '402g_limit_reached': ParticipantCompliancePayloadC,
  '415c_limit_reached': ParticipantCompliancePayloadC,
  catch_up_eligible: ParticipantCompliancePayloadC,
  adp_test: PlanCompliancePayloadC,
  acp_test: PlanCompliancePayloadC,
});

export const PayloadC = tagged('Payload', 'eventType', {
  hire: HirePayloadC,
  promotion: PromotionPayloadC,
  merit: MeritPayloadC,
  termination: TerminationPayloadC,
  eligibility: EligibilityPayloadC,
  enrollment: EnrollmentPayloadC,
  enrollment_change: EnrollmentChangePayloadC,
  contribution: ContributionPayloadC,
  vesting: VestingPayloadC,
  forfeiture: ForfeiturePayloadC,
  hce_status: HceStatusPayloadC,
  compliance: CompliancePayloadC,
});

export type HirePayload = TypeOf<typeof HirePayloadC>;
export type PromotionPayload = TypeOf<typeof PromotionPayloadC>;
export type MeritPayload = TypeOf<typeof MeritPayloadC>;
export type TerminationPayload = TypeOf<typeof TerminationPayloadC>;
export type EligibilityPayload = TypeOf<typeof EligibilityPayloadC>;
export type EnrollmentPayload = TypeOf<typeof EnrollmentPayloadC>;
export type EnrollmentChangePayload = TypeOf<typeof EnrollmentChangePayloadC>;
export type ContributionPayload = TypeOf<typeof ContributionPayloadC>;
export type VestingPayload = TypeOf<typeof VestingPayloadC>;
export type ForfeiturePayload = TypeOf<typeof ForfeiturePayloadC>;
export type HceStatusPayload = TypeOf<typeof HceStatusPayloadC>;
export type ParticipantCompliancePayload = TypeOf<typeof ParticipantCompliancePayloadC>;
export type PlanCompliancePayload = TypeOf<typeof PlanCompliancePayloadC>;
export type CompliancePayload = ParticipantCompliancePayload | PlanCompliancePayload;

export type Payload =
  | HirePayload
  | PromotionPayload
  | MeritPayload
  | TerminationPayload
  | EligibilityPayload
  | EnrollmentPayload
  | EnrollmentChangePayload
  | ContributionPayload
  | VestingPayload
  | ForfeiturePayload
  | HceStatusPayload
  | CompliancePayload;

export type PayloadOf<K extends Payload['eventType']> = Extract<Payload, { eventType: K }>;

/** True for the payloads of plan-level events (ADP/ACP results), which have no employeeId. */
export const isPlanLevel = (p: Payload): p is PlanCompliancePayload =>
  p.eventType === 'compliance' && (p.complianceType === 'adp_test' || p.complianceType === 'acp_test');
