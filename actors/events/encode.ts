/**
 * Encoding to the canonical interchange JSON: money as strings with 2 decimals, rates with
 * 4, keys in canonical order (envelope: eventId, scenarioId, planDesignId, employeeId?,
 * effectiveDate, sequence, schemaVersion, payload; payload: eventType, then DESIGN.md's
 * order; map keys sorted). `decode` then `encode` gives back canonical input unchanged.
 */
import { EventC, ScriptedEventC } from './envelope.js';
import type { DerivedEvent, EncodedEvent, EncodedScriptedEvent, ScriptedEvent, VestedEvent } from './envelope.js';
import { PayloadC } from './payloads.js';
import type { Payload } from './payloads.js';
import type { OutputOf } from './fast.js';

export type EncodedPayload = OutputOf<typeof PayloadC>;

export const encodeEvent = (e: VestedEvent): EncodedEvent => EventC.encode(e);

export const encodePayload = (p: Payload): EncodedPayload => PayloadC.encode(p);

/** A derived or scripted event in the scripted-event interchange form (what a scenario file holds). */
export const encodeDerived = (e: DerivedEvent | ScriptedEvent): EncodedScriptedEvent => ScriptedEventC.encode(e);

/** One line of a `.jsonl` export, without the newline. */
export const eventToJsonLine = (e: VestedEvent): string => JSON.stringify(EventC.encode(e));
