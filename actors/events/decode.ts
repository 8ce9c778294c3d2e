/**
 * Decoding at the edges: JSON in, `Either` out, with messages ready to print. Valid input
 * takes the fast path only; the io-ts walk that explains errors runs only for invalid input.
 */
import { left, right } from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { INVALID } from './fast.js';
import type { Fast } from './fast.js';
import { EventC, ScriptedEventC } from './envelope.js';
import type { ScriptedEvent, VestedEvent } from './envelope.js';
import { PayloadC } from './payloads.js';
import type { Payload } from './payloads.js';
import { formatErrors } from './report.js';

function decodeWith<A>(codec: Fast<A, unknown>, json: unknown): Either<readonly string[], A> {
  const v = codec.fast(json);
  if (v !== INVALID) return right(v);
  const context: t.Context = [{ key: '', type: codec, actual: json }];
  const r = codec.validate(json, context);
  return r._tag === 'Right' ? right(r.right) : left(formatErrors(r.left));
}

/** A logged event (full envelope) from parsed JSON. */
export const decodeEvent = (json: unknown): Either<readonly string[], VestedEvent> => decodeWith(EventC, json);

/** A scenario's scripted event: only employeeId (except plan-level), effectiveDate and payload required. */
export const decodeScriptedEvent = (json: unknown): Either<readonly string[], ScriptedEvent> =>
  decodeWith(ScriptedEventC, json);

/** A payload alone (paths then start at the payload: `amount`, not `payload.amount`). */
export const decodePayload = (json: unknown): Either<readonly string[], Payload> => decodeWith(PayloadC, json);

/** One line of a `.jsonl` file: text that is not JSON is an error like any other. */
export function decodeEventJson(line: string): Either<readonly string[], VestedEvent> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return left([`not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  return decodeEvent(json);
}
