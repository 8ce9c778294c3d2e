/**
 * The event protocol (DESIGN.md "Events"): io-ts codecs for the envelope and every payload,
 * the types derived from them, decoding with readable errors, canonical encoding, factories.
 */
export * from './enums.js';
export * from './payloads.js';
export { CURRENT_SCHEMA_VERSION, EventC, ScriptedEventC } from './envelope.js';
export type { VestedEvent, DerivedEvent, ScriptedEvent, EncodedEvent, EncodedScriptedEvent } from './envelope.js';
export { decodeEvent, decodeScriptedEvent, decodePayload, decodeEventJson } from './decode.js';
export { encodeEvent, encodePayload, encodeDerived, eventToJsonLine } from './encode.js';
export type { EncodedPayload } from './encode.js';
export { formatErrors, pathOf } from './report.js';
export { events, payloads, envelope, assertValid } from './factories.js';
export type { Derived, EnvelopeFields } from './factories.js';
export { INVALID, leaf, composite, show, kindOf } from './fast.js';
export type { Fast, AnyFast, Invalid, TypeOf, OutputOf } from './fast.js';
export { money, rate, date, uuid, text, int, bool, oneOf, literal } from './scalars.js';
export { strict, optional } from './strict.js';
export { recordOf, byListOrder, byCodeUnits } from './record.js';
export type { MapOf } from './record.js';
export { tagged, selected } from './union.js';
