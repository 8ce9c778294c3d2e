/**
 * Turning a stored segment back into logged events: the envelope is rebuilt from the key
 * (scenario, first sequence) and the segment header, ids are computed for derived segments,
 * and legacy segments go through the upcasters and the event decoder.
 */
import { CURRENT_SCHEMA_VERSION, decodeEvent } from '../actors/events/index.js';
import type { Payload, VestedEvent } from '../actors/events/index.js';
import type { IsoDate } from '../rules/calendar.js';
import { deriveEventId } from './ids.js';
import type { RowEvent, Segment } from './segment.js';
import { upcast } from './upcast.js';

/** The events of the segment stored at [scenarioId, first], in sequence order. */
export function segmentEvents(scenarioId: string, first: number, seg: Segment): VestedEvent[] {
  const out = new Array<VestedEvent>(seg.count);
  if (seg.kind === 'legacy') {
    (seg.rows as readonly Record<string, unknown>[]).forEach((raw, k) => {
      const sequence = first + k;
      const r = decodeEvent({ ...upcast(raw, CURRENT_SCHEMA_VERSION), sequence });
      if (r._tag === 'Left') {
        throw new RangeError(`${scenarioId}@${sequence}: stored schemaVersion ${String(raw['schemaVersion'])} event does not upcast to a valid event: ${r.left.join('; ')}`);
      }
      out[k] = r.right;
    });
    return out;
  }
  const emp = seg.employeeId ?? '';
  const rows = seg.rows as readonly RowEvent[];
  const { planDesignId, schemaVersion, employeeId } = seg;
  for (let k = 0; k < seg.count; k++) {
    const row = rows[k]!;
    const eventId = seg.kind === 'derived' ? deriveEventId(scenarioId, emp, seg.year!, k) : seg.ids![k]!;
    const effectiveDate = row.effectiveDate as IsoDate;
    const payload = row.payload as unknown as Payload;
    const sequence = first + k;
    out[k] = employeeId === null
      ? { eventId, scenarioId, planDesignId, effectiveDate, sequence, schemaVersion, payload }
      : { eventId, scenarioId, planDesignId, employeeId, effectiveDate, sequence, schemaVersion, payload };
  }
  return out;
}
