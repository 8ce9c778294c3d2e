/**
 * The closed vocabularies of the event protocol (DESIGN.md's table). The lists are in the
 * documented order, which is also the order map keys are exported in.
 */
import { oneOf } from './scalars.js';
import type { TypeOf } from './fast.js';

export const EVENT_TYPES = [
  'hire',
  'promotion',
  'merit',
  'termination',
  'eligibility',
  'enrollment',
  'enrollment_change',
  'contribution',
  'vesting',
  'forfeiture',
  'hce_status',
  'compliance',
] as const;

export const CONTRIBUTION_SOURCES = [
  'employee_pre_tax',
  'employee_roth',
  'employee_catch_up',
  'employer_match',
  'employer_match_true_up',
  'employer_nonelective',
  'forfeiture_allocation',
] as const;

export const TERMINATION_REASONS = ['voluntary', 'involuntary', 'retirement', 'death', 'disability'] as const;
export const ELIGIBILITY_REASONS = ['age_and_service', 'immediate', 'rehire'] as const;
export const ENROLLMENT_SOURCES = ['auto', 'voluntary'] as const;
export const CHANGE_TYPES = ['opt_out', 'rate_change', 'auto_escalation'] as const;
export const FORFEITURE_REASONS = ['unvested_termination'] as const;
export const DETERMINATION_METHODS = ['prior_year'] as const;
/** Compliance events about one participant (they carry an employeeId). */
export const PARTICIPANT_COMPLIANCE_TYPES = ['402g_limit_reached', '415c_limit_reached', 'catch_up_eligible'] as const;
/** Compliance events about the whole plan (no employeeId). */
export const PLAN_COMPLIANCE_TYPES = ['adp_test', 'acp_test'] as const;
export const COMPLIANCE_TYPES = [...PARTICIPANT_COMPLIANCE_TYPES, ...PLAN_COMPLIANCE_TYPES] as const;

export const EventTypeC = oneOf('EventType', EVENT_TYPES);
export const ContributionSourceC = oneOf('ContributionSource', CONTRIBUTION_SOURCES);
export const TerminationReasonC = oneOf('TerminationReason', TERMINATION_REASONS);
export const EligibilityReasonC = oneOf('EligibilityReason', ELIGIBILITY_REASONS);
export const EnrollmentSourceC = oneOf('EnrollmentSource', ENROLLMENT_SOURCES);
export const ChangeTypeC = oneOf('ChangeType', CHANGE_TYPES);
export const ForfeitureReasonC = oneOf('ForfeitureReason', FORFEITURE_REASONS);
export const DeterminationMethodC = oneOf('DeterminationMethod', DETERMINATION_METHODS);
export const ParticipantComplianceTypeC = oneOf('ParticipantComplianceType', PARTICIPANT_COMPLIANCE_TYPES);
export const PlanComplianceTypeC = oneOf('PlanComplianceType', PLAN_COMPLIANCE_TYPES);
export const ComplianceTypeC = oneOf('ComplianceType', COMPLIANCE_TYPES);

export type EventType = TypeOf<typeof EventTypeC>;
export type ContributionSource = TypeOf<typeof ContributionSourceC>;
export type TerminationReason = TypeOf<typeof TerminationReasonC>;
export type EligibilityReason = TypeOf<typeof EligibilityReasonC>;
export type EnrollmentSource = TypeOf<typeof EnrollmentSourceC>;
export type ChangeType = TypeOf<typeof ChangeTypeC>;
export type ForfeitureReason = TypeOf<typeof ForfeitureReasonC>;
export type DeterminationMethod = TypeOf<typeof DeterminationMethodC>;
export type ParticipantComplianceType = TypeOf<typeof ParticipantComplianceTypeC>;
export type PlanComplianceType = TypeOf<typeof PlanComplianceTypeC>;
export type ComplianceType = TypeOf<typeof ComplianceTypeC>;
