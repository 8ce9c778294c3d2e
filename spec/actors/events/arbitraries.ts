/**
 * fast-check arbitraries for valid events, in the internal (decoded) form, for any spec that
 * needs events: `eventArb` (a logged VestedEvent), `canonicalEventArb` (its interchange JSON),
 * `payloadArbs` (one per payload shape), `derivedEventArb`, and the scalar arbitraries.
 */
import fc from 'fast-check';
import type { Cents, BasisPoints } from '../../../rules/units.js';
import { fromDayNumber, toDayNumber, makeDate } from '../../../rules/calendar.js';
import type { IsoDate } from '../../../rules/calendar.js';
import {
  CHANGE_TYPES,
  CONTRIBUTION_SOURCES,
  CURRENT_SCHEMA_VERSION,
  ELIGIBILITY_REASONS,
  ENROLLMENT_SOURCES,
  PARTICIPANT_COMPLIANCE_TYPES,
  PLAN_COMPLIANCE_TYPES,
  TERMINATION_REASONS,
  encodeEvent,
  isPlanLevel,
} from '../../../actors/events/index.js';
import type { DerivedEvent, EncodedEvent, Payload, VestedEvent } from '../../../actors/events/index.js';

const MIN_DAY = toDayNumber(makeDate(1900, 1, 1));
const MAX_DAY = toDayNumber(makeDate(2199, 12, 31));

export const dateArb: fc.Arbitrary<IsoDate> = fc.integer({ min: MIN_DAY, max: MAX_DAY }).map(fromDayNumber);
/** Money ≥ 0 (or ≥ 1 cent when positive), up to ten billion dollars. */
export const moneyArb = (positive = false): fc.Arbitrary<Cents> =>
  fc.oneof(fc.integer({ min: positive ? 1 : 0, max: 1_000_000_00 }), fc.integer({ min: positive ? 1 : 0, max: 1e12 })).map(
    (n) => n as Cents,
  );
export const rateArb = (max = 10_000): fc.Arbitrary<BasisPoints> => fc.integer({ min: 0, max }).map((n) => n as BasisPoints);
export const textArb: fc.Arbitrary<string> = fc.string({ minLength: 1, maxLength: 12 });
export const employeeIdArb: fc.Arbitrary<string> = fc.oneof(fc.stringMatching(/^E[0-9]{1,6}$/), textArb);
export const planIdArb: fc.Arbitrary<string> = fc.constantFrom('plan-001', 'safe-harbor', 'p');
export const jobLevelArb = fc.integer({ min: 1, max: 10 });
const sourceArb = fc.constantFrom(...CONTRIBUTION_SOURCES);

const bySource = <V>(v: fc.Arbitrary<V>) => fc.dictionary(sourceArb, v, { maxKeys: 7, noNullPrototype: true });

export const payloadArbs = {
  hire: fc.record({
    eventType: fc.constant('hire' as const),
    hireDate: dateArb,
    birthDate: dateArb,
    department: textArb,
    jobLevel: jobLevelArb,
    annualCompensation: moneyArb(true),
  }),
  promotion: fc.record({ eventType: fc.constant('promotion' as const), newJobLevel: jobLevelArb, newAnnualCompensation: moneyArb(true) }),
  merit: fc.record({ eventType: fc.constant('merit' as const), newCompensation: moneyArb(true), meritPercentage: rateArb() }),
  termination: fc.record({
    eventType: fc.constant('termination' as const),
    terminationReason: fc.constantFrom(...TERMINATION_REASONS),
    finalPayDate: dateArb,
  }),
  eligibility: fc.record({
    eventType: fc.constant('eligibility' as const),
    planId: planIdArb,
    eligible: fc.boolean(),
    eligibilityDate: dateArb,
    reason: fc.constantFrom(...ELIGIBILITY_REASONS),
  }),
  enrollment: fc.record(
    {
      eventType: fc.constant('enrollment' as const),
      planId: planIdArb,
      enrollmentDate: dateArb,
      preTaxRate: rateArb(),
      rothRate: rateArb(),
      enrollmentSource: fc.constantFrom(...ENROLLMENT_SOURCES),
      optOutWindowExpires: dateArb,
    },
    { requiredKeys: ['eventType', 'planId', 'enrollmentDate', 'preTaxRate', 'rothRate', 'enrollmentSource'] },
  ),
  enrollmentChange: fc.record(
    {
      eventType: fc.constant('enrollment_change' as const),
      planId: planIdArb,
      changeType: fc.constantFrom(...CHANGE_TYPES),
      newPreTaxRate: rateArb(),
      newRothRate: rateArb(),
      previousPreTaxRate: rateArb(),
      previousRothRate: rateArb(),
    },
    { requiredKeys: ['eventType', 'planId', 'changeType', 'newPreTaxRate', 'newRothRate'] },
  ),
  contribution: fc.record({
    eventType: fc.constant('contribution' as const),
    planId: planIdArb,
    source: sourceArb,
    amount: moneyArb(true),
    payPeriodEnd: dateArb,
    ytdAmount: moneyArb(),
    irsLimitApplied: fc.boolean(),
  }),
  vesting: fc.record({
    eventType: fc.constant('vesting' as const),
    planId: planIdArb,
    yearsOfService: fc.integer({ min: 0, max: 60 }),
    vestedPercentages: bySource(rateArb()),
    sourceBalancesVested: bySource(moneyArb()),
  }),
  forfeiture: fc.record({
    eventType: fc.constant('forfeiture' as const),
    planId: planIdArb,
    forfeitedFromSource: sourceArb,
    amount: moneyArb(true),
    reason: fc.constant('unvested_termination' as const),
    vestedPercentage: rateArb(),
  }),
  hceStatus: fc.record({
    eventType: fc.constant('hce_status' as const),
    planId: planIdArb,
    determinationMethod: fc.constant('prior_year' as const),
    priorYearCompensation: moneyArb(),
    hceThreshold: moneyArb(),
    isHce: fc.boolean(),
    determinationDate: dateArb,
  }),
  participantCompliance: fc.record({
    eventType: fc.constant('compliance' as const),
    planId: planIdArb,
    complianceType: fc.constantFrom(...PARTICIPANT_COMPLIANCE_TYPES),
    applicableLimit: moneyArb(),
    currentAmount: moneyArb(),
    monitoringDate: dateArb,
  }),
  planCompliance: fc.record({
    eventType: fc.constant('compliance' as const),
    planId: planIdArb,
    complianceType: fc.constantFrom(...PLAN_COMPLIANCE_TYPES),
    planYear: fc.integer({ min: 1900, max: 2199 }),
    hceAverage: rateArb(),
    nhceAverage: rateArb(),
    limit: rateArb(20_000),
    passed: fc.boolean(),
    refunds: fc.dictionary(employeeIdArb, moneyArb(), { maxKeys: 5, noNullPrototype: true }),
  }),
} satisfies { [k: string]: fc.Arbitrary<Payload> };

export const payloadArb: fc.Arbitrary<Payload> = fc.oneof(...Object.values(payloadArbs).map((a) => a as fc.Arbitrary<Payload>));

/** A contribution payload 70 % of the time, any other payload otherwise: the mix of a real log. */
export const realisticPayloadArb: fc.Arbitrary<Payload> = fc.oneof(
  { arbitrary: payloadArbs.contribution as fc.Arbitrary<Payload>, weight: 70 },
  { arbitrary: payloadArb, weight: 30 },
);

function withEnvelope(payload: Payload, employeeId: string, effectiveDate: IsoDate): DerivedEvent {
  return isPlanLevel(payload) ? { effectiveDate, payload } : { employeeId, effectiveDate, payload };
}

export const derivedEventArb = (payloads: fc.Arbitrary<Payload> = payloadArb): fc.Arbitrary<DerivedEvent> =>
  fc.tuple(payloads, employeeIdArb, dateArb).map(([p, id, d]) => withEnvelope(p, id, d));

export const eventArb = (payloads: fc.Arbitrary<Payload> = payloadArb): fc.Arbitrary<VestedEvent> =>
  fc
    .record({
      eventId: fc.uuid(),
      scenarioId: textArb,
      planDesignId: textArb,
      derived: derivedEventArb(payloads),
      sequence: fc.nat(),
    })
    .map(({ derived, ...env }) => {
      const head = { eventId: env.eventId, scenarioId: env.scenarioId, planDesignId: env.planDesignId };
      const tail = { effectiveDate: derived.effectiveDate, sequence: env.sequence, schemaVersion: CURRENT_SCHEMA_VERSION, payload: derived.payload };
      return derived.employeeId === undefined ? { ...head, ...tail } : { ...head, employeeId: derived.employeeId, ...tail };
    });

/** Canonical interchange JSON of a valid event (what `vested export` writes). */
export const canonicalEventArb = (payloads: fc.Arbitrary<Payload> = payloadArb): fc.Arbitrary<EncodedEvent> =>
  eventArb(payloads).map(encodeEvent);
