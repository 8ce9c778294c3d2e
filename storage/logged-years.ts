/**
 * A participant's log by plan year, with which events were inputs: what replay feeds back to
 * the participant machine (inputs) and what it expects the machine to derive (the rest).
 * One index lookup and one segment read per participant-year.
 */
import type { EventLog } from './log.js';
import { decodeSegment } from './segment.js';
import { employeeSegments, employeesInRange } from './segment-index.js';
import type { RowEvent } from './segment.js';
import type { IsoDate } from '../rules/calendar.js';
import type { DerivedEvent, Payload } from '../actors/events/index.js';
import type { LoggedYear } from './replay.js';

export function loggedYears(log: EventLog, scenarioId: string, employeeId: string, fromYear = 0, toDate = '\uffff'): LoggedYear[] {
  const { env, segments } = log.dbs;
  const from = `${String(fromYear).padStart(4, '0')}-01-01`;
  const txn = env.useReadTransaction();
  try {
    const out: LoggedYear[] = [];
    for (const { first, firstDate, lastDate } of employeeSegments(log.dbs, scenarioId, employeeId, txn)) {
      // The index holds each segment's date span: skip what replay does not need without reading it.
      if (lastDate < from || firstDate > toDate) continue;
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
  const txn = log.dbs.env.useReadTransaction();
  try {
    return [...employeesInRange(log.dbs, scenarioId, txn)].map(([id]) => id);
  } finally {
    txn.done();
  }
}
