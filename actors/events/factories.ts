/**
 * Factories: build valid events in code, without JSON. Each checks its result against the
 * codec and throws a RangeError naming the field when it is not valid (a programmer error:
 * the engine must never emit an event it could not read back).
 */
import type { IsoDate } from '../../rules/calendar.js';
import { dec31 } from '../../rules/calendar.js';
import type { Fast } from './fast.js';
import { CURRENT_SCHEMA_VERSION, EventC } from './envelope.js';
import type { DerivedEvent, VestedEvent } from './envelope.js';
import { PayloadC } from './payloads.js';
import type { Payload, PayloadOf, ParticipantCompliancePayload, PlanCompliancePayload } from './payloads.js';
import { formatErrors } from './report.js';

/** Throws a RangeError with the codec's own messages when `value` is not a valid A. */
export function assertValid<A>(codec: Fast<A, any>, value: A, what: string): A {
  if (codec.is(value)) return value;
  let detail: string;
  try {
    const r = codec.validate(codec.encode(value), [{ key: '', type: codec, actual: value }]);
    detail = r._tag === 'Left' ? formatErrors(r.left).join('; ') : 'not a valid value';
  } catch (e) {
    detail = e instanceof Error ? e.message : String(e);
  }
  throw new RangeError(`${what}: ${detail}`);
}

type Fields<P> = Omit<P, 'eventType'>;
/** The payload fields, with the ones named in D optional (they have defaults). */
type With<P, D extends keyof P = never> = Omit<Fields<P>, D> & Partial<Pick<P, D>>;

function payload<P extends Payload>(eventType: P['eventType'], fields: object, what: string): P {
  return assertValid(PayloadC, { eventType, ...fields } as P, what) as P;
}

/** Payload factories; defaults are given where the domain has an obvious one. */
export const payloads = {
  hire: (f: With<PayloadOf<'hire'>, 'department'>) =>
    payload<PayloadOf<'hire'>>('hire', { department: 'general', ...f }, 'payloads.hire'),
  promotion: (f: Fields<PayloadOf<'promotion'>>) => payload<PayloadOf<'promotion'>>('promotion', f, 'payloads.promotion'),
  merit: (f: Fields<PayloadOf<'merit'>>) => payload<PayloadOf<'merit'>>('merit', f, 'payloads.merit'),
  termination: (f: Fields<PayloadOf<'termination'>>) =>
    payload<PayloadOf<'termination'>>('termination', f, 'payloads.termination'),
  eligibility: (f: With<PayloadOf<'eligibility'>, 'eligible'>) =>
    payload<PayloadOf<'eligibility'>>('eligibility', { eligible: true, ...f }, 'payloads.eligibility'),
  enrollment: (f: With<PayloadOf<'enrollment'>, 'rothRate' | 'enrollmentSource'>) =>
    payload<PayloadOf<'enrollment'>>('enrollment', { rothRate: 0, enrollmentSource: 'voluntary', ...f }, 'payloads.enrollment'),
  enrollmentChange: (f: Fields<PayloadOf<'enrollment_change'>>) =>
    payload<PayloadOf<'enrollment_change'>>('enrollment_change', f, 'payloads.enrollmentChange'),
  contribution: (f: With<PayloadOf<'contribution'>, 'irsLimitApplied'>) =>
    payload<PayloadOf<'contribution'>>('contribution', { irsLimitApplied: false, ...f }, 'payloads.contribution'),
  vesting: (f: Fields<PayloadOf<'vesting'>>) => payload<PayloadOf<'vesting'>>('vesting', f, 'payloads.vesting'),
  forfeiture: (f: With<PayloadOf<'forfeiture'>, 'reason'>) =>
    payload<PayloadOf<'forfeiture'>>('forfeiture', { reason: 'unvested_termination', ...f }, 'payloads.forfeiture'),
  hceStatus: (f: With<PayloadOf<'hce_status'>, 'determinationMethod'>) =>
    payload<PayloadOf<'hce_status'>>('hce_status', { determinationMethod: 'prior_year', ...f }, 'payloads.hceStatus'),
  participantCompliance: (f: Fields<ParticipantCompliancePayload>) =>
    payload<ParticipantCompliancePayload>('compliance', f, 'payloads.participantCompliance'),
  planCompliance: (f: With<PlanCompliancePayload, 'refunds'>) =>
    payload<PlanCompliancePayload>('compliance', { refunds: {}, ...f }, 'payloads.planCompliance'),
};

/** A derived event whose payload type is known. */
export type Derived<P extends Payload> = DerivedEvent & { payload: P };

type Who = { employeeId: string };
type When = { effectiveDate: IsoDate };
type MaybeWhen = { effectiveDate?: IsoDate };

const derived = <P extends Payload>(employeeId: string | undefined, effectiveDate: IsoDate, p: P): Derived<P> =>
  employeeId === undefined ? { effectiveDate, payload: p } : { employeeId, effectiveDate, payload: p };

function split<T extends Who & MaybeWhen>(a: T): [string, IsoDate | undefined, Omit<T, 'employeeId' | 'effectiveDate'>] {
  const { employeeId, effectiveDate, ...rest } = a;
  return [employeeId, effectiveDate, rest];
}

/**
 * Event factories: payload fields plus `employeeId` and `effectiveDate`. Where the payload
 * names the day the event happens (hireDate, eligibilityDate, enrollmentDate, payPeriodEnd,
 * determinationDate, monitoringDate) the effective date defaults to it; plan-level results
 * default to Dec 31 of the plan year.
 */
export const events = {
  hire: (a: Who & MaybeWhen & Parameters<typeof payloads.hire>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on ?? f.hireDate, payloads.hire(f));
  },
  promotion: (a: Who & When & Parameters<typeof payloads.promotion>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on!, payloads.promotion(f));
  },
  merit: (a: Who & When & Parameters<typeof payloads.merit>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on!, payloads.merit(f));
  },
  termination: (a: Who & When & Parameters<typeof payloads.termination>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on!, payloads.termination(f));
  },
  eligibility: (a: Who & MaybeWhen & Parameters<typeof payloads.eligibility>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on ?? f.eligibilityDate, payloads.eligibility(f));
  },
  enrollment: (a: Who & MaybeWhen & Parameters<typeof payloads.enrollment>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on ?? f.enrollmentDate, payloads.enrollment(f));
  },
  enrollmentChange: (a: Who & When & Parameters<typeof payloads.enrollmentChange>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on!, payloads.enrollmentChange(f));
  },
  contribution: (a: Who & MaybeWhen & Parameters<typeof payloads.contribution>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on ?? f.payPeriodEnd, payloads.contribution(f));
  },
  vesting: (a: Who & When & Parameters<typeof payloads.vesting>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on!, payloads.vesting(f));
  },
  forfeiture: (a: Who & When & Parameters<typeof payloads.forfeiture>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on!, payloads.forfeiture(f));
  },
  hceStatus: (a: Who & MaybeWhen & Parameters<typeof payloads.hceStatus>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on ?? f.determinationDate, payloads.hceStatus(f));
  },
  participantCompliance: (a: Who & MaybeWhen & Parameters<typeof payloads.participantCompliance>[0]) => {
    const [id, on, f] = split(a);
    return derived(id, on ?? f.monitoringDate, payloads.participantCompliance(f));
  },
  planCompliance: (a: MaybeWhen & Parameters<typeof payloads.planCompliance>[0]) => {
    const { effectiveDate, ...f } = a;
    return derived(undefined, effectiveDate ?? dec31(f.planYear), payloads.planCompliance(f));
  },
};

/** What the log adds to a derived event. */
export interface EnvelopeFields {
  eventId: string;
  scenarioId: string;
  planDesignId: string;
  sequence: number;
  schemaVersion?: number;
}

/** Wraps a derived event in the log's envelope (canonical key order), checked against the codec. */
export function envelope(e: DerivedEvent, f: EnvelopeFields): VestedEvent {
  const head = { eventId: f.eventId, scenarioId: f.scenarioId, planDesignId: f.planDesignId };
  const tail = {
    effectiveDate: e.effectiveDate,
    sequence: f.sequence,
    schemaVersion: f.schemaVersion ?? CURRENT_SCHEMA_VERSION,
    payload: e.payload,
  };
  const event: VestedEvent = e.employeeId === undefined ? { ...head, ...tail } : { ...head, employeeId: e.employeeId, ...tail };
  return assertValid(EventC, event, 'envelope');
}
