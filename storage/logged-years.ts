/**
 * A participant's log by plan year, with which events were inputs: what replay feeds back to
 * the participant machine (inputs) and what it expects the machine to derive (the rest).
 * One range read of the participant index, one segment read per participant-year.
 */
import type { EventLog } from './log.js';
import { MAX_SEQ } from './log.js';
import { decodeSegment } from './segment.js';
import type { RowEvent } from './segment.js';
import type { IsoDate } from '../rules/calendar.js';
import type { DerivedEvent, Payload } from '../actors/events/index.js';
import type { LoggedYear } from './replay.js';

export function loggedYears(log: EventLog, scenarioId: string, employeeId: string, fromYear = 0, toDate = '\uffff'): LoggedYear[] {
  const { env, participants, segments } = log.dbs;
  const from = `${String(fromYear).padStart(4, '0')}-01-01`;
  const txn = env.useReadTransaction();
  try {
    const out: LoggedYear[] = [];
    const range = participants.getRange({ start: [scenarioId, employeeId, 0], end: [scenarioId, employeeId, MAX_SEQ], transaction: txn });
    for (const { key, value } of range) {
      // The index holds each segment's date span: skip what replay does not need without reading it.
      const [, firstDate, lastDate] = value;
      if (lastDate < from || firstDate > toDate) continue;
      const first = key[2];
      const buf = segments.get([scenarioId, first], { transaction: txn });
      if (buf === undefined) throw new Error(`${log.dir}: index names segment ${scenarioId}@${first}, which is missing; run vested check`);
      const seg = decodeSegment(buf);
      // Replay compares dates and payloads only: no event ids to derive.
      const events: DerivedEvent[] = (seg.rows as readonly RowEvent[]).map((r) => ({
        employeeId,
        effectiveDate: r.effectiveDate as IsoDate,
        payload: r.payload as unknown as Payload,
      }));
      const year = seg.year ?? Number(events[0]?.effectiveDate.slice(0, 4));
      const last = out[out.length - 1];
      const offset = last !== undefined && last.year === year ? last.events.length : 0;
      const inputs = new Set<number>((seg.inputs ?? []).map((k) => k + offset));
      if (offset > 0) out[out.length - 1] = { year, events: [...last!.events, ...events], inputs: new Set([...last!.inputs, ...inputs]) };
      else out.push({ year, events, inputs });
    }
    return out;
  } finally {
    txn.done();
  }
}

/** The employee ids of a scenario's participants, ascending. */
export function participantIds(log: EventLog, scenarioId: string): string[] {
  const ids: string[] = [];
  let last: string | undefined;
  for (const key of log.dbs.participants.getKeys({ start: [scenarioId, '', 0], end: [scenarioId, '\uffff', 0] })) {
    const id = key[1];
    if (id !== last) ids.push(id);
    last = id;
  }
  return ids;
}
