/**
 * One line of a JSONL event file to what the log appends (`vested ingest`): parsed, upcast
 * when it was written under an older schemaVersion, then decoded with the events codec; or
 * every problem of the line, with paths from the event root.
 */
import { CURRENT_SCHEMA_VERSION, decodeEvent } from '../actors/events/index.js';
import type { AppendRecord } from './log.js';
import { upcast } from './upcast.js';

/**
 * Module constants rather than imported bindings in the per-line code: an ingest's decoding
 * threads load this module as CommonJS (piscina requires it through tsx), where every use of an
 * imported binding is a getter call.
 */
const decode = decodeEvent;
const CURRENT = CURRENT_SCHEMA_VERSION;

/** One line to an append record, or its problems (paths from the event root). */
export function decodeLine(raw: string): { ok: true; record: AppendRecord } | { ok: false; problems: readonly string[] } {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.trim() === '') return { ok: false, problems: ['empty line; expected one JSON event per line'] };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { ok: false, problems: [`not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  const version = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['schemaVersion'] : undefined;
  const legacy = typeof version === 'number' && Number.isInteger(version) && version >= 1 && version < CURRENT;
  let current = json;
  if (legacy) {
    try {
      current = upcast(json as Record<string, unknown>, CURRENT);
    } catch (e) {
      return { ok: false, problems: [e instanceof Error ? e.message : String(e)] };
    }
  }
  const r = decode(current);
  if (r._tag === 'Left') return { ok: false, problems: legacy ? r.left.map((p) => `(schemaVersion ${String(version)}, upcast) ${p}`) : r.left };
  const e = r.right;
  if (legacy) {
    const { scenarioId, planDesignId, eventId, effectiveDate, employeeId } = e;
    const schemaVersion = version as number;
    const raw = json as Record<string, unknown>;
    return {
      ok: true,
      record: employeeId === undefined
        ? { scenarioId, planDesignId, schemaVersion, eventId, effectiveDate, legacy: raw }
        : { scenarioId, planDesignId, schemaVersion, eventId, employeeId, effectiveDate, legacy: raw },
    };
  }
  // The decoded event is a record as it is (its sequence, the file's, is not read): no copy per line.
  return { ok: true, record: e };
}
