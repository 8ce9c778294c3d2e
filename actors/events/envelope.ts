/**
 * The envelope around a payload, in its two forms: the full logged event, and the scripted
 * event of a scenario file (only `employeeId`, `effectiveDate` and `payload` required; the
 * run fills in the rest). The envelope's shape depends on the payload: plan-level events
 * (ADP/ACP results) have no `employeeId`, every other event requires one. The codec looks
 * at `payload.eventType`/`complianceType` first and validates against that one shape.
 */
import type { IsoDate } from '../../rules/calendar.js';
import { INVALID, leaf, kindOf } from './fast.js';
import type { Fast, OutputOf } from './fast.js';
import { date, int, text, uuid } from './scalars.js';
import { strict, optional } from './strict.js';
import { selected } from './union.js';
import { EVENT_TYPES, PARTICIPANT_COMPLIANCE_TYPES, PLAN_COMPLIANCE_TYPES } from './enums.js';
import { PayloadC } from './payloads.js';
import type { Payload } from './payloads.js';

/** The schema version this build writes and reads. */
export const CURRENT_SCHEMA_VERSION = 2;

const schemaVersionFast = (u: unknown): number | typeof INVALID => (u === CURRENT_SCHEMA_VERSION ? u : INVALID);
const schemaVersion: Fast<number, number> = leaf<number, number>(
  'SchemaVersion',
  (u): u is number => u === CURRENT_SCHEMA_VERSION,
  schemaVersionFast,
  (u) => ({
    ok: false,
    error:
      typeof u === 'number' && Number.isInteger(u)
        ? `schema version ${u} is not supported; this version of vested reads ${CURRENT_SCHEMA_VERSION}`
        : `expected an integer, got ${kindOf(u)}`,
  }),
  (n) => n,
);
const sequence = int('Sequence', 0, Number.MAX_SAFE_INTEGER, 'a sequence is 0 or more');

/** A logged event: the envelope the log sets, around a payload (the internal, decoded form). */
export type VestedEvent = {
  eventId: string;
  scenarioId: string;
  planDesignId: string;
  /** Absent exactly on plan-level events (ADP/ACP results). */
  employeeId?: string;
  effectiveDate: IsoDate;
  sequence: number;
  schemaVersion: number;
  payload: Payload;
};

/** What the actors emit; the log adds eventId, scenarioId, planDesignId, sequence, schemaVersion. */
export type DerivedEvent = { employeeId?: string; effectiveDate: IsoDate; payload: Payload };

/** A scenario's scripted input event: a DerivedEvent that may already carry envelope fields. */
export type ScriptedEvent = DerivedEvent & Partial<Omit<VestedEvent, 'employeeId' | 'effectiveDate' | 'payload'>>;

const PLAN_LEVEL_MESSAGE = 'plan-level events (ADP/ACP results) have no employeeId';

/** `required`: the log's full envelope; otherwise the scripted one, where only effectiveDate and payload (and employeeId) are required. */
function envelope(name: string, required: boolean, employeeId: 'required' | 'absent' | 'optional') {
  const req = <C extends Fast<any, any>>(c: C) => (required ? c : optional(c));
  const head = { eventId: req(uuid), scenarioId: req(text), planDesignId: req(text) };
  const tail = { effectiveDate: date, sequence: req(sequence), schemaVersion: req(schemaVersion), payload: PayloadC };
  if (employeeId === 'absent') {
    return strict(name, { ...head, ...tail }, { forbidden: { employeeId: PLAN_LEVEL_MESSAGE } });
  }
  return strict(name, { ...head, employeeId: employeeId === 'required' ? text : optional(text), ...tail });
}

const participantComplianceTypes = new Set<string>(PARTICIPANT_COMPLIANCE_TYPES);
const planComplianceTypes = new Set<string>(PLAN_COMPLIANCE_TYPES);
const eventTypes = new Set<string>(EVENT_TYPES);

/**
 * Which envelope shape the payload calls for. An unknown or missing eventType (or
 * complianceType) gets a shape with an optional employeeId, so the only error reported is
 * the one about the discriminator.
 */
function shapeOf(u: unknown): 'participant' | 'plan' | 'unknown' {
  if (typeof u !== 'object' || u === null) return 'unknown';
  const p = (u as Record<string, unknown>).payload;
  if (typeof p !== 'object' || p === null) return 'unknown';
  const type = (p as Record<string, unknown>).eventType;
  if (type === 'compliance') {
    const ct = (p as Record<string, unknown>).complianceType;
    if (typeof ct !== 'string') return 'unknown';
    return planComplianceTypes.has(ct) ? 'plan' : participantComplianceTypes.has(ct) ? 'participant' : 'unknown';
  }
  return typeof type === 'string' && eventTypes.has(type) ? 'participant' : 'unknown';
}

function byShape<A, O>(name: string, members: Record<'participant' | 'plan' | 'unknown', Fast<any, any>>): Fast<A, O> {
  const { participant, plan, unknown } = members;
  return selected<A, O>(name, (u) => {
    const s = shapeOf(u);
    return s === 'participant' ? participant : s === 'plan' ? plan : unknown;
  });
}

const ParticipantEventC = envelope('ParticipantEvent', true, 'required');
const PlanEventC = envelope('PlanEvent', true, 'absent');

/** The interchange (JSON) form of a logged event. */
export type EncodedEvent = OutputOf<typeof ParticipantEventC> | OutputOf<typeof PlanEventC>;

export const EventC: Fast<VestedEvent, EncodedEvent> = byShape('VestedEvent', {
  participant: ParticipantEventC,
  plan: PlanEventC,
  unknown: envelope('VestedEvent', true, 'optional'),
});

const ScriptedParticipantC = envelope('ScriptedEvent', false, 'required');
const ScriptedPlanC = envelope('ScriptedPlanEvent', false, 'absent');

/** The interchange form of a scripted (or derived) event. */
export type EncodedScriptedEvent = OutputOf<typeof ScriptedParticipantC> | OutputOf<typeof ScriptedPlanC>;

export const ScriptedEventC: Fast<ScriptedEvent, EncodedScriptedEvent> = byShape('ScriptedEvent', {
  participant: ScriptedParticipantC,
  plan: ScriptedPlanC,
  unknown: envelope('ScriptedEvent', false, 'optional'),
});
