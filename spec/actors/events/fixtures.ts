/**
 * Hand-written canonical interchange events, one per payload shape, written from DESIGN.md's
 * table (not from the codecs), and helpers to derive broken variants of them.
 */
export const ENVELOPE = {
  eventId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  scenarioId: 'baseline',
  planDesignId: 'design-a',
  employeeId: 'E000123',
  effectiveDate: '2025-03-14',
  sequence: 41,
  schemaVersion: 2,
} as const;

export const PAYLOADS = {
  hire: { eventType: 'hire', hireDate: '2025-03-14', birthDate: '1990-07-01', department: 'engineering', jobLevel: 3, annualCompensation: '85000.00' },
  promotion: { eventType: 'promotion', newJobLevel: 4, newAnnualCompensation: '97500.00' },
  merit: { eventType: 'merit', newCompensation: '87550.00', meritPercentage: '0.0300' },
  termination: { eventType: 'termination', terminationReason: 'voluntary', finalPayDate: '2025-03-21' },
  eligibility: { eventType: 'eligibility', planId: 'plan-001', eligible: true, eligibilityDate: '2025-03-14', reason: 'immediate' },
  enrollment: {
    eventType: 'enrollment',
    planId: 'plan-001',
    enrollmentDate: '2025-04-13',
    preTaxRate: '0.0600',
    rothRate: '0.0000',
    enrollmentSource: 'auto',
    optOutWindowExpires: '2025-04-13',
  },
  enrollment_change: {
    eventType: 'enrollment_change',
    planId: 'plan-001',
    changeType: 'auto_escalation',
    newPreTaxRate: '0.0700',
    newRothRate: '0.0100',
    previousPreTaxRate: '0.0600',
    previousRothRate: '0.0100',
  },
  contribution: {
    eventType: 'contribution',
    planId: 'plan-001',
    source: 'employee_pre_tax',
    amount: '196.15',
    payPeriodEnd: '2025-03-14',
    ytdAmount: '1177.90',
    irsLimitApplied: false,
  },
  vesting: {
    eventType: 'vesting',
    planId: 'plan-001',
    yearsOfService: 3,
    vestedPercentages: { employer_match: '0.4000', employer_nonelective: '1.0000' },
    sourceBalancesVested: { employer_match: '1234.50', employer_nonelective: '800.00' },
  },
  forfeiture: {
    eventType: 'forfeiture',
    planId: 'plan-001',
    forfeitedFromSource: 'employer_match',
    amount: '1851.75',
    reason: 'unvested_termination',
    vestedPercentage: '0.4000',
  },
  hce_status: {
    eventType: 'hce_status',
    planId: 'plan-001',
    determinationMethod: 'prior_year',
    priorYearCompensation: '162000.00',
    hceThreshold: '155000.00',
    isHce: true,
    determinationDate: '2025-01-01',
  },
  compliance_participant: {
    eventType: 'compliance',
    planId: 'plan-001',
    complianceType: '402g_limit_reached',
    applicableLimit: '23500.00',
    currentAmount: '23500.00',
    monitoringDate: '2025-11-21',
  },
  compliance_plan: {
    eventType: 'compliance',
    planId: 'plan-001',
    complianceType: 'adp_test',
    planYear: 2025,
    hceAverage: '0.0812',
    nhceAverage: '0.0450',
    limit: '0.0650',
    passed: false,
    refunds: { E000007: '1200.00', E000123: '310.55' },
  },
} as const;

export type FixtureName = keyof typeof PAYLOADS;
export const FIXTURE_NAMES = Object.keys(PAYLOADS) as FixtureName[];

export const isPlanFixture = (name: FixtureName): boolean => name === 'compliance_plan';

/** A deep copy of a canonical event with the named payload, as mutable JSON. */
export function event(name: FixtureName): Record<string, any> {
  const { employeeId, ...rest } = ENVELOPE;
  const env = isPlanFixture(name) ? rest : { ...rest, employeeId };
  const { effectiveDate, sequence, schemaVersion, ...head } = env as Record<string, unknown>;
  return structuredClone({ ...head, effectiveDate, sequence, schemaVersion, payload: PAYLOADS[name] });
}

/** The canonical event with `payload.<field>` (or a top-level field) replaced. */
export function withField(name: FixtureName, path: string, value: unknown): Record<string, any> {
  const e = event(name);
  const keys = path.split('.');
  let o = e;
  for (const k of keys.slice(0, -1)) o = o[k];
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
  return e;
}
